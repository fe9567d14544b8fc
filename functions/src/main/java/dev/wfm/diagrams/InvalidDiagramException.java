package dev.wfm.diagrams;

import java.util.List;

/** Thrown when asked to compile a diagram that {@link DiagramValidator} rejects. */
public final class InvalidDiagramException extends IllegalArgumentException {
    private final transient List<Problem> problems;

    public InvalidDiagramException(List<Problem> problems) {
        super("The diagram has " + problems.size() + " problem(s), first: "
                + problems.get(0).message());
        this.problems = List.copyOf(problems);
    }

    public List<Problem> problems() {
        return problems;
    }
}
