package dev.wfm.jobs;

import java.util.List;
import java.util.Map;

/**
 * What a command decided: the next job with the history entries that record it, or a rejection
 * that changes nothing. {@code answer} is what the caller is told either way. {@code related}
 * are writes of the job's related (one-to-many) records, made in the same transaction.
 * {@code othersAt} are other jobs of the item (id to revision) the decision read: the change is
 * written only while each is still at that revision, else it is decided again.
 */
public record Change<A>(Job next, List<HistoryEntry> history, List<RelatedWrite> related, Map<String, Long> othersAt,
                        Rejection rejection, A answer) {
    public static <A> Change<A> accept(Job next, List<HistoryEntry> history, A answer) {
        return accept(next, history, List.of(), answer);
    }

    public static <A> Change<A> accept(Job next, List<HistoryEntry> history, List<RelatedWrite> related, A answer) {
        return new Change<>(next, List.copyOf(history), List.copyOf(related), Map.of(), null, answer);
    }

    public static <A> Change<A> reject(Rejection rejection, A answer) {
        return new Change<>(null, List.of(), List.of(), Map.of(), rejection, answer);
    }

    /** Nothing to write (e.g. a repeated activation), but not an error. */
    public static <A> Change<A> none(A answer) {
        return new Change<>(null, List.of(), List.of(), Map.of(), null, answer);
    }

    /** This change, written only while the other jobs read for it are still at these revisions. */
    public Change<A> whileOthersAt(Map<String, Long> revisions) {
        return new Change<>(next, history, related, Map.copyOf(revisions), rejection, answer);
    }

    public boolean accepted() {
        return next != null;
    }
}
