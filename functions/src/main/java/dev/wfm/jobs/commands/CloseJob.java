package dev.wfm.jobs.commands;

import dev.wfm.jobs.Actor;
import dev.wfm.jobs.Closure;
import dev.wfm.jobs.Decision;
import dev.wfm.jobs.Job;
import dev.wfm.jobs.OwedCall;
import dev.wfm.jobs.events.JobEvent.JobClosed;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * Closes an open job: its execution is stopped, its current steps kept aside for a reopen, its
 * status set to the statuses lookup's closed status ({@code closedStatus}, when it has one), and
 * who closed it when recorded, with the status it had ({@link Closure}).
 */
public record CloseJob(Actor actor, String closedStatus) implements GuardedCommand<Void> {
    @Override
    public List<Guard> guards(Job job, Instant now) {
        return List.of(() -> Guards.open(job, " already."));
    }

    @Override
    public Decision<Void> change(Job job, Instant now) {
        Job next = job.with(b -> {
            b.closed = true;
            if (closedStatus != null) {
                b.jobStatus = closedStatus;
            }
            b.closure = new Closure(actor.user(), now.toString(), job.jobStatus());
            b.owedCalls.add(OwedCall.stop(job.executionArn()));
            b.resumeSteps = new ArrayList<>(job.currentSteps());
            b.currentSteps.clear();
            return b;
        });
        return Decision.accept(next, List.of(new JobClosed(actor.user(), now)), null);
    }
}
