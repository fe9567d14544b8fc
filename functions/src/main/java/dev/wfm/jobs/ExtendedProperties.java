package dev.wfm.jobs;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.wfm.config.ExtendedPropertyTables;
import dev.wfm.config.JobTemplates;
import dev.wfm.http.ApiException;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.HashMap;
import java.util.Map;

/**
 * Values of a job's one-to-one extended property tables, set through the job update as
 * {@code extendedProperties: [{identifier: "table.field", value}]}: the table must be one its
 * template names and one-to-one, the field defined, the value of the field's type (null clears
 * it); a table with any value must have all its required fields. Dates are stored as ISO-8601
 * UTC instants.
 */
public final class ExtendedProperties {
    private static final int MAX_VALUES = 200;
    private static final int DEFAULT_MAX_LENGTH = 4000;
    private final JobTemplates templates;
    private final ExtendedPropertyTables tables;

    public ExtendedProperties(JobTemplates templates, ExtendedPropertyTables tables) {
        this.templates = templates;
        this.tables = tables;
    }

    /** The job's values with the request's applied, checked; {@code current} is not changed. */
    public ObjectNode apply(String itemId, String jobTemplateId, ObjectNode current, JsonNode changes) {
        if (!changes.isArray() || changes.size() > MAX_VALUES) {
            throw ApiException.invalid("extendedProperties must be an array of at most " + MAX_VALUES + " {identifier, value}", "extendedProperties");
        }
        Map<String, ObjectNode> definitions = definitions(itemId, jobTemplateId);
        ObjectNode values = current.deepCopy();
        for (int i = 0; i < changes.size(); i++) {
            String target = "extendedProperties[" + i + "]";
            JsonNode change = changes.get(i);
            String identifier = change.path("identifier").asText("");
            int dot = identifier.indexOf('.');
            ObjectNode table = dot < 0 ? null : definitions.get(identifier.substring(0, dot));
            if (table == null) {
                throw ApiException.invalid("Expected an identifier 'table.field' of a one-to-one table of the job's template "
                        + definitions.keySet().stream().sorted().toList() + ", but got '" + identifier + "'", target + ".identifier");
            }
            String fieldName = identifier.substring(dot + 1);
            JsonNode field = field(table, fieldName);
            if (field == null) {
                throw ApiException.invalid("Table '" + table.path("name").asText() + "' has no field '" + fieldName + "'", target + ".identifier");
            }
            ObjectNode row = values.has(table.path("name").asText()) ? (ObjectNode) values.get(table.path("name").asText())
                    : values.putObject(table.path("name").asText());
            JsonNode value = change.get("value");
            if (value == null || value.isNull()) {
                row.remove(fieldName);
            } else {
                row.set(fieldName, typed(field, value, identifier, target + ".value"));
            }
        }
        requireFields(definitions, values);
        return values;
    }

    /** The searchable type of {@code table.field} for the search language: string, integer, double, boolean or date. */
    public Map<String, String> fieldTypes(String itemId) {
        Map<String, String> types = new HashMap<>();
        for (ObjectNode table : tables.list(itemId)) {
            if ("oneToOne".equals(table.path("relationship").asText())) {
                table.path("fields").forEach(field -> types.put(table.path("name").asText() + "." + field.path("name").asText(),
                        field.path("type").asText()));
            }
        }
        return types;
    }

    private Map<String, ObjectNode> definitions(String itemId, String jobTemplateId) {
        Map<String, ObjectNode> definitions = new HashMap<>();
        for (JsonNode name : templates.get(itemId, jobTemplateId).path("extendedPropertyTables")) {
            ObjectNode table = tables.get(itemId, name.asText());
            if ("oneToOne".equals(table.path("relationship").asText())) {
                definitions.put(name.asText(), table);
            }
        }
        return definitions;
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
        boolean ok = switch (type) {
            case "string" -> value.isTextual() && value.asText().length() <= field.path("maxLength").asInt(DEFAULT_MAX_LENGTH);
            case "integer" -> value.isIntegralNumber() && value.canConvertToLong();
            case "double" -> value.isNumber();
            case "boolean" -> value.isBoolean();
            case "date" -> value.isTextual() && instant(value.asText()) != null;
            default -> false;
        };
        if (!ok) {
            throw ApiException.invalid("Expected " + identifier + " to be " + describe(field) + ", but got " + value, target);
        }
        return "date".equals(type) ? dev.wfm.common.Json.MAPPER.getNodeFactory().textNode(instant(value.asText()).toString()) : value;
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

    private static void requireFields(Map<String, ObjectNode> definitions, ObjectNode values) {
        definitions.forEach((name, table) -> {
            JsonNode row = values.path(name);
            if (row.isObject() && row.size() > 0) {
                for (JsonNode field : table.path("fields")) {
                    if (field.path("required").asBoolean(false) && !row.hasNonNull(field.path("name").asText())) {
                        throw ApiException.invalid("Field " + name + "." + field.path("name").asText()
                                + " is required once the table has values", "extendedProperties");
                    }
                }
            }
        });
    }
}
