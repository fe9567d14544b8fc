package dev.wfm.jobs;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.wfm.common.Json;
import dev.wfm.common.JsonFields;
import dev.wfm.common.Refusal;
import dev.wfm.config.ExtendedPropertyTables;
import dev.wfm.config.JobTemplate;
import dev.wfm.config.JobTemplates;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Supplier;

/**
 * Values of a job's one-to-one extended property tables, set through the job update as
 * {@code extendedProperties: [{identifier: "table.field", value}]}: the table must be one its
 * template names and one-to-one, the field defined, the value of the field's type (null clears
 * it); a table with any value must have all its required fields. Dates are stored as ISO-8601
 * UTC instants. Related (one-to-many) tables hold records of their own, changed through
 * {@code relatedProperties}; see {@link #related}.
 */
public final class ExtendedProperties {
    private static final int MAX_VALUES = 200;
    private static final int DEFAULT_MAX_LENGTH = 4000;
    private static final int MAX_RELATED_WRITES = 50;
    /** The job's properties, these included, go into Step Functions states (256 KB) and the job's record (400 KB) twice. */
    private static final int MAX_BYTES = 100 * 1024;
    private static final String ONE_TO_ONE = "oneToOne";
    private static final String ONE_TO_MANY = "oneToMany";
    private final JobTemplates templates;
    private final ExtendedPropertyTables tables;

    public ExtendedProperties(JobTemplates templates, ExtendedPropertyTables tables) {
        this.templates = templates;
        this.tables = tables;
    }

    /**
     * The job's values with the request's applied, checked; {@code current} is not changed. The
     * changes are {@code [{identifier: "table.field", value}]} or {@code {"table.field": value}}.
     */
    public ObjectNode apply(Tables tables, ObjectNode current, JsonNode given) {
        JsonNode changes = given;
        if (given.isObject()) {
            // {"table.field": value, ...}: the form a webhook mapping writes most naturally
            com.fasterxml.jackson.databind.node.ArrayNode listed = Json.MAPPER.createArrayNode();
            given.fields().forEachRemaining(entry -> listed.addObject().put("identifier", entry.getKey()).set("value", entry.getValue()));
            changes = listed;
        }
        if (!changes.isArray() || changes.size() > MAX_VALUES) {
            throw Refusal.invalid("extendedProperties must be an array of at most " + MAX_VALUES + " {identifier, value}", "extendedProperties");
        }
        Map<String, ObjectNode> definitions = tables.oneToOne();
        ObjectNode values = current.deepCopy();
        for (int i = 0; i < changes.size(); i++) {
            String target = "extendedProperties[" + i + "]";
            JsonNode change = changes.get(i);
            if (change.isObject()) {
                JsonFields.refuseUnknown(change, target, "identifier", "value");
            }
            String identifier = change.path("identifier").asText("");
            int dot = identifier.indexOf('.');
            ObjectNode table = dot < 0 ? null : definitions.get(identifier.substring(0, dot));
            if (table == null) {
                throw Refusal.invalid("Expected an identifier 'table.field' of a one-to-one table of the job's template "
                        + definitions.keySet().stream().sorted().toList() + ", but got '" + identifier + "'", target + ".identifier");
            }
            ObjectNode row = values.has(table.path("name").asText()) ? (ObjectNode) values.get(table.path("name").asText())
                    : values.putObject(table.path("name").asText());
            setTyped(table, row, identifier.substring(dot + 1), change.path("value"), target + ".identifier", target + ".value");
        }
        definitions.forEach((name, table) -> {
            JsonNode row = values.path(name);
            if (row.isObject() && row.size() > 0) {
                requireFields(table, row, "extendedProperties");
            }
        });
        int bytes = Json.write(values).getBytes(StandardCharsets.UTF_8).length;
        if (bytes > MAX_BYTES) {
            throw new Refusal(Refusal.Kind.PAYLOAD_TOO_LARGE, "The job's extended property values would take " + bytes
                    + " bytes; they travel with the job into its execution's states, and hold at most " + MAX_BYTES, "extendedProperties",
                    List.of(), Map.of("limitBytes", Integer.toString(MAX_BYTES)));
        }
        return values;
    }

