package dev.wfm.diagrams;

import com.dashjoin.jsonata.Jsonata;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Where a compiled definition enters an execution: Start, then the dispatch Choices, into every
 * branch of a Parallel they lead to, until each path reaches a Task (entered) or a branch's end
 * (finished). Conditions and outputs are evaluated with JSONata as Step Functions would.
 */
final class ResumeDispatch {
    private ResumeDispatch() {}

    /** The names of the states entered first, in branch order; a Fail state's name when it fails. */
    static List<String> entered(JsonNode definition, ObjectNode input) {
        List<String> entered = new ArrayList<>();
        walk(definition, definition.path("StartAt").asText(), input, entered);
        return entered;
    }

    private static void walk(JsonNode machine, String name, JsonNode input, List<String> entered) {
        JsonNode state = machine.path("States").path(name);
        switch (state.path("Type").asText()) {
            case "Pass" -> {
                JsonNode output = state.has("Output") ? evaluate(state.get("Output"), input) : input;
                if (!state.path("End").asBoolean()) {
                    walk(machine, state.path("Next").asText(), output, entered);
                }
            }
            case "Choice" -> {
                for (JsonNode rule : state.path("Choices")) {
                    if (evaluate(rule.get("Condition"), input).asBoolean()) {
                        JsonNode output = rule.has("Output") ? evaluate(rule.get("Output"), input) : input;
                        walk(machine, rule.path("Next").asText(), output, entered);
                        return;
                    }
                }
                walk(machine, state.path("Default").asText(), input, entered);
            }
            case "Parallel" -> state.path("Branches").forEach(branch ->
                    walk(branch, branch.path("StartAt").asText(), input, entered));
            case "Task", "Fail" -> entered.add(name);
            default -> throw new AssertionError("a dispatch led to " + name + ": " + state);
        }
    }

    /** A template: {@code {% expression %}} strings evaluated, objects field by field, literals as they are. */
    private static JsonNode evaluate(JsonNode template, JsonNode input) {
        if (template.isObject()) {
            ObjectNode out = Fixtures.MAPPER.createObjectNode();
            template.fields().forEachRemaining(field -> out.set(field.getKey(), evaluate(field.getValue(), input)));
            return out;
        }
        String text = template.asText();
        if (!template.isTextual() || !Expressions.isTemplate(text)) {
            return template;
        }
        Jsonata expression = Jsonata.jsonata(Expressions.inner(text));
        Jsonata.Frame frame = expression.createFrame();
        frame.bind("states", Map.of("input", Fixtures.MAPPER.convertValue(input, Object.class)));
        return Fixtures.MAPPER.valueToTree(expression.evaluate(null, frame));
    }
}
