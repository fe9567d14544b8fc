package dev.wfm.jobs;

import java.util.List;

/**
 * What a command decided: the next job with the history entries that record it, or a rejection
 * that changes nothing. {@code answer} is what the caller is told either way. {@code related}
 * are writes of the job's related (one-to-many) records, made in the same transaction.
 */
public record Change<A>(Job next, List<HistoryEntry> history, List<RelatedWrite> related, Rejection rejection, A answer) {
    public static <A> Change<A> accept(Job next, List<HistoryEntry> history, A answer) {
        return accept(next, history, List.of(), answer);
    }

    public static <A> Change<A> accept(Job next, List<HistoryEntry> history, List<RelatedWrite> related, A answer) {
        return new Change<>(next, List.copyOf(history), List.copyOf(related), null, answer);
    }

    public static <A> Change<A> reject(Rejection rejection, A answer) {
        return new Change<>(null, List.of(), List.of(), rejection, answer);
    }

    /** Nothing to write (e.g. a repeated activation), but not an error. */
    public static <A> Change<A> none(A answer) {
        return new Change<>(null, List.of(), List.of(), null, answer);
    }

    public boolean accepted() {
        return next != null;
    }
}
