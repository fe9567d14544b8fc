package dev.wfm.diagrams;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.Deque;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.IntStream;

/**
 * Parallel forks and their joins: whether they nest properly, and the nesting itself.
 *
 * <h2>Definitions</h2>
 *
 * A <b>fork</b> is a step with at least two paths out and none of them guarded (no returnCode,
 * no condition). Its <b>join</b> J is its immediate post-dominator: the first step that every way
 * from the fork to the end of the job passes through. "Way to the end" means to any {@code end}
 * step; so J exists unless the branches only meet at the job's end (at different end steps).
 * For fork target t ≠ J, the <b>branch</b> of t is the set of steps s ≠ J that both the fork
 * strictly dominates and t dominates (every way from the start to s passes the fork, then t). A
 * fork path straight to J is an empty branch: J then simply waits for the other branches.
 *
 * <h2>Well nested</h2>
 *
 * A fork is well nested when:
 *
 * <ol>
 *   <li>J exists. Branches that end at different end steps are rejected: an end step completes
 *       the job, so the first branch to reach one would end it under the others' feet. Leading
 *       every branch to one end step says "end when all are done" (api.md's own example).
 *   <li>No fork path leads back to the fork or a step before it (that is a loop, and a loop needs
 *       a returnCode or a condition to end).
 *   <li>Every path out of a branch step stays in the branch or goes to J: no jumping out into the
 *       surrounding flow or into another branch. When the step jumped to can lead back to the
 *       jumping step without passing J, the path is a loop leaving its branch
 *       ({@code LOOP_LEAVES_PARALLEL_BRANCH}); otherwise the branches cross
 *       ({@code UNSTRUCTURED_FORK_JOIN}).
 *   <li>Every path into a branch step comes from the same branch, or is the fork's own path to
 *       t: single entry. A loop from after J back into the middle of a branch is rejected; a loop
 *       back to the fork (or before it) runs every branch again and is fine.
 * </ol>
 *
 * Paths from outside into J are allowed (J merges them); loops inside one branch are allowed.
 * When every fork is well nested, forks nest as blocks: a fork inside a branch has its join in
 * the same branch or shares the outer join, so the diagram is a tree of single-entry,
 * single-exit {@link Region regions} that Parallel states express exactly.
 */
final class ForkJoinAnalysis {
    private ForkJoinAnalysis() {}

    /** Problems with forks; innermost forks first, each path blamed once. */
    static List<Problem> check(FlowGraph graph) {
        boolean[] reachable = graph.reachableFrom(graph.start, -1);
        List<Integer> forks = IntStream.range(0, graph.size())
                .filter(node -> reachable[node] && graph.isFork(node)).boxed()
                .sorted(Comparator.comparingInt(graph::dominatorDepth).reversed())
                .collect(Collectors.toList());
        Map<String, Problem> problems = new LinkedHashMap<>();
        for (int fork : forks) {
            new ForkCheck(graph, fork).run().forEach(p -> problems.putIfAbsent(p.target(), p));
        }
        return List.copyOf(problems.values());
    }

    /** The region tree of a diagram that passed {@link #check}. */
    static Region regions(FlowGraph graph) {
        return region(graph, graph.start, -1);
    }

    /** The region from {@code entry} to {@code exit} (-1: the end of the job), depth first. */
    private static Region region(FlowGraph graph, int entry, int exit) {
        List<Step> steps = new ArrayList<>();
        Map<String, Region.Fork> forks = new LinkedHashMap<>();
        Set<Integer> seen = new HashSet<>();
        Deque<Integer> stack = new ArrayDeque<>(List.of(entry));
        while (!stack.isEmpty()) {
            int node = stack.pop();
            if (node == exit || !seen.add(node)) {
                continue;
            }
            steps.add(graph.steps.get(node));
            List<Integer> next = new ArrayList<>();
            if (graph.isFork(node)) {
                int join = graph.postDominator(node);
                List<Region.Branch> branches = targets(graph, node).stream()
                        .filter(target -> target != join)
                        .map(target -> new Region.Branch(graph.steps.get(target), region(graph, target, join)))
                        .collect(Collectors.toList());
                forks.put(graph.id(node), new Region.Fork(
                        graph.steps.get(node), graph.steps.get(join), branches));
                next.add(join);
            } else {
                graph.out(node).forEach(arc -> next.add(arc.to()));
            }
            // Reversed onto the stack, so the first path is followed first: states read in flow order.
            for (int i = next.size() - 1; i >= 0; i--) {
                stack.push(next.get(i));
            }
        }
        return new Region(steps, forks);
    }

    private static List<Integer> targets(FlowGraph graph, int fork) {
        return graph.out(fork).stream().map(FlowGraph.Arc::to).distinct()
                .collect(Collectors.toList());
    }

    /** The checks of one fork; problems name the path or step to change. */
    private static final class ForkCheck {
        private static final int NONE = -1;
        private final FlowGraph graph;
        private final int fork;
        private final int join;
        private final List<Problem> problems = new ArrayList<>();
        /** Steps of the parallel part, each with the target of its branch, or NONE if shared. */
        private final Map<Integer, Integer> owner = new LinkedHashMap<>();

        ForkCheck(FlowGraph graph, int fork) {
            this.graph = graph;
            this.fork = fork;
            this.join = graph.postDominator(fork);
        }

