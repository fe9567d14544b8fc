package dev.wfm.jobs.commands;

import dev.wfm.diagrams.Step;
import dev.wfm.jobs.Actor;
import dev.wfm.jobs.CurrentStep;
import dev.wfm.jobs.Decision;
import dev.wfm.jobs.DiagramCatalog;
import dev.wfm.jobs.Job;
import dev.wfm.jobs.JobCommand;
import dev.wfm.jobs.StepStatus;
import dev.wfm.jobs.StepTransitions;
import dev.wfm.jobs.events.JobEvent;
import dev.wfm.jobs.events.JobEvent.StepBecameCurrent;
import dev.wfm.jobs.events.JobEvent.StepFailed;
import dev.wfm.jobs.events.JobEvent.StepStartedAutomatically;
import java.time.Instant;
import java.util.List;

/**
 * An execution entered step {@code stepId} and waits on {@code token} (the activation function's
 * {@code activate} and {@code failed}): a person's step becomes current, Ready (Working when it
 * starts by itself), or an automated step that failed with {@code error} becomes current as
 * Failed, for a person's decision. Entering follows {@link StepTransitions#enter}. The answer is
 * what the execution is told: the step's status, {@code answered} when the token went to an
 * answer given before it came, {@code already current} for a repeated call.
 */
public record ActivateStep(DiagramCatalog diagrams, String stepId, String token, boolean autoRun, String error)
        implements JobCommand<String> {
    /** A person's step. */
    public static ActivateStep current(DiagramCatalog diagrams, String stepId, String token, boolean autoRun) {
        return new ActivateStep(diagrams, stepId, token, autoRun, null);
    }

    /** An automated step that failed with {@code error}, as a person reads it. */
    public static ActivateStep failed(DiagramCatalog diagrams, String stepId, String token, String error) {
        return new ActivateStep(diagrams, stepId, token, false, error);
    }

    @Override
    public Decision<String> decide(Job job, Instant now) {
        if (job.closed()) {
            return Decision.unchanged("ignored: job closed");
        }
        Step step = diagrams.step(job, stepId).orElseThrow(() -> new IllegalStateException("job " + job.jobId() + " has no step " + stepId));
        String at = now.toString();
        CurrentStep entering;
        JobEvent event;
        if (error != null) {
            entering = CurrentStep.failed(step, job, token, at, error);
            event = new StepFailed(stepId, Actor.SYSTEM.user(), now, error);
        } else {
            CurrentStep ready = CurrentStep.ready(step, job, at).withToken(token);
            entering = autoRun ? ready.withStatus(StepStatus.Working, at) : ready;
            event = autoRun ? new StepStartedAutomatically(stepId, Actor.SYSTEM.user(), now) : new StepBecameCurrent(stepId, Actor.SYSTEM.user(), now);
        }
        if (!(StepTransitions.enter(job, entering, List.of(event)) instanceof Decision.Accepted<CurrentStep> entered)) {
            return Decision.unchanged("already current");
        }
        return Decision.accept(entered.next(), entered.events(), entered.answer() == null ? "answered" : entered.answer().status().name());
    }
}
