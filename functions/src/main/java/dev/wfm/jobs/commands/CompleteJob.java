package dev.wfm.jobs.commands;

import dev.wfm.jobs.Actor;
import dev.wfm.jobs.Closure;
import dev.wfm.jobs.Decision;
import dev.wfm.jobs.Job;
import dev.wfm.jobs.JobCommand;
import dev.wfm.jobs.events.JobEvent.JobCompleted;
import java.time.Instant;
import java.util.List;

/** The execution reached end step {@code endStepId} (the activation function's {@code complete}): the job is closed, Completed. */
public record CompleteJob(String endStepId) implements JobCommand<String> {
    @Override
    public Decision<String> decide(Job job, Instant now) {
        if (job.closed()) {
            return Decision.unchanged("already closed");
        }
        Job next = job.with(b -> {
            b.closed = true;
            b.jobStatus = "Completed";
            b.closure = new Closure(Actor.SYSTEM.user(), now.toString(), job.jobStatus());
            b.currentSteps.clear();
            b.holds.clear();
            b.resumeSteps.clear();
            return b;
        });
        return Decision.accept(next, List.of(new JobCompleted(endStepId, Actor.SYSTEM.user(), now)), "Completed");
    }
}
