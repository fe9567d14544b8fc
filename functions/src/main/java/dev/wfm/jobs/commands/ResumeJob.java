package dev.wfm.jobs.commands;

import dev.wfm.jobs.Actor;
import dev.wfm.jobs.Decision;
import dev.wfm.jobs.Job;
import dev.wfm.jobs.events.JobEvent.JobResumed;
import java.time.Instant;
import java.util.List;

/** Starts a new execution that enters every step the paused job was at, each kept as it was. */
public record ResumeJob(Actor actor) implements GuardedCommand<Void> {
    @Override
    public List<Guard> guards(Job job, Instant now) {
        return List.of(() -> Guards.paused(job));
    }

    @Override
    public Decision<Void> change(Job job, Instant now) {
        Job next = job.with(b -> {
            b.paused = false;
            return b.restart(job.properties());
        });
        return Decision.accept(next, List.of(new JobResumed(actor.user(), now)), null);
    }
}
