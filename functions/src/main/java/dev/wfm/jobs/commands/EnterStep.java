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
 * The worker recorded the token of an automated step that finishes later (a wait, a child job
 * waited for): {@code entering} becomes current with {@code event}, unless the job knew the step
 * ({@link StepTransitions#enter}). The answer is the step as current afterwards, null when the
 * token went to an answer given already.
 */
public record EnterStep(CurrentStep entering, JobEvent event) implements JobCommand<CurrentStep> {
    @Override
    public Decision<CurrentStep> decide(Job job, Instant now) {
        return StepTransitions.enter(job, entering, List.of(event));
    }
}
