package dev.wfm.diagrams;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Predicate;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * Whether a diagram can run, with every reason it cannot, at once.
 *
 * <p>Checks run in layers: each step's fields ({@link StepChecks}); step ids and the start; paths
 * and how each step's paths choose ({@link PathChecks}); then the flow as a graph: reachability,
 * dead ends and exitless loops ({@link FlowChecks}), and fork/join nesting
 * ({@link ForkJoinAnalysis}, which defines "well nested"). A layer that needs a sound graph runs
 * only when the layers it stands on found nothing: with duplicate ids or no start there is no
 * graph to speak of; a path to or from an unknown step is left out of the graph, whose other
 * steps are still checked, but fork/join nesting is judged only on a whole graph; and a dead end
 * would also show up as a fork whose branches never meet. So fixing problems can reveal new ones,
 * but never ones that were already implied. The job templates of createJob steps are checked
 * against the item's when it is known ({@link #validate(Diagram, Predicate)}).
 */
public final class DiagramValidator {
    private static final Pattern STEP_ID = Pattern.compile("[A-Za-z0-9_-]{1,64}");

    private DiagramValidator() {}

    public static List<Problem> validate(Diagram diagram) {
        return check(diagram).problems();
    }

    /** Every problem of the diagram, and each createJob step whose job template does not exist. */
    public static List<Problem> validate(Diagram diagram, Predicate<String> templateExists) {
        List<Problem> problems = new ArrayList<>(validate(diagram));
        for (Step step : diagram.steps()) {
            if (step instanceof Step.CreateJob create && create.jobTemplateId() != null && !create.jobTemplateId().isBlank()
                    && !templateExists.test(create.jobTemplateId())) {
                problems.add(new Problem(ProblemCode.UNKNOWN_JOB_TEMPLATE,
                        "Expected createJob step '" + step.id() + "' to name a job template of this workflow item, but "
                                + "there is no template '" + create.jobTemplateId() + "'. Create the template first, "
                                + "or name an existing one.",
                        step.id()));
            }
        }
        return problems;
    }

    /**
     * Problems in diagram JSON: its shape problems if it has any, else the diagram's problems.
     * This is what {@code POST .../diagrams/validate} answers.
     */
    public static List<Problem> validate(JsonNode json) {
        DiagramJson.Result read = DiagramJson.read(json);
        return read.diagram() == null ? read.problems() : validate(read.diagram());
    }

    /** A diagram's problems and, when it has none, its regions for the compiler. */
    record Checked(List<Problem> problems, Region structure) {}

    static Checked check(Diagram diagram) {
        List<Problem> problems = new ArrayList<>();
        if (diagram.name() == null || diagram.name().isBlank()) {
            problems.add(new Problem(ProblemCode.INVALID_FIELD,
                    "Expected the diagram to have a name, but found none. Give it a name.", "name"));
        }
        diagram.steps().forEach(step -> problems.addAll(StepChecks.check(step)));
        List<Problem> ids = ids(diagram);
        List<Problem> start = start(diagram);
        List<Problem> endpoints = PathChecks.endpoints(diagram, stepIds(diagram));
        problems.addAll(ids);
        problems.addAll(start);
        problems.addAll(endpoints);
        problems.addAll(PathChecks.guards(diagram));
        problems.addAll(PathChecks.routing(diagram));
        if (!ids.isEmpty() || !start.isEmpty()) {
            return new Checked(problems, null);
        }
        FlowGraph graph = new FlowGraph(diagram);
        List<Problem> unfinishable = FlowChecks.unfinishable(graph);
        problems.addAll(FlowChecks.unreachable(graph));
        problems.addAll(unfinishable);
        if (unfinishable.isEmpty() && endpoints.isEmpty()) {
            problems.addAll(ForkJoinAnalysis.check(graph));
        }
        return new Checked(problems, problems.isEmpty() ? ForkJoinAnalysis.regions(graph) : null);
    }

    private static List<Problem> ids(Diagram diagram) {
        List<Problem> problems = new ArrayList<>();
        Map<String, Integer> first = new HashMap<>();
        for (int i = 0; i < diagram.steps().size(); i++) {
            String id = diagram.steps().get(i).id();
            String target = "steps[" + i + "].id";
            if (id == null || !STEP_ID.matcher(id).matches()) {
                problems.add(new Problem(ProblemCode.ILLEGAL_STEP_ID,
                        "Expected the id of steps[" + i + "] to be 1 to 64 letters, digits, '_' or '-', but "
                                + "found " + (id == null ? "none" : "'" + id + "'") + ". Choose such an id; it "
                                + "names the step in paths, the API and the state machine.",
                        target));
            } else if (first.putIfAbsent(id, i) != null) {
                problems.add(new Problem(ProblemCode.DUPLICATE_STEP_ID,
                        "Expected step ids to be unique, but steps[" + i + "] reuses '" + id + "' of steps["
                                + first.get(id) + "]. Give it an id of its own.",
                        target));
            }
        }
        return problems;
    }

    private static List<Problem> start(Diagram diagram) {
        if (diagram.start() == null || diagram.start().isBlank()) {
            return List.of(new Problem(ProblemCode.MISSING_START,
                    "Expected the diagram to name its start step, but start is missing. "
                            + "Set start to the id of the step new jobs begin at.",
                    "start"));
        }
        if (!stepIds(diagram).contains(diagram.start())) {
            return List.of(new Problem(ProblemCode.UNKNOWN_START,
                    "Expected start to name a step of the diagram, but no step has the id '"
                            + diagram.start() + "'. Use the id of an existing step.",
                    "start"));
        }
        return List.of();
    }

    private static Set<String> stepIds(Diagram diagram) {
        return diagram.steps().stream().map(Step::id).collect(Collectors.toSet());
    }
}
