package dev.wfm.diagrams;

import java.util.ArrayDeque;
import java.util.Deque;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * A workflow diagram: steps joined by paths, entered at {@code start}.
 *
 * <p>A diagram built here is only well-typed; {@link DiagramValidator} says whether it can run.
 * {@code start} may be null (the validator reports it), the lists never are.
 */
public record Diagram(String name, List<Step> steps, List<Path> paths, String start) {
    public Diagram {
        steps = List.copyOf(steps);
        paths = List.copyOf(paths);
    }

    /** The steps a job can get to from {@code stepId} by following paths (the step itself only through a loop). */
    public Set<String> reachableFrom(String stepId) {
        Set<String> reached = new HashSet<>();
        Deque<String> queue = new ArrayDeque<>(List.of(stepId));
        while (!queue.isEmpty()) {
            String at = queue.poll();
            for (Path path : paths) {
                if (at.equals(path.from()) && reached.add(path.to())) {
                    queue.add(path.to());
                }
            }
        }
        return reached;
    }
}
