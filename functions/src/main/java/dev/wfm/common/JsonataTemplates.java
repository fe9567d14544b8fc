package dev.wfm.common;

import com.dashjoin.jsonata.Jsonata;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * JSONata templates as diagrams write them, {@code {% expr %}} like ASL; any other string is
 * literal, or text with expressions embedded ({@link #interpolate}). Each expression is parsed once
 * per container and evaluated with a fresh frame, so one parsed expression serves concurrent
 * requests. Every evaluation is bounded ({@link #TIME_LIMIT}, {@link #MAX_DEPTH}): a runaway
 * expression fails; it never holds a function until its timeout.
 */
public final class JsonataTemplates {
    /** How long one evaluation may run: the seed product's limit. */
    public static final Duration TIME_LIMIT = Duration.ofSeconds(10);
    /** How deep an evaluation may nest (function calls, mostly): far beyond what a template needs, well within a thread's stack. */
    public static final int MAX_DEPTH = 200;
    private static final Map<String, Jsonata> PARSED = new ConcurrentHashMap<>();
    private static final Pattern EMBEDDED = Pattern.compile("\\{%(.*?)%}", Pattern.DOTALL);

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
        return evaluate(parsed(template), null, variables, TIME_LIMIT);
    }

    /** The expression's value on {@code input} with {@code variables} bound, within {@code limit} and {@link #MAX_DEPTH}. */
    public static Object evaluate(Jsonata expression, Object input, Map<String, JsonNode> variables, Duration limit) {
        Jsonata.Frame frame = expression.createFrame();
        frame.setRuntimeBounds(limit.toMillis(), MAX_DEPTH);
        variables.forEach((name, value) -> frame.bind(name, Json.MAPPER.convertValue(value, Object.class)));
        return expression.evaluate(input, frame);
    }

    /**
     * A value JSONata gave, as JSON: nothing (JSONata's undefined, Java null at the top) as a
     * missing node; its {@code null} (NULL_VALUE, or Java null inside an object or array) as JSON null.
     */
    public static JsonNode toJson(Object value) {
        return value == null ? Json.MAPPER.missingNode() : member(value);
    }

    private static JsonNode member(Object value) {
        if (value == null || value == Jsonata.NULL_VALUE) {
            return Json.MAPPER.nullNode();
        }
        if (value instanceof Map<?, ?> map) {
            ObjectNode object = Json.object();
            map.forEach((key, member) -> object.set(String.valueOf(key), member(member)));
            return object;
        }
        if (value instanceof List<?> list) {
            ArrayNode array = Json.MAPPER.createArrayNode();
            list.forEach(member -> array.add(member(member)));
            return array;
        }
        return Json.MAPPER.valueToTree(value);
    }

    /** Whether the text has an expression in it, whole or embedded ({@code "Inspect {% $job.jobId %}"}). */
    public static boolean hasExpressions(String text) {
        return EMBEDDED.matcher(text).find();
    }

    /** Every expression embedded in the text parses; the first that does not is refused naming {@code target}. */
    public static void checkEmbedded(String text, String target) {
        Matcher embedded = EMBEDDED.matcher(text);
        while (embedded.find()) {
            checked(embedded.group(), target);
        }
    }

    /**
     * The text with each embedded expression replaced by its value as text (nothing for none):
     * {@code "Inspect {% $job.extendedProperties.permit.number %}"}. A whole template is its value as text.
     */
    public static String interpolate(String text, Map<String, JsonNode> variables) {
        if (isTemplate(text) && EMBEDDED.matcher(text.strip()).results().count() == 1) {
            return evaluateToText(text, variables);
        }
        Matcher embedded = EMBEDDED.matcher(text);
        StringBuilder out = new StringBuilder(text.length());
        while (embedded.find()) {
            embedded.appendReplacement(out, Matcher.quoteReplacement(evaluateToText(embedded.group(), variables)));
        }
        return embedded.appendTail(out).toString();
    }

    /** The template's value as text: strings as they are, anything else as JSON. */
    public static String evaluateToText(String template, Map<String, JsonNode> variables) {
        Object value = evaluate(template, variables);
        if (value == null) {
            return "";
        }
        return value instanceof String text ? text : Json.write(toJson(value));
    }
}
