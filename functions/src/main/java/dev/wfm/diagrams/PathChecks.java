package dev.wfm.diagrams;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

/** Checks on paths: where they go, their guards, and how each step's paths choose. */
final class PathChecks {
    private PathChecks() {}

    /** Paths whose {@code from} or {@code to} names no step. */
    static List<Problem> endpoints(Diagram diagram, Set<String> ids) {
        List<Problem> problems = new ArrayList<>();
        for (int i = 0; i < diagram.paths().size(); i++) {
            Path path = diagram.paths().get(i);
            List<String> unknown = new ArrayList<>();
            if (!ids.contains(path.from())) {
                unknown.add("'" + path.from() + "' (its from)");
            }
            if (!ids.contains(path.to())) {
                unknown.add("'" + path.to() + "' (its to)");
            }
            if (!unknown.isEmpty()) {
                problems.add(new Problem(
                        ProblemCode.UNKNOWN_PATH_ENDPOINT,
                        "Expected paths[" + i + "] to connect two steps of the diagram, but no step has the "
                                + "id " + String.join(" or ", unknown) + ". Use the id of an existing step.",
                        "paths[" + i + "]"));
            }
        }
        return problems;
    }

    /** Guards: a returnCode or a valid condition, not both. */
    static List<Problem> guards(Diagram diagram) {
        List<Problem> problems = new ArrayList<>();
        for (int i = 0; i < diagram.paths().size(); i++) {
            Path path = diagram.paths().get(i);
            String target = "paths[" + i + "]";
            if (path.returnCode() != null && path.condition() != null) {
                problems.add(new Problem(
                        ProblemCode.INVALID_FIELD,
                        "Expected " + target + " to have a returnCode or a condition, but it has both. "
                                + "Keep one; a condition can test the return code itself: $returnCode = '"
                                + path.returnCode() + "'.",
                        target));
            }
            if (path.returnCode() != null && path.returnCode().isBlank()) {
                problems.add(new Problem(
                        ProblemCode.INVALID_FIELD,
                        "Expected the returnCode of " + target + " to be a non-empty text, but it is empty. "
                                + "Give the return code it matches, or remove returnCode.",
                        target));
            }
            if (path.condition() != null) {
                conditionProblem(path.condition(), target).ifPresent(problems::add);
            }
        }
        return problems;
    }

    /** How each step's paths choose its next step. */
    static List<Problem> routing(Diagram diagram) {
        Map<String, List<Integer>> outgoing = new LinkedHashMap<>();
        for (int i = 0; i < diagram.paths().size(); i++) {
            outgoing.computeIfAbsent(diagram.paths().get(i).from(), from -> new ArrayList<>()).add(i);
        }
        List<Problem> problems = new ArrayList<>();
        Set<String> checked = new HashSet<>();
        for (Step step : diagram.steps()) {
            List<Integer> out = outgoing.getOrDefault(step.id(), List.of());
            if (out.isEmpty() || !checked.add(step.id())) {
                continue; // a duplicate id is reported as such, not once more per path check
            }
            if (step.type() == StepType.END) {
                problems.add(new Problem(
                        ProblemCode.END_STEP_HAS_PATHS,
                        "Expected end step '" + step.id() + "' to have no paths out, because reaching it "
                                + "completes the job, but found " + out.size() + " (" + names(out) + "). "
                                + "Remove them, or change the step's type.",
                        step.id()));
                continue;
            }
            problems.addAll(duplicates(diagram, step, out));
            List<Integer> defaults = out.stream()
                    .filter(i -> !diagram.paths().get(i).guarded()).collect(Collectors.toList());
            if (defaults.size() > 1 && defaults.size() < out.size()) {
                problems.add(new Problem(
                        ProblemCode.MULTIPLE_DEFAULT_PATHS,
                        "Expected at most one default path (one without returnCode or condition) out of step '"
                                + step.id() + "', because it also has conditional paths, but found "
                                + defaults.size() + " (" + names(defaults) + "). Keep one default, or give the "
                                + "others a returnCode or a condition.",
                        step.id()));
            }
            if (step instanceof Step.Question question) {
                problems.addAll(answers(diagram, question, out, defaults));
            }
        }
        return problems;
    }

