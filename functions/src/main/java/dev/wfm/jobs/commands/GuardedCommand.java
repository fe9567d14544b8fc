package dev.wfm.jobs.commands;

import dev.wfm.jobs.Decision;
import dev.wfm.jobs.Job;
import dev.wfm.jobs.JobCommand;
import dev.wfm.jobs.Rejection;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/** A command on a whole job: its guards, checked in order, then the change; a rejection answers null. */
public interface GuardedCommand<A> extends JobCommand<A> {
    List<Guard> guards(Job job, Instant now);

    /** The change, once every guard passed. */
    Decision<A> change(Job job, Instant now);

    @Override
    default Decision<A> decide(Job job, Instant now) {
        Optional<Rejection> refused = Guard.first(guards(job, now));
        return refused.isPresent() ? Decision.reject(refused.get(), null) : change(job, now);
    }
}
