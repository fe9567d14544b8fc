package dev.wfm.jobs.commands;

import dev.wfm.jobs.Actor;
import dev.wfm.jobs.CurrentStep;
import dev.wfm.jobs.Decision;
import dev.wfm.jobs.Job;
import dev.wfm.jobs.StepStatus;
import dev.wfm.jobs.StepTransitions;
import dev.wfm.jobs.events.JobEvent.StepHoldReleased;
import java.time.Instant;
import java.util.List;

/** ReleaseHold: the step's holds go, and it is back at the status it had. */
public record ReleaseHold(Actor actor, String comment) implements StepCommand {
    @Override
    public List<Guard> guards(Job job, CurrentStep step, Instant now) {
        return List.of(() -> Guards.mayWorkOn(actor, step),
                () -> Guards.status(step, StepStatus.Held, "Only a held step can be released."));
    }

    @Override
    public Decision.Accepted<StepStatus> change(Job job, CurrentStep step, Instant now) {
        Job next = StepTransitions.release(job, step);
        return Decision.accept(next, List.of(new StepHoldReleased(step.stepId(), actor.user(), now, comment)),
                next.currentStep(step.stepId()).orElseThrow().status());
    }
}
