package dev.wfm.webhooks;

import com.dashjoin.jsonata.Jsonata;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.wfm.common.Json;
import dev.wfm.common.JsonataTemplates;
import dev.wfm.common.Refusal;
import java.time.Instant;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * A webhook's mapping from the form app's payload to job fields, in JSONata: an object whose
 * values are {@code {% expr %}} templates (anything else is literal; nested objects, such as
 * extendedProperties, are mapped the same way), or one {@code {% expr %}} yielding such an
 * object. Expressions see the payload as their input. The kind's defaults fill the fields an
 * object mapping leaves out. Each expression is parsed once per container (common.JsonataTemplates).
 */
public final class WebhookMapping {
    static final Set<String> FIELDS = Set.of("jobName", "priority", "description", "assignedType", "assignedTo", "dueDate",
            "extendedProperties", "location");
    private static final Set<String> TEXT_FIELDS = Set.of("jobName", "priority", "description", "assignedType", "assignedTo");

    /** Survey123: the form's title and the record's globalid name the job; the feature's geometry is its location. */
    static final ObjectNode SURVEY123 = object(Map.of(
            "jobName", "{% $join([$string(surveyInfo.formTitle), $string(feature.attributes.globalid ? feature.attributes.globalid"
                    + " : feature.attributes.objectid)], ' ') %}",
            "location", "{% feature.geometry %}"));
    /** Generic senders: fields of the same names at the payload's top level. */
    static final ObjectNode GENERIC = object(Map.of(
            "jobName", "{% title ? title : name %}",
            "priority", "{% priority %}",
            "description", "{% description %}",
            "dueDate", "{% dueDate %}",
            "location", "{% location ? location : geometry %}"));

    /** A mapping is a handful of expressions; the whole webhook is one DynamoDB record (400 KB). */
    static final int MAX_CHARS = 64 * 1024;

    private WebhookMapping() {}

    /** Checks a mapping as registered: its shape, its field names, and that every expression parses. */
    public static void validate(JsonNode mapping) {
        if (mapping == null || mapping.isNull()) {
            return;
        }
        int size = Json.write(mapping).length();
        if (size > MAX_CHARS) {
            throw new Refusal(Refusal.Kind.PAYLOAD_TOO_LARGE, "The mapping is " + size + " characters of JSON; a webhook's mapping "
                    + "is stored with it and holds at most " + MAX_CHARS, "mapping", List.of(), Map.of());
        }
        if (mapping.isTextual()) {
            if (!JsonataTemplates.isTemplate(mapping.asText())) {
                throw Refusal.invalid("A mapping given as a string must be one {% expression %} yielding an object", "mapping");
            }
            parse(mapping.asText(), "mapping");
            return;
        }
        if (!mapping.isObject()) {
            throw Refusal.invalid("mapping must be an object of job fields, or one {% expression %}", "mapping");
        }
        for (Iterator<String> names = mapping.fieldNames(); names.hasNext(); ) {
            String field = names.next();
            if (!FIELDS.contains(field)) {
                throw Refusal.invalid("Expected mapping fields among " + FIELDS.stream().sorted().toList() + ", but got '" + field + "'",
                        "mapping." + field);
            }
            parseAll(mapping.get(field), "mapping." + field);
        }
    }

    public static void validateExpression(String expression, String target) {
        parse(JsonataTemplates.isTemplate(expression) ? expression : "{%" + expression + "%}", target);
    }

    /** The job fields the payload maps to (absent when an expression yields nothing), with the kind's defaults. */
    public static ObjectNode apply(String kind, JsonNode mapping, JsonNode payload) {
        Object input = Json.MAPPER.convertValue(payload, Object.class);
        ObjectNode fields = Json.object();
        ObjectNode defaults = "survey123".equals(kind) ? SURVEY123 : GENERIC;
        if (mapping != null && mapping.isTextual()) {
            JsonNode result = evaluate(mapping.asText(), input, "mapping");
            if (!result.isObject()) {
                throw Refusal.invalid("The webhook's mapping must yield an object of job fields, but yielded " + result.getNodeType(),
                        "mapping");
            }
            ((ObjectNode) result).fields().forEachRemaining(e -> put(fields, e.getKey(), e.getValue()));
            return fields;
        }
        ObjectNode effective = defaults.deepCopy();
        if (mapping != null && mapping.isObject()) {
            effective.setAll((ObjectNode) mapping);
        }
        effective.fields().forEachRemaining(e -> put(fields, e.getKey(), map(e.getValue(), input, "mapping." + e.getKey())));
        return fields;
    }

    /** One expression's value as text (for ids), or null when it yields nothing. */
    public static String text(String expression, JsonNode payload, String target) {
        JsonNode value = evaluate(JsonataTemplates.isTemplate(expression) ? expression : "{%" + expression + "%}",
                Json.MAPPER.convertValue(payload, Object.class), target);
        return value.isMissingNode() || value.isNull() ? null : value.isTextual() ? value.asText() : value.toString();
    }

    private static void put(ObjectNode fields, String field, JsonNode value) {
        if (!FIELDS.contains(field) || value == null || value.isNull() || value.isMissingNode()) {
            return;
        }
        if (TEXT_FIELDS.contains(field)) {
            fields.put(field, value.isTextual() ? value.asText() : value.toString());
        } else if (field.equals("dueDate") && value.isNumber()) {
            fields.put(field, Instant.ofEpochMilli(value.asLong()).toString()); // form apps send dates as epoch milliseconds
        } else {
            fields.set(field, value);
        }
    }

    private static JsonNode map(JsonNode template, Object input, String target) {
        if (template.isTextual() && JsonataTemplates.isTemplate(template.asText())) {
            return evaluate(template.asText(), input, target);
        }
        if (template.isObject()) {
            ObjectNode mapped = Json.object();
            template.fields().forEachRemaining(e -> {
                JsonNode value = map(e.getValue(), input, target + "." + e.getKey());
                if (!value.isMissingNode()) {
                    mapped.set(e.getKey(), value);
                }
            });
            return mapped;
        }
        return template;
    }

    private static JsonNode evaluate(String template, Object input, String target) {
        Jsonata expression = parse(template, target);
        Object value;
        try {
            value = JsonataTemplates.evaluate(expression, input, Map.of(), JsonataTemplates.TIME_LIMIT);
        } catch (RuntimeException e) {
            throw Refusal.invalid("The webhook's mapping " + target + " failed on this payload: " + e.getMessage(), target);
        }
        return JsonataTemplates.toJson(value);
    }

    private static void parseAll(JsonNode template, String target) {
        if (template.isTextual() && JsonataTemplates.isTemplate(template.asText())) {
            parse(template.asText(), target);
        } else if (template.isObject()) {
            template.fields().forEachRemaining(e -> parseAll(e.getValue(), target + "." + e.getKey()));
        }
    }

    private static Jsonata parse(String template, String target) {
        return JsonataTemplates.checked(template, target);
    }

    private static ObjectNode object(Map<String, String> fields) {
        ObjectNode node = Json.object();
        fields.forEach(node::put);
        return node;
    }
}
