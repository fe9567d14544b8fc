package dev.wfm.diagrams;

/**
 * A path from one step to another.
 *
 * <p>A path with a {@code returnCode} or a {@code condition} is <em>guarded</em>: guarded paths out
 * of a step choose one next step, first match in order, and a lone unguarded path is their
 * default. Several unguarded paths out of a step (and no guarded one) run in parallel. The
 * condition is JSONata written as {@code {% expr %}}, like Amazon States Language; it sees
 * {@code $returnCode}, {@code $job} and {@code $result}.
 */
public record Path(String from, String to, String returnCode, String condition) {

    /** An unguarded path: the default, or one branch of a parallel fork. */
    public static Path of(String from, String to) {
        return new Path(from, to, null, null);
    }

    public static Path onReturnCode(String from, String to, String returnCode) {
        return new Path(from, to, returnCode, null);
    }

    public boolean guarded() {
        return returnCode != null || condition != null;
    }
}
