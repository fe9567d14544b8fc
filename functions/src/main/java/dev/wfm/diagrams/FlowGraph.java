package dev.wfm.diagrams;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.IntStream;

/**
 * A diagram as a graph: steps are nodes (by index in {@code steps}), paths are arcs, plus a virtual
 * {@link #exit} node that every {@code end} step leads to, so "finishing the job" is a node that
 * post-dominance can talk about.
 *
 * <p>Build it only from a diagram whose step ids are unique and whose start names a step: the
 * validator checks that first. A path with an end that names no step (reported as such) is left
 * out, and the step at its other end is marked as having a loose end, so the flow checks neither
 * call a step whose path leads nowhere known a dead end nor one reached from an unknown step
 * unreachable.
 */
final class FlowGraph {
    /** One path, by index into {@code Diagram.paths()}. */
    record Arc(int path, int from, int to, boolean guarded) {}

    final List<Step> steps;
    final int start;
    final int exit;
    private final List<List<Arc>> out = new ArrayList<>();
    private final List<List<Arc>> in = new ArrayList<>();
    private final boolean[] leadsToUnknown;
    private final boolean[] reachedFromUnknown;
    private int[] idom;
    private int[] ipdom;

    FlowGraph(Diagram diagram) {
        steps = diagram.steps();
        exit = steps.size();
        Map<String, Integer> index = new HashMap<>();
        for (int i = 0; i < steps.size(); i++) {
            index.put(steps.get(i).id(), i);
            out.add(new ArrayList<>());
            in.add(new ArrayList<>());
        }
        leadsToUnknown = new boolean[steps.size()];
        reachedFromUnknown = new boolean[steps.size()];
        for (int p = 0; p < diagram.paths().size(); p++) {
            Path path = diagram.paths().get(p);
            Integer from = index.get(path.from());
            Integer to = index.get(path.to());
            if (from == null || to == null) {
                if (from != null) {
                    leadsToUnknown[from] = true;
                }
                if (to != null) {
                    reachedFromUnknown[to] = true;
                }
                continue;
            }
            Arc arc = new Arc(p, from, to, path.guarded());
            out.get(arc.from()).add(arc);
            in.get(arc.to()).add(arc);
        }
        start = index.get(diagram.start());
    }

    int size() {
        return steps.size();
    }

    String id(int node) {
        return steps.get(node).id();
    }

    boolean isEnd(int node) {
        return steps.get(node).type() == StepType.END;
    }

    /** Whether a path out of {@code node} names a step that does not exist. */
    boolean leadsToUnknown(int node) {
        return leadsToUnknown[node];
    }

    /** Whether a path into {@code node} comes from a step that does not exist. */
    boolean reachedFromUnknown(int node) {
        return reachedFromUnknown[node];
    }

    /** Paths out of {@code node}, in diagram order. */
    List<Arc> out(int node) {
        return out.get(node);
    }

    List<Arc> in(int node) {
        return in.get(node);
    }

    /** Several unguarded paths out and no guarded one: the branches run in parallel. */
    boolean isFork(int node) {
        List<Arc> arcs = out.get(node);
        return arcs.size() >= 2 && arcs.stream().noneMatch(Arc::guarded);
    }

    /** Nodes reachable from {@code from} without passing through {@code avoid} (-1: none). */
    boolean[] reachableFrom(int from, int avoid) {
        boolean[] seen = new boolean[size()];
        Deque<Integer> queue = new ArrayDeque<>();
        seen[from] = true;
        queue.add(from);
        while (!queue.isEmpty()) {
            for (Arc arc : out(queue.poll())) {
                if (arc.to() != avoid && !seen[arc.to()]) {
                    seen[arc.to()] = true;
                    queue.add(arc.to());
                }
            }
        }
        return seen;
    }

    /** Nodes from which some node in {@code targets} can be reached. */
    boolean[] reaching(boolean[] targets) {
        boolean[] seen = targets.clone();
        Deque<Integer> queue = new ArrayDeque<>();
        for (int node = 0; node < size(); node++) {
            if (seen[node]) {
                queue.add(node);
            }
        }
        while (!queue.isEmpty()) {
            for (Arc arc : in(queue.poll())) {
                if (!seen[arc.from()]) {
                    seen[arc.from()] = true;
                    queue.add(arc.from());
                }
            }
        }
        return seen;
    }

    /** Whether every way from the start to {@code b} passes through {@code a}. */
    boolean dominates(int a, int b) {
        return ancestor(dominatorTree(), a, b, start);
    }

    /**
     * The immediate post-dominator of {@code node}: the first step that every way from it to the end
     * of the job passes through; {@link #exit} when there is none. Needs every node to reach an end.
     */
    int postDominator(int node) {
        if (ipdom == null) {
            int n = size() + 1;
            int[][] forward = new int[n][];
            int[][] backward = new int[n][];
            for (int at = 0; at < size(); at++) {
                IntStream successors = out(at).stream().mapToInt(Arc::to);
                forward[at] = (isEnd(at) ? IntStream.concat(successors, IntStream.of(exit)) : successors)
                        .toArray();
                backward[at] = in(at).stream().mapToInt(Arc::from).toArray();
            }
            forward[exit] = new int[0];
            backward[exit] = IntStream.range(0, size()).filter(this::isEnd).toArray();
            // Post-dominators are the dominators of the reversed graph, rooted at exit.
            ipdom = Dominators.of(backward, forward, exit);
        }
        return ipdom[node];
    }

    /** Depth of {@code node} in the dominator tree: forks deeper in it are nested inside others. */
    int dominatorDepth(int node) {
        int[] tree = dominatorTree();
        int depth = 0;
        for (int at = node; at != start; at = tree[at]) {
            depth++;
        }
        return depth;
    }

    private int[] dominatorTree() {
        if (idom == null) {
            int[][] successors = new int[size()][];
            int[][] predecessors = new int[size()][];
            for (int node = 0; node < size(); node++) {
                successors[node] = out(node).stream().mapToInt(Arc::to).toArray();
                predecessors[node] = in(node).stream().mapToInt(Arc::from).toArray();
            }
            idom = Dominators.of(successors, predecessors, start);
        }
        return idom;
    }

    private static boolean ancestor(int[] tree, int a, int b, int root) {
        if (tree[b] == -1) {
            return false;
        }
        for (int at = b; ; at = tree[at]) {
            if (at == a) {
                return true;
            }
            if (at == root) {
                return false;
            }
        }
    }
}
