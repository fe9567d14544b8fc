package dev.wfm.diagrams;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * What Step Functions checks when a definition is created, as far as the compiler can get it
 * wrong: every transition names a state of its own States map, every state is reachable from
 * StartAt, every non-terminal state says where to go.
 */
final class AslShape {
    private AslShape() {}

    /** Every state name in the definition, Parallel branches included, in document order. */
    static List<String> stateNames(JsonNode definition) {
        List<String> names = new ArrayList<>();
        collect(definition, names);
        return names;
    }

    /** The mistakes found; empty when the definition is well formed. */
    static List<String> mistakes(JsonNode definition) {
        List<String> mistakes = new ArrayList<>();
        check(definition, "", mistakes);
        return mistakes;
    }

    private static void collect(JsonNode machine, List<String> names) {
        machine.get("States").fields().forEachRemaining(state -> {
            names.add(state.getKey());
            state.getValue().path("Branches").forEach(branch -> collect(branch, names));
        });
    }

    private static void check(JsonNode machine, String where, List<String> mistakes) {
        JsonNode states = machine.get("States");
        String start = machine.path("StartAt").asText();
        if (!states.has(start)) {
            mistakes.add(where + "StartAt '" + start + "' is not a state");
        }
        states.fields().forEachRemaining(entry -> {
            String name = entry.getKey();
            JsonNode state = entry.getValue();
            String type = state.path("Type").asText();
            boolean terminal = type.equals("Succeed") || type.equals("Fail")
                    || type.equals("Choice") || state.path("End").asBoolean();
            if (!terminal && !state.has("Next")) {
                mistakes.add(where + name + " has neither Next nor End");
            }
            for (String next : transitions(state)) {
                if (!states.has(next)) {
                    mistakes.add(where + name + " goes to '" + next + "', not a state of its States map");
                }
            }
            state.path("Branches").forEach(branch -> check(branch, where + name + " / ", mistakes));
        });
        Set<String> reached = new HashSet<>(List.of(start));
        Deque<String> queue = new ArrayDeque<>(List.of(start));
        while (!queue.isEmpty()) {
            JsonNode state = states.path(queue.poll());
            for (String next : transitions(state)) {
                if (reached.add(next)) {
                    queue.add(next);
                }
            }
        }
        states.fieldNames().forEachRemaining(name -> {
            if (!reached.contains(name)) {
                mistakes.add(where + name + " is unreachable");
            }
        });
    }

    private static List<String> transitions(JsonNode state) {
        List<String> next = new ArrayList<>();
        if (state.has("Next")) {
            next.add(state.get("Next").asText());
        }
        if (state.has("Default")) {
            next.add(state.get("Default").asText());
        }
        state.path("Choices").forEach(rule -> next.add(rule.get("Next").asText()));
        state.path("Catch").forEach(handler -> next.add(handler.get("Next").asText()));
        return next;
    }
}
