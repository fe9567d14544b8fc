package dev.wfm.diagrams;

import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;
import java.util.stream.IntStream;

/** Checks on the flow as a whole: every step can be reached, and can lead to the job's end. */
final class FlowChecks {
    private static final int LISTED_STEPS = 5;

    private FlowChecks() {}

    static List<Problem> unreachable(FlowGraph graph) {
        List<Problem> problems = new ArrayList<>();
        boolean[] reachable = reachable(graph);
        for (int node = 0; node < graph.size(); node++) {
            if (!reachable[node]) {
                problems.add(new Problem(
                        ProblemCode.UNREACHABLE_STEP,
                        "Expected step '" + graph.id(node) + "' to be reachable from the start step '"
                                + graph.id(graph.start) + "', but no path leads to it. "
                                + "Add a path to it, or remove it.",
                        graph.id(node)));
            }
        }
        return problems;
    }

    /**
     * Steps that can never finish the job: dead ends (a non-end step with no path out), and loops
     * that no path leaves. A step merely leading into one of those is not reported again.
     */
    static List<Problem> unfinishable(FlowGraph graph) {
        List<Problem> problems = new ArrayList<>();
        boolean[] stops = new boolean[graph.size()];
        for (int node = 0; node < graph.size(); node++) {
            stops[node] = graph.isEnd(node) || graph.out(node).isEmpty() || graph.leadsToUnknown(node);
            if (!graph.isEnd(node) && graph.out(node).isEmpty() && !graph.leadsToUnknown(node)) {
                problems.add(new Problem(
                        ProblemCode.DEAD_END,
                        "Expected step '" + graph.id(node) + "' to lead somewhere, but no path leaves it. "
                                + "Add a path out of it, or make it an end step.",
                        graph.id(node)));
            }
        }
        boolean[] reachable = reachable(graph);
        boolean[] stopping = graph.reaching(stops);
        boolean[] reported = new boolean[graph.size()];
        for (int node = 0; node < graph.size(); node++) {
            if (reachable[node] && !stopping[node] && !reported[node]) {
                // Everything reachable from here loops forever. Report the loop itself: the nodes from
                // which it is reachable are all reachable from it only if it is a closed loop.
                boolean[] ahead = graph.reachableFrom(node, -1);
                boolean[] single = new boolean[graph.size()];
                single[node] = true;
                boolean[] behind = graph.reaching(single);
                if (IntStream.range(0, graph.size()).allMatch(n -> !ahead[n] || behind[n])) {
                    IntStream.range(0, graph.size()).filter(n -> ahead[n]).forEach(n -> reported[n] = true);
                    problems.add(loopWithoutExit(graph, ahead, node));
                }
            }
        }
        return problems;
    }

    /**
     * Steps reachable from the start, or from a step that a path from an unknown step leads to:
     * that path (reported by itself) may be how its author meant to reach them.
     */
    private static boolean[] reachable(FlowGraph graph) {
        boolean[] reachable = graph.reachableFrom(graph.start, -1);
        for (int node = 0; node < graph.size(); node++) {
            if (graph.reachedFromUnknown(node) && !reachable[node]) {
                boolean[] more = graph.reachableFrom(node, -1);
                IntStream.range(0, graph.size()).filter(n -> more[n]).forEach(n -> reachable[n] = true);
            }
        }
        return reachable;
    }

    private static Problem loopWithoutExit(FlowGraph graph, boolean[] loop, int first) {
        List<String> ids = IntStream.range(0, graph.size()).filter(n -> loop[n])
                .mapToObj(graph::id).collect(Collectors.toList());
        String listed = ids.stream().limit(LISTED_STEPS).map(id -> "'" + id + "'")
                .collect(Collectors.joining(", "))
                + (ids.size() > LISTED_STEPS ? " and " + (ids.size() - LISTED_STEPS) + " more" : "");
        return new Problem(
                ProblemCode.LOOP_WITHOUT_EXIT,
                "Expected the loop through " + listed + " to have a way out, but no path leads from it "
                        + "to an end step, so a job entering it could never finish. "
                        + "Add a path out of the loop.",
                graph.id(first));
    }
}