    /**
     * The writes that apply {@code relatedProperties} to the job's related records {@code existing},
     * in the shape of the JobsManager API: {@code adds: [{tableName, entries: [{properties}]}]},
     * {@code updates: [{tableName, entries: [{id, properties}]}]}, {@code deletes: [{tableName,
     * ids}]}, where {@code properties} is {@code [{propertyName, value}]} (or an object
     * {@code {field: value}}). Tables must be one-to-many ones the job's template names, values are
     * typed as in {@link #apply}, and every record keeps its required fields. Updates merge (null
     * clears); added records get new ids.
     */
    public List<RelatedWrite> related(Tables tables, List<RelatedRecord> existing, JsonNode changes, Supplier<String> newIds) {
        if (!changes.isObject()) {
            throw Refusal.invalid("relatedProperties must be an object {adds, updates, deletes}", "relatedProperties");
        }
        JsonFields.refuseUnknown(changes, "relatedProperties", "adds", "updates", "deletes");
        Map<String, ObjectNode> definitions = tables.oneToMany();
        Map<String, RelatedRecord> byKey = new HashMap<>();
        existing.forEach(record -> byKey.put(record.tableName() + "#" + record.recordId(), record));
        List<RelatedWrite> writes = new ArrayList<>();
        Set<String> touched = new HashSet<>();
        for (String kind : List.of("adds", "updates", "deletes")) {
            JsonNode listed = changes.path(kind);
            if (listed.isMissingNode() || listed.isNull()) {
                continue;
            }
            if (!listed.isArray()) {
                throw Refusal.invalid("relatedProperties." + kind + " must be an array", "relatedProperties." + kind);
            }
            for (int i = 0; i < listed.size(); i++) {
                String target = "relatedProperties." + kind + "[" + i + "]";
                String listName = kind.equals("deletes") ? "ids" : "entries";
                if (listed.get(i).isObject()) {
                    JsonFields.refuseUnknown(listed.get(i), target, "tableName", listName);
                }
                String tableName = listed.get(i).path("tableName").asText("");
                ObjectNode table = definitions.get(tableName);
                if (table == null) {
                    throw Refusal.invalid("Expected tableName to be a one-to-many table of the job's template "
                            + definitions.keySet().stream().sorted().toList() + ", but got '" + tableName + "'", target + ".tableName");
                }
                JsonNode list = listed.get(i).path(listName);
                if (!list.isArray() || list.isEmpty()) {
                    throw Refusal.invalid(target + "." + listName + " must be a non-empty array", target + "." + listName);
                }
                for (int j = 0; j < list.size(); j++) {
                    String at = target + "." + listName + "[" + j + "]";
                    JsonNode entry = list.get(j);
                    if (entry.isObject()) {
                        JsonFields.refuseUnknown(entry, at, kind.equals("adds") ? Set.of("properties") : Set.of("id", "properties"));
                    }
                    if (kind.equals("adds")) {
                        if (entry.has("id")) {
                            throw Refusal.invalid("An added record gets a new id; to change a record, list it in updates", at + ".id");
                        }
                        ObjectNode properties = typedProperties(table, Json.object(), entry.path("properties"), at + ".properties");
                        requireFields(table, properties, at);
                        writes.add(new RelatedWrite(RelatedWrite.Kind.ADD, new RelatedRecord(tableName, newIds.get(), properties)));
                        continue;
                    }
                    String idTarget = kind.equals("deletes") ? at : at + ".id";
                    String recordId = (kind.equals("deletes") ? entry : entry.path("id")).asText("");
                    RelatedRecord record = byKey.get(tableName + "#" + recordId);
                    if (record == null) {
                        throw Refusal.notFound("Job has no record '" + recordId + "' in table '" + tableName + "'", idTarget);
                    }
                    if (!touched.add(tableName + "#" + recordId)) {
                        throw Refusal.invalid("Record '" + recordId + "' of '" + tableName + "' is changed twice in one request", idTarget);
                    }
                    if (kind.equals("deletes")) {
                        writes.add(new RelatedWrite(RelatedWrite.Kind.DELETE, record));
                    } else {
                        ObjectNode properties = typedProperties(table, record.properties(), entry.path("properties"), at + ".properties");
                        requireFields(table, properties, at);
                        writes.add(new RelatedWrite(RelatedWrite.Kind.UPDATE, new RelatedRecord(tableName, recordId, properties)));
                    }
                }
            }
        }
        if (writes.size() > MAX_RELATED_WRITES) {
            throw Refusal.invalid("relatedProperties may change at most " + MAX_RELATED_WRITES + " records at once", "relatedProperties");
        }
        return writes;
    }

    /**
     * {@code current} with {@code changes} applied and type-checked: {@code [{propertyName, value}]}
     * or {@code {field: value}}; a null value clears the field.
     */
    private static ObjectNode typedProperties(ObjectNode table, ObjectNode current, JsonNode changes, String target) {
        Map<String, JsonNode> values = new LinkedHashMap<>();
        Map<String, String> targets = new HashMap<>();
        if (changes.isArray()) {
            for (int k = 0; k < changes.size(); k++) {
                if (changes.get(k).isObject()) {
                    JsonFields.refuseUnknown(changes.get(k), target + "[" + k + "]", "propertyName", "value");
                }
                String name = changes.get(k).path("propertyName").asText("");
                values.put(name, changes.get(k).path("value"));
                targets.put(name, target + "[" + k + "]");
            }
        } else if (changes.isObject()) {
            changes.fields().forEachRemaining(entry -> {
                values.put(entry.getKey(), entry.getValue());
                targets.put(entry.getKey(), target + "." + entry.getKey());
            });
        }
        if (values.isEmpty()) {
            throw Refusal.invalid("properties must be [{propertyName, value}] (or {field: value}) with at least one field", target);
        }
        ObjectNode properties = current.deepCopy();
        values.forEach((name, value) -> setTyped(table, properties, name, value, targets.get(name), targets.get(name)));
        return properties;
    }

