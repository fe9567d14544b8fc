package dev.wfm.jobs;

import dev.wfm.jobs.events.JobEvent;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * What a command decided on a job: accepted (the next job and the events it yields, written
 * together), rejected (why; nothing is written) or unchanged (nothing to write, not an error).
 * {@code answer} is what the caller is told in every case.
 */
public sealed interface Decision<A> {
    A answer();

    /** The rejection, when the command was refused. */
    default Optional<Rejection> rejection() {
        return Optional.empty();
    }

    /**
     * The next job and what happened. {@code related} are writes of the job's related (one-to-many)
     * records, made in the same transaction; {@code othersAt} are other jobs of the item (id to
     * revision) the decision read: it is written only while each is still at that revision, else
     * it is decided again.
     */
    record Accepted<A>(Job next, List<JobEvent> events, List<RelatedWrite> related, Map<String, Long> othersAt, A answer)
            implements Decision<A> {
        public Accepted {
            events = List.copyOf(events);
            related = List.copyOf(related);
            othersAt = Map.copyOf(othersAt);
        }

        /** This decision, written only while the other jobs read for it are still at these revisions. */
        public Accepted<A> whileOthersAt(Map<String, Long> revisions) {
            return new Accepted<>(next, events, related, revisions, answer);
        }
    }

    record Rejected<A>(Rejection reason, A answer) implements Decision<A> {
        @Override
        public Optional<Rejection> rejection() {
            return Optional.of(reason);
        }
    }

    /** Nothing to write (a repeated activation, a job already where it is asked to be), but not an error. */
    record Unchanged<A>(A answer) implements Decision<A> {}

    static <A> Accepted<A> accept(Job next, List<JobEvent> events, A answer) {
        return accept(next, events, List.of(), answer);
    }

    static <A> Accepted<A> accept(Job next, List<JobEvent> events, List<RelatedWrite> related, A answer) {
        return new Accepted<>(next, events, related, Map.of(), answer);
    }

    static <A> Rejected<A> reject(Rejection rejection, A answer) {
        return new Rejected<>(rejection, answer);
    }

    static <A> Unchanged<A> unchanged(A answer) {
        return new Unchanged<>(answer);
    }
}
