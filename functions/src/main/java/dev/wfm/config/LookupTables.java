package dev.wfm.config;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.wfm.common.Json;
import dev.wfm.common.JsonFields;
import dev.wfm.common.Refusal;
import dev.wfm.store.DocumentStore;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * An item's own lookup tables, besides its priorities and statuses ({@link Lookups}): named lists
 * of values (each with a label people read) that extended property fields take their values from
 * ({@code "lookupTable": "landUse"} on a string field). A table a field names cannot be deleted;
 * a value taken out stays on the jobs that hold it (a later update of the field must pick one of
 * the values the table has then).
 */
public final class LookupTables {
    static final String KIND = "LOOKUPTABLE";
    private static final Pattern IDENTIFIER = Pattern.compile("[A-Za-z][A-Za-z0-9_]{0,63}");
    private static final int MAX_VALUES = 1000;
    private static final int MAX_VALUE_LENGTH = 200;
    private static final Set<String> FIELDS = Set.of("name", "values");
    /** A PUT replaces the table: what a GET answered (its revision, the guard) is accepted back. */
    private static final Set<String> REPLACE_FIELDS = Set.of("name", "values", "revision");

    private final DocumentStore documents;
    private final NamedDocuments tables;

    public LookupTables(DocumentStore documents) {
        this.documents = documents;
        this.tables = new NamedDocuments(documents, KIND, "Lookup table", "lookupTableName");
    }

    public String create(String itemId, JsonNode body) {
        JsonFields.refuseUnknown(body, "", FIELDS);
        return tables.create(itemId, parse(body));
    }

    public ObjectNode get(String itemId, String name) {
        return tables.get(itemId, name);
    }

    public List<ObjectNode> list(String itemId) {
        return tables.list(itemId);
    }

    /** Replaces the table's values at the revision read ({@code revision}, else the current one): 409 when it changed since. */
    public ObjectNode replace(String itemId, String name, JsonNode body) {
        return tables.replace(itemId, name, body, () -> {
            JsonFields.refuseUnknown(body, "", REPLACE_FIELDS);
            return parse(body);
        });
    }

    /** Deletes the table unless an extended property field takes its values from it (409 naming them). */
    public void delete(String itemId, String name) {
        tables.find(itemId, name);
        List<String> users = documents.list(itemId, ExtendedPropertyTables.KIND).stream()
                .flatMap(table -> fieldsNaming(table.body(), name).stream()).toList();
        if (!users.isEmpty()) {
            throw Refusal.conflict("Lookup table '" + name + "' gives the values of " + users + "; take it off those fields first", "name");
        }
        documents.delete(itemId, KIND, name);
    }

    /** The table's values, if it exists. */
    public Optional<List<String>> values(String itemId, String name) {
        return documents.get(itemId, KIND, name).map(document -> document.body().path("values").findValuesAsText("value"));
    }

    private static List<String> fieldsNaming(JsonNode table, String lookupTable) {
        List<String> fields = new ArrayList<>();
        table.path("fields").forEach(field -> {
            if (lookupTable.equals(field.path("lookupTable").asText(null))) {
                fields.add(table.path("name").asText() + "." + field.path("name").asText());
            }
        });
        return fields;
    }

    private static ObjectNode parse(JsonNode body) {
        String name = JsonFields.requiredString(body, "name", 64);
        if (!IDENTIFIER.matcher(name).matches()) {
            throw Refusal.invalid("Lookup table name '" + name + "' must start with a letter and hold only letters, digits and _", "name");
        }
        JsonNode values = body.get("values");
        if (values == null || !values.isArray() || values.isEmpty() || values.size() > MAX_VALUES) {
            throw Refusal.invalid("Field 'values' must be an array of 1 to " + MAX_VALUES + " {value, label?}", "values");
        }
        ArrayNode parsed = Json.MAPPER.createArrayNode();
        Set<String> seen = new HashSet<>();
        for (int i = 0; i < values.size(); i++) {
            JsonNode entry = values.get(i);
            String at = "values[" + i + "]";
            if (!entry.isObject()) {
                throw Refusal.invalid("Expected " + at + " to be {value, label?}", at);
            }
            JsonFields.refuseUnknown(entry, at, "value", "label");
            String value = JsonFields.requiredString(entry, "value", MAX_VALUE_LENGTH);
            if (!seen.add(value)) {
                throw Refusal.invalid("The value '" + value + "' is listed twice", at + ".value");
            }
            ObjectNode out = parsed.addObject().put("value", value);
            String label = JsonFields.optionalString(entry, "label", MAX_VALUE_LENGTH);
            if (label != null) {
                out.put("label", label);
            }
        }
        ObjectNode table = Json.object().put("name", name);
        table.set("values", parsed);
        return table;
    }
}
