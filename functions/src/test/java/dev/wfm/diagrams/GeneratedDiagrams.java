package dev.wfm.diagrams;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;

/** Valid diagrams of a chosen size, for size tests and the benchmark. */
final class GeneratedDiagrams {
    private GeneratedDiagrams() {}

    /** {@code steps - 1} manual steps in a row, then an end step. */
    static Diagram linear(int steps) {
        Builder b = new Builder();
        String previous = b.manual();
        while (b.steps.size() < steps - 1) {
            String next = b.manual();
            b.path(previous, next);
            previous = next;
        }
        b.path(previous, b.end());
        return b.diagram("Linear " + steps);
    }

    /**
     * Blocks in a row until about {@code steps} steps: manual steps; questions with two answers
     * ("approve" goes on, "rework" loops back to the previous block); and forks of two or three
     * branches of one to three manual steps, joined by a manual step. Same seed, same diagram.
     */
    static Diagram branching(int steps, long seed) {
        Random random = new Random(seed);
        Builder b = new Builder();
        String previousBlock = b.manual();
        String tail = previousBlock;
        while (b.steps.size() < steps - 1) {
            int kind = random.nextInt(3);
            String entry;
            if (kind == 0) {
                entry = b.manual();
                b.path(tail, entry);
                tail = entry;
            } else if (kind == 1) {
                entry = b.question();
                b.path(tail, entry);
                b.onReturnCode(entry, previousBlock, "rework");
                String next = b.manual();
                b.onReturnCode(entry, next, "approve");
                tail = next;
            } else {
                entry = b.manual();
                b.path(tail, entry);
                List<String> ends = new ArrayList<>();
                for (int branch = 0, count = 2 + random.nextInt(2); branch < count; branch++) {
                    String at = entry;
                    for (int step = 0, length = 1 + random.nextInt(3); step < length; step++) {
                        String next = b.manual();
                        b.path(at, next);
                        at = next;
                    }
                    ends.add(at);
                }
                String join = b.manual();
                for (String end : ends) {
                    b.path(end, join);
                }
                tail = join;
            }
            previousBlock = entry;
        }
        b.path(tail, b.end());
        return b.diagram("Branching " + steps + " (seed " + seed + ")");
    }

    private static final class Builder {
        final List<Step> steps = new ArrayList<>();
        final List<Path> paths = new ArrayList<>();

        String manual() {
            String id = nextId();
            steps.add(new Step.Manual(new StepInfo(id, "Review part " + steps.size() + " of the work")));
            return id;
        }

        String question() {
            String id = nextId();
            steps.add(new Step.Question(new StepInfo(id, "Approve part " + steps.size()),
                    "Is part " + steps.size() + " good enough?",
                    List.of(new Step.Answer("Approve", "approve"), new Step.Answer("Rework", "rework"))));
            return id;
        }

        String end() {
            String id = nextId();
            steps.add(new Step.End(new StepInfo(id, "Done")));
            return id;
        }

        void path(String from, String to) {
            paths.add(Path.of(from, to));
        }

        void onReturnCode(String from, String to, String code) {
            paths.add(Path.onReturnCode(from, to, code));
        }

        Diagram diagram(String name) {
            return new Diagram(name, steps, paths, steps.get(0).id());
        }

        private String nextId() {
            return String.format("step-%05d", steps.size() + 1);
        }
    }
}
