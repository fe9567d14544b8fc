package dev.wfm.common;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;

/** Typed reads of request fields that turn wrong types into INVALID_ARGUMENT naming the field. */
public final class JsonFields {
    /**
     * The longest id or name a request may give (in UTF-16 units, at most 3 bytes of UTF-8 each):
     * any key built from one stays well within DynamoDB's key limits (partition key 2,048 bytes,
     * sort key 1,024 bytes).
     */
    public static final int MAX_ID_LENGTH = 200;

    private JsonFields() {}

    /**
     * Refuses every member of {@code object} that is not one of {@code known}: a misspelt or
     * unsupported field is the caller's mistake, never silently dropped. {@code at} is the
     * object's place in the body ("" for the body itself), for the error's target.
     */
    public static void refuseUnknown(JsonNode object, String at, Set<String> known) {
        for (Iterator<String> names = object.fieldNames(); names.hasNext(); ) {
            String name = names.next();
            if (!known.contains(name)) {
                String target = at.isEmpty() ? name : at + "." + name;
                throw Refusal.invalid("Unknown field '" + target + "'; expected one of " + new TreeSet<>(known), target);
            }
        }
    }

    public static void refuseUnknown(JsonNode object, String at, String... known) {
        refuseUnknown(object, at, Set.of(known));
    }

    /** true or false, {@code absent} when not given; anything else ("yes", 1, "") is refused, not read as false. */
    public static boolean optionalBoolean(JsonNode body, String field, boolean absent) {
        JsonNode node = body.get(field);
        if (node == null || node.isNull()) {
            return absent;
        }
        if (!node.isBoolean()) {
            throw Refusal.invalid("Field '" + field + "' must be true or false, but is " + node.getNodeType().name().toLowerCase(), field);
        }
        return node.booleanValue();
    }

    /** A whole number from {@code min} to {@code max}, or null when absent; see {@link #wholeNumber}. */
    public static Integer optionalInt(JsonNode body, String field, int min, int max) {
        JsonNode node = body.get(field);
        return node == null || node.isNull() ? null : (int) wholeNumber(node, field, min, max);
    }

    /** A whole number from {@code min} to {@code max}, or null when absent; see {@link #wholeNumber}. */
    public static Long optionalLong(JsonNode body, String field, long min, long max) {
        JsonNode node = body.get(field);
        return node == null || node.isNull() ? null : wholeNumber(node, field, min, max);
    }

    /**
     * The node as a whole number from {@code min} to {@code max}. Only a JSON integer is one:
     * 3.9 is never read as 3, nor 4294967297 as 1, nor "3" as 3.
     */
    public static long wholeNumber(JsonNode node, String target, long min, long max) {
        if (!node.isIntegralNumber() || !node.canConvertToLong() || node.longValue() < min || node.longValue() > max) {
            String found = node.isNumber() ? node.asText() : node.getNodeType().name().toLowerCase();
            throw Refusal.invalid("Field '" + target + "' must be a whole number from " + min + " to " + max + ", but is " + found, target);
        }
        return node.longValue();
    }

    public static String requiredString(JsonNode body, String field, int maxLength) {
        String value = optionalString(body, field, maxLength);
        if (value == null || value.isBlank()) {
            throw Refusal.invalid("Field '" + field + "' is required and must be a non-empty string", field);
        }
        return value;
    }

    public static String optionalString(JsonNode body, String field, int maxLength) {
        JsonNode node = body.get(field);
        if (node == null || node.isNull()) {
            return null;
        }
        if (!node.isTextual()) {
            throw Refusal.invalid("Field '" + field + "' must be a string, but is " + node.getNodeType().name().toLowerCase(), field);
        }
        String value = node.asText();
        if (value.length() > maxLength) {
            throw Refusal.invalid("Field '" + field + "' is " + value.length() + " characters long; the limit is " + maxLength, field);
        }
        return value;
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
            throw Refusal.invalid(field + " must be an ISO-8601 UTC time such as 2026-12-01T17:00:00Z", field);
        }
    }

    public static List<String> stringList(JsonNode node, String target) {
        if (node == null || node.isNull()) {
            return List.of();
        }
        if (!node.isArray()) {
            throw Refusal.invalid("Field '" + target + "' must be an array of strings", target);
        }
        List<String> values = new ArrayList<>();
        for (int i = 0; i < node.size(); i++) {
            JsonNode entry = node.get(i);
            if (!entry.isTextual() || entry.asText().isBlank() || entry.asText().length() > MAX_ID_LENGTH) {
                throw Refusal.invalid("Entry " + i + " of '" + target + "' must be a non-empty string of at most "
                        + MAX_ID_LENGTH + " characters", target + "[" + i + "]");
            }
            values.add(entry.asText());
        }
        return List.copyOf(values);
    }
}
