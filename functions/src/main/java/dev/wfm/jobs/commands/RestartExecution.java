package dev.wfm.jobs.commands;

import dev.wfm.jobs.Actor;
import dev.wfm.jobs.Decision;
import dev.wfm.jobs.Job;
import dev.wfm.jobs.JobCommand;
import dev.wfm.jobs.events.JobEvent.ExecutionRestarted;
import java.time.Instant;
import java.util.List;

/**
 * RefreshStatus found the job's execution {@code executionArn} ended ({@code previousStatus}:
 * failed, aborted, timed out, gone) while the job is open and running: the tokens of its current
 * steps are dead, so a new execution enters those steps, each kept as it is. A job that moved on
 * meanwhile (another execution, closed, paused) is left as it is. The answer is the job.
 */
public record RestartExecution(Actor actor, String executionArn, String previousStatus) implements JobCommand<Job> {
    @Override
    public Decision<Job> decide(Job job, Instant now) {
        if (!job.executionArn().equals(executionArn) || job.closed() || job.paused()) {
            return Decision.unchanged(job);
        }
        List<String> at = job.stepsToEnter();
        Job next = job.with(b -> b.restart(job.properties()));
        return Decision.accept(next, List.of(new ExecutionRestarted(at.isEmpty() ? null : at.get(0), actor.user(), now, previousStatus)),
                next);
    }
}
