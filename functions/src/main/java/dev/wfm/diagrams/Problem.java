package dev.wfm.diagrams;

/**
 * One reason a diagram cannot be accepted.
 *
 * @param code a {@link ProblemCode} name; a string because it goes on the wire as is
 * @param target what to fix: a step id, {@code paths[i]}, {@code start}, {@code steps[i].id}, or
 *     a JSON location such as {@code steps[2].type}
 */
public record Problem(String code, String message, String target) {

    public Problem(ProblemCode code, String message, String target) {
        this(code.name(), message, target);
    }
}
