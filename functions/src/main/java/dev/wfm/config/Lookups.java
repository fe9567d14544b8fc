package dev.wfm.config;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.wfm.common.Json;
import dev.wfm.http.ApiException;
import dev.wfm.http.ErrorDetail;
import dev.wfm.http.JsonFields;
import dev.wfm.store.DocumentStore;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The item's lookup tables: {@code priorities} and {@code jobStatuses}. Each has sensible
 * defaults until an admin replaces it; values are what jobs store, labels what people read.
 */
public final class Lookups {
    static final String KIND = "LOOKUP";
    public static final String PRIORITIES = "priorities";
    public static final String JOB_STATUSES = "jobStatuses";
    private static final int MAX_VALUES = 100;

    private static final Map<String, List<String>> DEFAULTS = Map.of(
            PRIORITIES, List.of("Low", "Medium", "High", "Critical"),
            JOB_STATUSES, List.of("New", "In progress", "On hold", "Completed", "Cancelled"));
    public static final String DEFAULT_PRIORITY = "Medium";
    public static final String DEFAULT_JOB_STATUS = "New";

    private final DocumentStore documents;

    public Lookups(DocumentStore documents) {
        this.documents = documents;
    }

    /** The lookup as stored, or its defaults; the answer carries the revision to update it with. */
    public ObjectNode get(String itemId, String name) {
        requireKnown(name);
        return documents.get(itemId, KIND, name)
                .map(document -> document.body().deepCopy().put("revision", document.revision()))
                .orElseGet(() -> defaults(name).put("revision", 0));
    }

    /** The values of a lookup, for checking a job's or template's field against it. */
    public Set<String> values(String itemId, String name) {
        Set<String> values = new HashSet<>();
        get(itemId, name).path("values").forEach(entry -> values.add(entry.path("value").asText()));
        return values;
    }

    /** Replaces the lookup's values; {@code revision} (0 for the defaults) guards against lost updates. */
    public ObjectNode replace(String itemId, String name, JsonNode body) {
        requireKnown(name);
        // name and revision as a GET answers them: a lookup read, changed and written back is accepted
        JsonFields.refuseUnknown(body, "", "name", "values", "revision");
        String sentName = JsonFields.optionalString(body, "name", JsonFields.MAX_ID_LENGTH);
        if (sentName != null && !sentName.equals(name)) {
            throw ApiException.invalid("The body names lookup '" + sentName + "', not '" + name + "'", "name");
        }
        ObjectNode stored = Json.object().put("name", name);
        stored.set("values", parseValues(body.get("values")));
        Long revision = JsonFields.optionalLong(body, "revision", 0, Long.MAX_VALUE);
        var current = documents.get(itemId, KIND, name);
        long expected = revision == null ? current.map(DocumentStore.Document::revision).orElse(0L) : revision;
        boolean written = expected == 0 && current.isEmpty()
                ? documents.create(itemId, KIND, name, stored)
                : documents.replace(itemId, KIND, name, expected, stored);
        if (!written) {
            throw ApiException.conflict("Lookup '" + name + "' changed since revision " + expected + "; read it again and reapply your change", "revision");
        }
        return get(itemId, name);
    }

    static ObjectNode defaults(String name) {
        ObjectNode lookup = Json.object().put("name", name);
        ArrayNode values = lookup.putArray("values");
        List<String> defaults = DEFAULTS.get(name);
        for (int i = 0; i < defaults.size(); i++) {
            values.addObject().put("value", defaults.get(i)).put("label", defaults.get(i)).put("order", i + 1);
        }
        return lookup;
    }

    private static void requireKnown(String name) {
        if (!DEFAULTS.containsKey(name)) {
            throw ApiException.notFound("No lookup '" + name + "'; the lookups are " + PRIORITIES + " and " + JOB_STATUSES, "lookupName");
        }
    }

    static ArrayNode parseValues(JsonNode values) {
        if (values == null || !values.isArray() || values.isEmpty()) {
            throw ApiException.invalid("Field 'values' must be a non-empty array of {value, label?}", "values");
        }
        if (values.size() > MAX_VALUES) {
            throw ApiException.invalid("A lookup holds at most " + MAX_VALUES + " values; got " + values.size(), "values");
        }
        List<ErrorDetail> problems = new ArrayList<>();
        Set<String> seen = new HashSet<>();
        ArrayNode parsed = Json.MAPPER.createArrayNode();
        for (int i = 0; i < values.size(); i++) {
            JsonNode entry = values.get(i);
            String target = "values[" + i + "]";
            if (entry.isObject()) {
                JsonFields.refuseUnknown(entry, target, "value", "label", "order"); // order as a GET answers it; the position decides
            }
            String value = entry.isTextual() ? entry.asText() : entry.path("value").asText("");
            if (value.isBlank() || value.length() > 100) {
                problems.add(new ErrorDetail("INVALID_FIELD", "Expected a value of 1 to 100 characters", target));
                continue;
            }
            if (!seen.add(value)) {
                problems.add(new ErrorDetail("DUPLICATE_VALUE", "Value '" + value + "' appears twice", target));
            }
            JsonNode label = entry.path("label");
            if (!label.isMissingNode() && !label.isNull() && !label.isTextual()) {
                problems.add(new ErrorDetail("INVALID_FIELD", "Expected label to be a string", target + ".label"));
            }
            parsed.addObject().put("value", value).put("label", label.isTextual() ? label.asText() : value).put("order", i + 1);
        }
        if (!problems.isEmpty()) {
            throw new ApiException(dev.wfm.http.ErrorCode.INVALID_ARGUMENT, "The lookup values are not valid", "values", problems, Map.of());
        }
        return parsed;
    }
}
