package dev.wfm.diagrams;

import java.util.List;

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
}
