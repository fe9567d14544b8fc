package dev.wfm.jobs;

import java.util.List;

/**
 * What a command decided: the next job with the history entries that record it, or a rejection
 * that changes nothing. {@code answer} is what the caller is told either way.
 */
public record Change<A>(Job next, List<HistoryEntry> history, Rejection rejection, A answer) {
    public static <A> Change<A> accept(Job next, List<HistoryEntry> history, A answer) {
        return new Change<>(next, List.copyOf(history), null, answer);
    }

    public static <A> Change<A> reject(Rejection rejection, A answer) {
        return new Change<>(null, List.of(), rejection, answer);
    }

    /** Nothing to write (e.g. a repeated activation), but not an error. */
    public static <A> Change<A> none(A answer) {
        return new Change<>(null, List.of(), null, answer);
    }

    public boolean accepted() {
        return next != null;
    }
}
