package dev.wfm.jobs;

import java.time.Instant;

/**
 * A change of one job, decided on the job as read ({@link JobUnitOfWork#run} writes it): its
 * guards checked against the job, it accepts (the next job and its events), rejects, or finds
 * nothing to do. It never writes; decided again on a fresh job when another writer got there
 * first, so a decision depends only on the job and {@code now}.
 */
@FunctionalInterface
public interface JobCommand<A> {
    Decision<A> decide(Job job, Instant now);
}
