package dev.wfm.jobs;

import dev.wfm.execution.ExecutionContract.Receipt;
import java.time.Instant;
import java.util.List;

/**
 * A change of one job, decided on the job as read ({@link JobUnitOfWork#run} writes it): its
 * guards checked against the job, it accepts (the next job and its events), rejects, or finds
 * nothing to do. It never writes; decided again on a fresh job when another writer got there
 * first, so a decision depends only on the job and {@code now}.
 */
@FunctionalInterface
public interface JobCommand<A> {
    Decision<A> decide(Job job, Instant now);

    /**
     * This command as a call from execution {@code executionArn} carrying {@code receipts}:
     * decided on the job as that call leaves it ({@link Job#heardFrom}), so what the call proves
     * (a start made, answers arrived) is written with the change, or on its own when the command
     * finds nothing to change.
     */
    default JobCommand<A> heardFrom(String executionArn, List<Receipt> receipts) {
        return (job, now) -> {
            Job heard = job.heardFrom(executionArn, receipts);
            Decision<A> decision = decide(heard, now);
            if (heard != job && decision instanceof Decision.Unchanged<A> unchanged) {
                return Decision.accept(heard, List.of(), unchanged.answer());
            }
            return decision;
        };
    }
}