        List<Problem> run() {
            if (join == graph.exit) {
                problems.add(new Problem(
                        ProblemCode.UNSTRUCTURED_FORK_JOIN,
                        "Expected the parallel paths out of step '" + id(fork) + "' to meet again at one "
                                + "step (their join), but they only meet where the job ends, at different end "
                                + "steps. Lead every branch to one shared step; to end the job, lead them all to "
                                + "one end step.",
                        id(fork)));
                return problems;
            }
            List<Integer> targets = new ArrayList<>();
            for (FlowGraph.Arc arc : graph.out(fork)) {
                if (arc.to() == join || targets.contains(arc.to())) {
                    continue;
                }
                if (graph.dominates(arc.to(), fork)) {
                    problems.add(new Problem(
                            ProblemCode.UNSTRUCTURED_FORK_JOIN,
                            "Expected the parallel path from '" + id(fork) + "' to start a branch of new "
                                    + "steps, but it leads back to '" + id(arc.to()) + "', which comes before it. "
                                    + "Give a path that loops back a returnCode or a condition.",
                            path(arc)));
                } else if (!inside(arc.to())) {
                    problems.add(enteredBeforeFork(arc.to()));
                } else {
                    targets.add(arc.to());
                }
            }
            collectOwners(targets);
            owner.forEach((step, branch) -> {
                if (branch == NONE) {
                    problems.add(shared(step));
                } else {
                    checkArcs(step, branch);
                }
            });
            return problems;
        }

        /** The parallel part: steps reachable from the targets before the join, inside the fork. */
        private void collectOwners(List<Integer> targets) {
            Deque<Integer> queue = new ArrayDeque<>(targets);
            targets.forEach(target -> owner.put(target, target));
            while (!queue.isEmpty()) {
                for (FlowGraph.Arc arc : graph.out(queue.poll())) {
                    int step = arc.to();
                    if (step != join && inside(step) && !owner.containsKey(step)) {
                        owner.put(step, targets.stream().filter(t -> graph.dominates(t, step))
                                .findFirst().orElse(NONE));
                        queue.add(step);
                    }
                }
            }
        }

        private void checkArcs(int step, int branch) {
            for (FlowGraph.Arc arc : graph.in(step)) {
                boolean fromFork = arc.from() == fork && step == branch;
                if (!fromFork && !owner.containsKey(arc.from())) {
                    problems.add(new Problem(
                            ProblemCode.UNSTRUCTURED_FORK_JOIN,
                            "Expected the parallel branch (" + branch(branch) + ") to be entered only from its "
                                    + "fork, but the path from '" + id(arc.from()) + "' enters it at '" + id(step)
                                    + "'. Lead that path to the fork '" + id(fork) + "' to run every branch again, "
                                    + "or to the join '" + id(join) + "'.",
                            path(arc)));
                }
            }
            for (FlowGraph.Arc arc : graph.out(step)) {
                int to = arc.to();
                if (to == join || owner.getOrDefault(to, NONE) == branch
                        || owner.getOrDefault(to, branch) == NONE) {
                    continue; // fine, or a shared step, reported once as such
                }
                boolean loop = graph.reachableFrom(to, join)[step];
                String where = inside(to) ? "in the branch through '" + id(owner.get(to)) + "'"
                        : "outside the parallel part";
                problems.add(loop
                        ? new Problem(ProblemCode.LOOP_LEAVES_PARALLEL_BRANCH,
                                "Expected the loop from '" + id(step) + "' back to '" + id(to) + "' to stay "
                                        + "inside its parallel branch (" + branch(branch) + "), but '" + id(to)
                                        + "' is " + where + ". Loop back to a step of the same branch, or loop from "
                                        + "the join '" + id(join) + "' or later back to '" + id(fork) + "' to run "
                                        + "every branch again.",
                                path(arc))
                        : new Problem(ProblemCode.UNSTRUCTURED_FORK_JOIN,
                                "Expected the path from '" + id(step) + "' to stay inside its parallel branch ("
                                        + branch(branch) + "), but it leads to '" + id(to) + "', " + where + ". "
                                        + "Branches may meet only at the join '" + id(join) + "'.",
                                path(arc)));
            }
        }

        private Problem shared(int step) {
            Set<String> sources = new LinkedHashSet<>();
            for (FlowGraph.Arc arc : graph.in(step)) {
                Integer from = owner.get(arc.from());
                sources.add(from == null ? "'" + id(arc.from()) + "' outside the parallel part"
                        : from == NONE ? "'" + id(arc.from()) + "'"
                        : "the branch through '" + id(from) + "'");
            }
            return new Problem(
                    ProblemCode.UNSTRUCTURED_FORK_JOIN,
                    "Expected every step between the fork '" + id(fork) + "' and its join '" + id(join)
                            + "' to belong to one parallel branch, but '" + id(step) + "' is reached from "
                            + String.join(" and from ", sources) + ". Let the branches meet only at the join '"
                            + id(join) + "', and lead loops back to the fork '" + id(fork) + "' or before it.",
                    id(step));
        }

        private Problem enteredBeforeFork(int target) {
            String others = graph.in(target).stream().filter(arc -> arc.from() != fork)
                    .map(arc -> "'" + id(arc.from()) + "'").distinct().collect(Collectors.joining(", "));
            return new Problem(
                    ProblemCode.UNSTRUCTURED_FORK_JOIN,
                    "Expected the parallel branch through '" + id(target) + "' to be entered only from its "
                            + "fork '" + id(fork) + "', but it is also reached from " + others + ", without "
                            + "passing the fork. Lead those paths to the fork '" + id(fork) + "' instead.",
                    id(target));
        }

        /** Strictly after the fork on every way there: where a branch step must be. */
        private boolean inside(int step) {
            return step != fork && graph.dominates(fork, step);
        }

        private String branch(int target) {
            return "from '" + id(fork) + "' through '" + id(target) + "' to the join '" + id(join) + "'";
        }

        private String id(int node) {
            return graph.id(node);
        }

        private static String path(FlowGraph.Arc arc) {
            return "paths[" + arc.path() + "]";
        }
    }
}
