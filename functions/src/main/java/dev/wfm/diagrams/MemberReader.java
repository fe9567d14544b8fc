package dev.wfm.diagrams;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * Reads typed members of JSON objects and records, instead of throwing, every member that is
 * missing or of the wrong JSON type, and every member that reading never asked for, so a client
 * learns about all of them at once.
 */
final class MemberReader {
    private final List<Problem> problems = new ArrayList<>();
    /** The members asked for, per object read (by identity: equal objects elsewhere are other objects). */
    private final Map<JsonNode, Set<String>> asked = new IdentityHashMap<>();

    List<Problem> problems() {
        return List.copyOf(problems);
    }

    String requiredText(JsonNode object, String at, String field) {
        JsonNode value = required(object, at, field, "a string");
        return value == null ? null : text(value, target(at, field));
    }

    String optionalText(JsonNode object, String at, String field) {
        JsonNode value = member(object, field);
        return value == null ? null : text(value, target(at, field));
    }

    Integer optionalInteger(JsonNode object, String at, String field) {
        JsonNode value = member(object, field);
        if (value == null) {
            return null;
        }
        if (!value.isIntegralNumber() || !value.canConvertToInt()) {
            wrongType(target(at, field), "a whole number", value);
            return null;
        }
        return value.intValue();
    }

    Double optionalNumber(JsonNode object, String at, String field) {
        JsonNode value = member(object, field);
        if (value == null) {
            return null;
        }
        if (!value.isNumber()) {
            wrongType(target(at, field), "a number", value);
            return null;
        }
        return value.doubleValue();
    }

    boolean optionalBoolean(JsonNode object, String at, String field) {
        JsonNode value = member(object, field);
        if (value == null) {
            return false;
        }
        if (!value.isBoolean()) {
            wrongType(target(at, field), "true or false", value);
            return false;
        }
        return value.booleanValue();
    }

    JsonNode requiredArray(JsonNode object, String at, String field) {
        JsonNode value = required(object, at, field, "an array");
        return value == null ? null : array(value, target(at, field));
    }

    JsonNode optionalArray(JsonNode object, String at, String field) {
        JsonNode value = member(object, field);
        return value == null ? null : array(value, target(at, field));
    }

    JsonNode requiredObject(JsonNode object, String at, String field) {
        JsonNode value = required(object, at, field, "an object");
        return value == null ? null : object(value, target(at, field));
    }

    JsonNode optionalObject(JsonNode object, String at, String field) {
        JsonNode value = member(object, field);
        return value == null ? null : object(value, target(at, field));
    }

    /** {@code value} itself, if it is an object. */
    JsonNode object(JsonNode value, String target) {
        if (value == null || !value.isObject()) {
            wrongType(target, "an object", value);
            return null;
        }
        return value;
    }

    String text(JsonNode value, String target) {
        if (!value.isTextual()) {
            wrongType(target, "a string", value);
            return null;
        }
        return value.textValue();
    }

    /** A member that is accepted and kept as given, but never read (see {@link DiagramJson}). */
    void ignored(JsonNode object, String field) {
        member(object, field);
    }

    /**
     * Records, once {@code object} has been read, each of its members that reading did not ask
     * for: an unknown member is refused, not silently dropped.
     */
    void refuseUnread(JsonNode object, String at) {
        Set<String> known = asked.getOrDefault(object, Set.of());
        object.fieldNames().forEachRemaining(name -> {
            if (!known.contains(name)) {
                String target = target(at, name);
                add(ProblemCode.UNKNOWN_FIELD, "Expected only the members " + new TreeSet<>(known) + (at.isEmpty() ? "" : " in " + at)
                        + ", but found '" + name + "'. Remove it, or check its spelling.", target);
            }
        });
    }

    void add(ProblemCode code, String message, String target) {
        problems.add(new Problem(code, message, target));
    }

    static String target(String at, String field) {
        return at.isEmpty() ? field : at + "." + field;
    }

    private JsonNode array(JsonNode value, String target) {
        if (!value.isArray()) {
            wrongType(target, "an array", value);
            return null;
        }
        return value;
    }

    private JsonNode required(JsonNode object, String at, String field, String expected) {
        JsonNode value = member(object, field);
        if (value == null) {
            String target = target(at, field);
            add(
                    ProblemCode.INVALID_FIELD,
                    "Expected " + target + " to be " + expected + ", but it is missing. Add it.",
                    target);
        }
        return value;
    }

    private void wrongType(String target, String expected, JsonNode found) {
        add(
                ProblemCode.INVALID_FIELD,
                "Expected " + target + " to be " + expected + ", but found " + describe(found) + ". "
                        + "Give it as " + expected + ".",
                target);
    }

    /** A member that is absent or JSON null counts as not given. */
    private JsonNode member(JsonNode object, String field) {
        asked.computeIfAbsent(object, read -> new HashSet<>()).add(field);
        JsonNode value = object.get(field);
        return value == null || value.isNull() ? null : value;
    }

    private static String shortened(String text) {
        return text.length() <= 40 ? text : text.substring(0, 39) + "…";
    }

    private static String describe(JsonNode node) {
        if (node == null || node.isMissingNode() || node.isNull()) {
            return "nothing";
        }
        return switch (node.getNodeType()) {
            case STRING -> "the string '" + shortened(node.textValue()) + "'";
            case NUMBER -> "the number " + node.asText();
            case BOOLEAN -> node.booleanValue() ? "true" : "false";
            case ARRAY -> "an array";
            case OBJECT -> "an object";
            default -> node.getNodeType().name().toLowerCase();
        };
    }
}
