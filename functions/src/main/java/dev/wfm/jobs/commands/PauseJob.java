package dev.wfm.jobs.commands;

import dev.wfm.jobs.Actor;
import dev.wfm.jobs.Decision;
import dev.wfm.jobs.Job;
import dev.wfm.jobs.OwedCall;
import dev.wfm.jobs.events.JobEvent.JobPaused;
import java.time.Instant;
import java.util.List;

/** Stops the job's execution and keeps its current steps as they are; {@link ResumeJob} enters them again. */
public record PauseJob(Actor actor) implements GuardedCommand<Void> {
    @Override
    public List<Guard> guards(Job job, Instant now) {
        return List.of(() -> Guards.open(job, "."), () -> Guards.notPaused(job, " already."));
    }

    @Override
    public Decision<Void> change(Job job, Instant now) {
        Job next = job.with(b -> {
            b.paused = true;
            b.owedCalls.add(OwedCall.stop(job.executionArn()));
            return b;
        });
        return Decision.accept(next, List.of(new JobPaused(actor.user(), now)), null);
    }
}
