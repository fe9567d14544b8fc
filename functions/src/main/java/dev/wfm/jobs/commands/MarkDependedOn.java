package dev.wfm.jobs.commands;

import dev.wfm.jobs.Decision;
import dev.wfm.jobs.Job;
import dev.wfm.jobs.JobCommand;
import java.time.Instant;
import java.util.List;

/**
 * Notes on a job that another job's step is about to depend on one of its steps, so that finishing
 * its steps looks for dependents from then on ({@link Job#dependedOn}). Bookkeeping: no history
 * entry, and no conflict for an update read before it.
 */
public final class MarkDependedOn implements JobCommand<Void> {
    @Override
    public Decision<Void> decide(Job job, Instant now) {
        if (Boolean.TRUE.equals(job.dependedOn())) {
            return Decision.unchanged(null);
        }
        return Decision.accept(job.with(b -> {
            b.dependedOn = true;
            return b;
        }), List.of(), null);
    }
}
