package dev.wfm.search;

import com.fasterxml.jackson.databind.JsonNode;
import dev.wfm.jobs.Job;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import java.util.function.Supplier;

/**
 * Extended property fields in searches, named {@code table.field} (one-to-one tables): their
 * types from the item's table definitions, their values from the job, typed like the job fields.
 */
public final class ExtendedFields {
    private ExtendedFields() {}

    /** The search types of the definitions' {@code table.field -> string|integer|double|boolean|date}. */
    static Map<String, FieldType> types(Map<String, String> definitions) {
        Map<String, FieldType> types = new HashMap<>();
        definitions.forEach((name, type) -> types.put(name, switch (type) {
            case "integer", "double" -> FieldType.NUMBER;
            case "boolean" -> FieldType.BOOLEAN;
            case "date" -> FieldType.DATE;
            default -> FieldType.STRING;
        }));
        return types;
    }

    /** The parser's field catalog: the job fields, then these. */
    static Function<String, Optional<FieldType>> catalog(Map<String, FieldType> extended) {
        return name -> JobField.named(name).map(JobField::type).or(() -> Optional.ofNullable(extended.get(name)));
    }

    /** An extended property field as a search field: {@code table.field} with its type. */
    record Field(String fieldName, FieldType type) implements SearchField {
        @Override
        public Object valueOf(Job job, Instant now) {
            return value(job, fieldName, type);
        }
    }

    /**
     * The search types of the extended property fields a request may name, from {@code definitions}
     * ({@code table.field -> type}), which are read only when it may name one.
     */
    public static Map<String, FieldType> typesFor(JsonNode body, Supplier<Map<String, String>> definitions) {
        return mayBeNamed(body) ? types(definitions.get()) : Map.of();
    }

    /** Whether the request may name an extended property field ({@code table.field} has a dot) in q, fields, sortFields or groupBy. */
    private static boolean mayBeNamed(JsonNode body) {
        if (body.path("q").asText("").indexOf('.') >= 0 || body.path("groupBy").asText("").indexOf('.') >= 0) {
            return true;
        }
        for (JsonNode field : body.path("fields")) {
            if (field.asText("").indexOf('.') >= 0) {
                return true;
            }
        }
        for (JsonNode sort : body.path("sortFields")) {
            if (sort.path("field").asText("").indexOf('.') >= 0) {
                return true;
            }
        }
        return false;
    }

    static Object value(Job job, String name, FieldType type) {
        int dot = name.indexOf('.');
        if (type == null || dot < 0) {
            return null;
        }
        JsonNode value = job.extendedValue(name.substring(0, dot), name.substring(dot + 1));
        if (value.isMissingNode() || value.isNull()) {
            return null;
        }
        switch (type) {
            case NUMBER:
                return value.isNumber() ? value.decimalValue() : null;
            case BOOLEAN:
                return value.isBoolean() ? value.booleanValue() : null;
            case DATE:
                return JobField.time(value.asText());
            default:
                return value.asText();
        }
    }
}
