package dev.wfm.jobs.commands;

import dev.wfm.jobs.Decision;
import dev.wfm.jobs.Job;
import dev.wfm.jobs.JobCommand;
import dev.wfm.jobs.events.JobEvent;
import java.time.Instant;
import java.util.List;

/**
 * The worker records what an automated step did ({@code event}) in the job's history, unless the
 * job has moved on to another execution than the one ({@code executionSeq}) that ran the step.
 */
public record RecordOutcome(int executionSeq, JobEvent event) implements JobCommand<Void> {
    @Override
    public Decision<Void> decide(Job job, Instant now) {
        return job.executionSeq() != executionSeq ? Decision.unchanged(null) : Decision.accept(job, List.of(event), null);
    }
}