    /** Sets {@code row}'s field to the value, type-checked (null or missing clears it); errors name the field's or the value's place. */
    private static void setTyped(ObjectNode table, ObjectNode row, String name, JsonNode value, String fieldTarget, String valueTarget) {
        JsonNode field = field(table, name);
        if (field == null) {
            throw Refusal.invalid("Table '" + table.path("name").asText() + "' has no field '" + name + "'", fieldTarget);
        }
        if (value.isNull() || value.isMissingNode()) {
            row.remove(name);
        } else {
            row.set(name, typed(field, value, table.path("name").asText() + "." + name, valueTarget));
        }
    }

    /** The searchable type of {@code table.field} for the search language: string, integer, double, boolean or date. */
    public Map<String, String> fieldTypes(String itemId) {
        Map<String, String> types = new HashMap<>();
        for (ObjectNode table : tables.list(itemId)) {
            if (ONE_TO_ONE.equals(table.path("relationship").asText())) {
                table.path("fields").forEach(field -> types.put(table.path("name").asText() + "." + field.path("name").asText(),
                        field.path("type").asText()));
            }
        }
        return types;
    }

    /** The definitions of the tables a job template names, by name: one-to-one and one-to-many. */
    public record Tables(Map<String, ObjectNode> oneToOne, Map<String, ObjectNode> oneToMany) {}

    public Tables tablesOf(String itemId, String jobTemplateId) {
        return tablesOf(itemId, templates.template(itemId, jobTemplateId));
    }

    /** The tables {@code template} names. */
    public Tables tablesOf(String itemId, JobTemplate template) {
        Map<String, ObjectNode> oneToOne = new HashMap<>();
        Map<String, ObjectNode> oneToMany = new HashMap<>();
        for (String name : template.extendedPropertyTables()) {
            ObjectNode table = tables.resolved(itemId, name);
            (ONE_TO_MANY.equals(table.path("relationship").asText()) ? oneToMany : oneToOne).put(name, table);
        }
        return new Tables(oneToOne, oneToMany);
    }

    private static JsonNode field(ObjectNode table, String name) {
        for (JsonNode field : table.path("fields")) {
            if (field.path("name").asText().equals(name)) {
                return field;
            }
        }
        return null;
    }

    private static JsonNode typed(JsonNode field, JsonNode value, String identifier, String target) {
        String type = field.path("type").asText();
        Instant date = type.equals("date") && value.isTextual() ? instant(value.asText()) : null;
        boolean ok = switch (type) {
            case "string" -> value.isTextual() && value.asText().length() <= field.path("maxLength").asInt(DEFAULT_MAX_LENGTH);
            case "integer" -> value.isIntegralNumber() && value.canConvertToLong();
            case "double" -> value.isNumber();
            case "boolean" -> value.isBoolean();
            case "date" -> date != null;
            default -> false;
        };
        if (!ok) {
            throw Refusal.invalid("Expected " + identifier + " to be " + describe(field) + ", but got " + value, target);
        }
        JsonNode allowed = field.get("allowedValues");
        if (allowed != null && !contains(allowed, value.asText())) {
            throw Refusal.invalid("Expected " + identifier + " to be one of the values of lookup table '" + field.path("lookupTable").asText()
                    + "' " + allowed + ", but got " + value, target);
        }
        // dates are stored normalised, as Instant prints them
        return date != null ? Json.MAPPER.getNodeFactory().textNode(date.toString()) : value;
    }

    private static boolean contains(JsonNode values, String value) {
        for (JsonNode allowed : values) {
            if (allowed.asText().equals(value)) {
                return true;
            }
        }
        return false;
    }

    private static String describe(JsonNode field) {
        String type = field.path("type").asText();
        return switch (type) {
            case "string" -> "a string of at most " + field.path("maxLength").asInt(DEFAULT_MAX_LENGTH) + " characters";
            case "date" -> "an ISO-8601 UTC time such as 2026-12-01T17:00:00Z";
            case "integer" -> "a whole number";
            case "double" -> "a number";
            default -> "a " + type;
        };
    }

    private static Instant instant(String text) {
        try {
            return Instant.parse(text);
        } catch (DateTimeParseException e) {
            return null;
        }
    }

    private static void requireFields(ObjectNode table, JsonNode row, String target) {
        for (JsonNode field : table.path("fields")) {
            if (field.path("required").asBoolean(false) && !row.hasNonNull(field.path("name").asText())) {
                throw Refusal.invalid("Field " + table.path("name").asText() + "." + field.path("name").asText()
                        + " is required" + (ONE_TO_ONE.equals(table.path("relationship").asText()) ? " once the table has values" : ""), target);
            }
        }
    }
}
