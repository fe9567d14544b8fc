package dev.wfm.http;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;

/** Typed reads of request fields that turn wrong types into INVALID_ARGUMENT naming the field. */
public final class JsonFields {
    private JsonFields() {}

    public static String requiredString(JsonNode body, String field, int maxLength) {
        String value = optionalString(body, field, maxLength);
        if (value == null || value.isBlank()) {
            throw ApiException.invalid("Field '" + field + "' is required and must be a non-empty string", field);
        }
        return value;
    }

    public static String optionalString(JsonNode body, String field, int maxLength) {
        JsonNode node = body.get(field);
        if (node == null || node.isNull()) {
            return null;
        }
        if (!node.isTextual()) {
            throw ApiException.invalid("Field '" + field + "' must be a string, but is " + node.getNodeType().name().toLowerCase(), field);
        }
        String value = node.asText();
        if (value.length() > maxLength) {
            throw ApiException.invalid("Field '" + field + "' is " + value.length() + " characters long; the limit is " + maxLength, field);
        }
        return value;
    }

    /** A list of token group names that are granted something, each one a token can carry exactly ({@link Identity#isCarriedExactly}). */
    public static List<String> groupNames(JsonNode node, String target) {
        List<String> groups = stringList(node, target);
        for (int i = 0; i < groups.size(); i++) {
            if (!Identity.isCarriedExactly(groups.get(i))) {
                throw ApiException.invalid("Group '" + groups.get(i) + "' cannot be told apart from other groups in a token: tokens' "
                        + "groups reach the API flattened as [a b c], so a group name may not contain whitespace, commas, brackets, "
                        + "quotes or control characters", target + "[" + i + "]");
            }
        }
        return groups;
    }

    /** An ISO-8601 UTC time field, normalised; null when absent. */
    public static String optionalTime(JsonNode body, String field) {
        String text = optionalString(body, field, 40);
        if (text == null) {
            return null;
        }
        try {
            return java.time.Instant.parse(text).toString();
        } catch (java.time.format.DateTimeParseException e) {
            throw ApiException.invalid(field + " must be an ISO-8601 UTC time such as 2026-12-01T17:00:00Z", field);
        }
    }

    public static List<String> stringList(JsonNode node, String target) {
        if (node == null || node.isNull()) {
            return List.of();
        }
        if (!node.isArray()) {
            throw ApiException.invalid("Field '" + target + "' must be an array of strings", target);
        }
        List<String> values = new ArrayList<>();
        for (int i = 0; i < node.size(); i++) {
            JsonNode entry = node.get(i);
            if (!entry.isTextual() || entry.asText().isBlank()) {
                throw ApiException.invalid("Entry " + i + " of '" + target + "' must be a non-empty string", target + "[" + i + "]");
            }
            values.add(entry.asText());
        }
        return List.copyOf(values);
    }
}
