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
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Definitions of extended property tables: custom, typed job data. A one-to-one table adds
 * fields to a job; a one-to-many ("related") table holds any number of records per job.
 * Field names are identifiers because queries name them as {@code table.field}.
 */
public final class ExtendedPropertyTables {
    static final String KIND = "EXTPROP";
    private static final Pattern IDENTIFIER = Pattern.compile("[A-Za-z][A-Za-z0-9_]{0,63}");
    private static final Set<String> TYPES = Set.of("string", "integer", "double", "boolean", "date");
    private static final Set<String> RELATIONSHIPS = Set.of("oneToOne", "oneToMany");
    private static final int MAX_FIELDS = 100;
    private static final Set<String> FIELDS = Set.of("name", "relationship", "fields");
    /** A PUT replaces the table: the revision a GET answers is accepted back (read, change, write). */
    private static final Set<String> REPLACE_FIELDS = Set.of("name", "relationship", "fields", "revision");
    private static final Set<String> FIELD_MEMBERS = Set.of("name", "type", "required", "label", "maxLength", "lookupTable");

    private final DocumentStore documents;
    private final NamedDocuments tables;

    public ExtendedPropertyTables(DocumentStore documents) {
        this.documents = documents;
        this.tables = new NamedDocuments(documents, KIND, "Extended property table", "tableName");
    }

    public String create(String itemId, JsonNode body) {
        JsonFields.refuseUnknown(body, "", FIELDS);
        ObjectNode table = parse(body);
        requireLookupTables(itemId, table);
        return tables.create(itemId, table);
    }

    public ObjectNode get(String itemId, String name) {
        return tables.get(itemId, name);
    }

    public List<ObjectNode> list(String itemId) {
        return tables.list(itemId);
    }

    public ObjectNode update(String itemId, String name, JsonNode body) {
        return tables.replace(itemId, name, body, () -> {
            JsonFields.refuseUnknown(body, "", REPLACE_FIELDS);
            ObjectNode table = parse(body);
            requireLookupTables(itemId, table);
            return table;
        });
    }

    public void delete(String itemId, String name, JobTemplates templates) {
        tables.find(itemId, name);
        List<String> users = templates.list(itemId).stream()
                .filter(template -> template.path("extendedPropertyTables").toString().contains("\"" + name + "\""))
                .map(template -> template.path("jobTemplateId").asText())
                .toList();
        if (!users.isEmpty()) {
            throw Refusal.conflict("Extended property table '" + name + "' is used by job templates " + users
                    + "; remove it from them first", "name");
        }
        documents.delete(itemId, KIND, name);
    }

    /**
     * The table's definition as values are checked against it: each field that takes its values
     * from a lookup table carries them as {@code allowedValues} (read now; a table gone since gives none).
     */
    public ObjectNode resolved(String itemId, String name) {
        ObjectNode table = get(itemId, name);
        for (JsonNode field : table.path("fields")) {
            String lookupTable = field.path("lookupTable").asText(null);
            if (lookupTable != null) {
                ArrayNode allowed = ((ObjectNode) field).putArray("allowedValues");
                documents.get(itemId, LookupTables.KIND, lookupTable)
                        .ifPresent(lookup -> lookup.body().path("values").findValuesAsText("value").forEach(allowed::add));
            }
        }
        return table;
    }

    /** Every lookup table a field names exists in the item. */
    private void requireLookupTables(String itemId, ObjectNode table) {
        JsonNode fields = table.path("fields");
        for (int i = 0; i < fields.size(); i++) {
            String lookupTable = fields.get(i).path("lookupTable").asText(null);
            if (lookupTable != null && documents.get(itemId, LookupTables.KIND, lookupTable).isEmpty()) {
                throw Refusal.invalid("Lookup table '" + lookupTable + "' does not exist in this workflow item", "fields[" + i + "].lookupTable");
            }
        }
    }