    /** Paths that can never be taken, because an earlier one out of the same step matches first. */
    private static List<Problem> duplicates(Diagram diagram, Step step, List<Integer> out) {
        List<Problem> problems = new ArrayList<>();
        Set<String> seen = new HashSet<>();
        for (int i : out) {
            Path path = diagram.paths().get(i);
            if (path.returnCode() != null && path.condition() != null) {
                continue;
            }
            String key = path.returnCode() != null ? "returnCode " + path.returnCode()
                    : path.condition() != null ? "condition " + path.condition()
                    : "to " + path.to();
            if (!seen.add(key)) {
                problems.add(new Problem(
                        ProblemCode.DUPLICATE_PATH,
                        "Expected each path out of step '" + step.id() + "' to be taken in some case, but "
                                + "paths[" + i + "] repeats an earlier path's " + describe(path)
                                + ", so it can never be taken. Remove it, or change it.",
                        "paths[" + i + "]"));
            }
        }
        return problems;
    }

    private static List<Problem> answers(
            Diagram diagram, Step.Question question, List<Integer> out, List<Integer> defaults) {
        List<Problem> problems = new ArrayList<>();
        Set<String> values = question.answers().stream().map(Step.Answer::value)
                .collect(Collectors.toSet());
        Set<String> routed = new HashSet<>();
        boolean conditional = false;
        for (int i : out) {
            Path path = diagram.paths().get(i);
            conditional |= path.condition() != null;
            if (path.returnCode() == null) {
                continue;
            }
            routed.add(path.returnCode());
            if (!values.contains(path.returnCode())) {
                problems.add(new Problem(
                        ProblemCode.RETURN_CODE_NOT_AN_ANSWER,
                        "Expected the returnCode of paths[" + i + "] to be an answer value of question step '"
                                + question.id() + "' (" + answerValues(question) + "), but found '"
                                + path.returnCode() + "'. Use one of the answer values.",
                        "paths[" + i + "]"));
            }
        }
        // A condition may match any answer, and a default takes the rest: only paths that all name
        // return codes can leave an answer with nowhere to go.
        if (!conditional && defaults.isEmpty()) {
            for (Step.Answer answer : question.answers()) {
                if (!routed.contains(answer.value())) {
                    problems.add(new Problem(
                            ProblemCode.ANSWER_WITHOUT_PATH,
                            "Expected a path out of question step '" + question.id() + "' for the answer '"
                                    + answer.name() + "', but no path has returnCode '" + answer.value() + "'. "
                                    + "Add a path with that returnCode, or a default path.",
                            question.id()));
                }
            }
        }
        return problems;
    }

    private static Optional<Problem> conditionProblem(String condition, String target) {
        if (!Expressions.isTemplate(condition)) {
            return Optional.of(new Problem(
                    ProblemCode.INVALID_CONDITION,
                    "Expected the condition of " + target + " to be a JSONata expression written as "
                            + "{% ... %}, but found '" + condition + "'. Wrap the expression in {% and %}, "
                            + "for example {% $returnCode = 'pass' %}.",
                    target));
        }
        return Expressions.syntaxError(Expressions.inner(condition)).map(error -> new Problem(
                ProblemCode.INVALID_CONDITION,
                "Expected the condition of " + target + " to be valid JSONata, but it does not parse: "
                        + error + ". Fix the expression; it can use $returnCode, $job and $result.",
                target));
    }

    private static String describe(Path path) {
        return path.returnCode() != null ? "returnCode '" + path.returnCode() + "'"
                : path.condition() != null ? "condition"
                : "unconditioned path to '" + path.to() + "'";
    }

    private static String names(List<Integer> paths) {
        return paths.stream().map(i -> "paths[" + i + "]").collect(Collectors.joining(", "));
    }

    private static String answerValues(Step.Question question) {
        return question.answers().stream().map(Step.Answer::value).collect(Collectors.joining(", "));
    }
}
