package dev.wfm.common;

import com.dashjoin.jsonata.Jsonata;
import com.fasterxml.jackson.databind.JsonNode;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * JSONata templates as diagrams write them, {@code {% expr %}} like ASL; any other string is
 * literal. Each expression is parsed once per container and evaluated with a fresh frame, so one
 * parsed expression serves concurrent requests.
 */
public final class JsonataTemplates {
    private static final Map<String, Jsonata> PARSED = new ConcurrentHashMap<>();

    private JsonataTemplates() {}

    /** Whether the text is a {@code {% expr %}} template rather than a literal. */
    public static boolean isTemplate(String text) {
        String stripped = text.strip();
        return stripped.length() >= 4 && stripped.startsWith("{%") && stripped.endsWith("%}");
    }

    /** The template's expression, parsed once per container; one that does not parse throws, and is not kept. */
    public static Jsonata parsed(String template) {
        return PARSED.computeIfAbsent(template.strip(), key -> Jsonata.jsonata(key.substring(2, key.length() - 2).strip()));
    }

    /** The template's expression, parsed; one that does not parse is refused (400) naming {@code target}, the field it was given in. */
    public static Jsonata checked(String template, String target) {
        try {
            return parsed(template);
        } catch (RuntimeException e) {
            throw Refusal.invalid("The JSONata expression at " + target + " does not parse: " + e.getMessage(), target);
        }
    }

    /** The template's value with the given variables bound ({@code $job} and so on); a literal is itself. */
    public static Object evaluate(String template, Map<String, JsonNode> variables) {
        if (!isTemplate(template)) {
            return template;
        }
        Jsonata expression = parsed(template);
        Jsonata.Frame frame = expression.createFrame();
        variables.forEach((name, value) -> frame.bind(name, Json.MAPPER.convertValue(value, Object.class)));
        return expression.evaluate(null, frame);
    }

    /** The template's value as text: strings as they are, anything else as JSON. */
    public static String evaluateToText(String template, Map<String, JsonNode> variables) {
        Object value = evaluate(template, variables);
        if (value == null) {
            return "";
        }
        return value instanceof String text ? text : Json.write(value);
    }
}
