package dev.wfm.diagrams;

import java.util.ArrayDeque;
import java.util.Arrays;
import java.util.Deque;

/**
 * Immediate dominators by the iterative algorithm of Cooper, Harvey and Kennedy ("A Simple, Fast
 * Dominance Algorithm"): simple, and fast on the small, nearly reducible graphs diagrams make.
 */
final class Dominators {
    private Dominators() {}

    /**
     * The immediate dominator of every node reachable from {@code root} ({@code root} is its own),
     * -1 for the others.
     */
    static int[] of(int[][] successors, int[][] predecessors, int root) {
        int n = successors.length;
        int[] postorder = postorder(successors, root);
        int[] rank = new int[n];
        Arrays.fill(rank, -1);
        for (int i = 0; i < postorder.length; i++) {
            rank[postorder[i]] = i;
        }
        int[] idom = new int[n];
        Arrays.fill(idom, -1);
        idom[root] = root;
        boolean changed = true;
        while (changed) {
            changed = false;
            for (int i = postorder.length - 2; i >= 0; i--) {
                int node = postorder[i];
                int candidate = -1;
                for (int pred : predecessors[node]) {
                    if (idom[pred] != -1) {
                        candidate = candidate == -1 ? pred : intersect(pred, candidate, idom, rank);
                    }
                }
                if (idom[node] != candidate) {
                    idom[node] = candidate;
                    changed = true;
                }
            }
        }
        return idom;
    }

    private static int intersect(int a, int b, int[] idom, int[] rank) {
        while (a != b) {
            while (rank[a] < rank[b]) {
                a = idom[a];
            }
            while (rank[b] < rank[a]) {
                b = idom[b];
            }
        }
        return a;
    }

    /** Nodes reachable from root, each after the nodes it reaches first; iterative: no deep stack. */
    private static int[] postorder(int[][] successors, int root) {
        int n = successors.length;
        int[] order = new int[n];
        int count = 0;
        boolean[] seen = new boolean[n];
        int[] next = new int[n];
        Deque<Integer> stack = new ArrayDeque<>();
        stack.push(root);
        seen[root] = true;
        while (!stack.isEmpty()) {
            int node = stack.peek();
            if (next[node] < successors[node].length) {
                int succ = successors[node][next[node]++];
                if (!seen[succ]) {
                    seen[succ] = true;
                    stack.push(succ);
                }
            } else {
                order[count++] = stack.pop();
            }
        }
        return Arrays.copyOf(order, count);
    }
}
