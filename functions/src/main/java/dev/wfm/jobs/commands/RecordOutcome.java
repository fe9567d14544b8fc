package dev.wfm.jobs.commands;

import dev.wfm.jobs.CurrentStep;
import dev.wfm.jobs.Decision;
import dev.wfm.jobs.Job;
import dev.wfm.jobs.JobCommand;
import dev.wfm.jobs.StepTransitions;
import dev.wfm.jobs.events.JobEvent;
import java.time.Instant;
import java.util.List;

/**
 * The worker ran a step for execution {@code executionArn} and records what it did
 * ({@code event}, at the step): the step, done, leaves the current steps with it. Unless the job no
 * longer runs that execution (restarted, paused or closed meanwhile, so the execution will not
 * get the answer): then nothing is recorded and the step stays current, for the next execution to
 * run again.
 */
public record RecordOutcome(String executionArn, JobEvent event) implements JobCommand<Boolean> {
    @Override
    public Decision<Boolean> decide(Job job, Instant now) {
        if (!job.executionArn().equals(executionArn) || job.closed() || job.paused()) {
            return Decision.unchanged(false);
        }
        Job next = job.currentStep(event.stepId()).filter(CurrentStep::running).map(step -> StepTransitions.ran(job, step)).orElse(job);
        return Decision.accept(next, List.of(event), true);
    }
}