    static ObjectNode parse(JsonNode body) {
        String name = JsonFields.requiredString(body, "name", 64);
        if (!IDENTIFIER.matcher(name).matches()) {
            throw Refusal.invalid("Table name '" + name + "' must start with a letter and hold only letters, digits and _ (64 at most)", "name");
        }
        String relationship = JsonFields.optionalString(body, "relationship", 20);
        if (relationship == null) {
            relationship = "oneToOne";
        }
        if (!RELATIONSHIPS.contains(relationship)) {
            throw Refusal.invalid("Expected relationship oneToOne or oneToMany, but got '" + relationship + "'", "relationship");
        }
        JsonNode fields = body.get("fields");
        if (fields == null || !fields.isArray() || fields.isEmpty() || fields.size() > MAX_FIELDS) {
            throw Refusal.invalid("Field 'fields' must be an array of 1 to " + MAX_FIELDS + " field definitions", "fields");
        }
        List<Refusal.Detail> problems = new ArrayList<>();
        Set<String> seen = new HashSet<>();
        ArrayNode parsedFields = Json.MAPPER.createArrayNode();
        for (int i = 0; i < fields.size(); i++) {
            JsonNode field = fields.get(i);
            String target = "fields[" + i + "]";
            if (!field.isObject()) {
                problems.add(new Refusal.Detail("INVALID_FIELD", "Expected a field definition {name, type, required?, label?, maxLength?, lookupTable?}", target));
                continue;
            }
            field.fieldNames().forEachRemaining(member -> {
                if (!FIELD_MEMBERS.contains(member)) {
                    problems.add(new Refusal.Detail("UNKNOWN_FIELD", "Unknown field '" + member + "'; expected one of "
                            + new java.util.TreeSet<>(FIELD_MEMBERS), target + "." + member));
                }
            });
            if (field.has("required") && !field.get("required").isBoolean()) {
                problems.add(new Refusal.Detail("INVALID_FIELD", "required is true or false", target + ".required"));
            }
            String fieldName = field.path("name").asText("");
            String type = field.path("type").asText("");
            if (!IDENTIFIER.matcher(fieldName).matches()) {
                problems.add(new Refusal.Detail("INVALID_FIELD", "Field name '" + fieldName + "' must be an identifier", target + ".name"));
            } else if (!seen.add(fieldName)) {
                problems.add(new Refusal.Detail("DUPLICATE_FIELD", "Field '" + fieldName + "' is defined twice", target + ".name"));
            }
            if (!TYPES.contains(type)) {
                problems.add(new Refusal.Detail("INVALID_FIELD", "Expected type one of " + TYPES.stream().sorted().toList() + ", but got '" + type + "'", target + ".type"));
            }
            ObjectNode parsed = parsedFields.addObject().put("name", fieldName).put("type", type)
                    .put("required", field.path("required").asBoolean(false));
            if (field.path("label").isTextual()) {
                parsed.put("label", field.path("label").asText());
            }
            if (field.has("lookupTable")) {
                if (!"string".equals(type) || !field.get("lookupTable").isTextual()) {
                    problems.add(new Refusal.Detail("INVALID_FIELD", "lookupTable names a lookup table, for string fields only",
                            target + ".lookupTable"));
                } else {
                    parsed.put("lookupTable", field.get("lookupTable").asText());
                }
            }
            if (field.has("maxLength")) {
                JsonNode maxLength = field.get("maxLength");
                if (!"string".equals(type) || !maxLength.isIntegralNumber() || !maxLength.canConvertToInt() || maxLength.asInt() < 1) {
                    problems.add(new Refusal.Detail("INVALID_FIELD", "maxLength is a positive whole number, for string fields only", target + ".maxLength"));
                } else {
                    parsed.put("maxLength", field.get("maxLength").asInt());
                }
            }
        }
        if (!problems.isEmpty()) {
            throw new Refusal(Refusal.Kind.INVALID_ARGUMENT, "The table definition has " + problems.size() + " problem(s)", "fields", problems, Map.of());
        }
        ObjectNode table = Json.object().put("name", name).put("relationship", relationship);
        table.set("fields", parsedFields);
        return table;
    }
}
