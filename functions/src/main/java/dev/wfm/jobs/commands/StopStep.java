package dev.wfm.jobs.commands;

import dev.wfm.jobs.Actor;
import dev.wfm.jobs.CurrentStep;
import dev.wfm.jobs.Decision;
import dev.wfm.jobs.Job;
import dev.wfm.jobs.StepStatus;
import dev.wfm.jobs.StepTransitions;
import dev.wfm.jobs.events.JobEvent.StepStopped;
import java.time.Instant;
import java.util.List;

/** Stop: a Working step is Ready again. */
public record StopStep(Actor actor) implements StepCommand {
    @Override
    public List<Guard> guards(Job job, CurrentStep step, Instant now) {
        return List.of(() -> Guards.notRunning(step), () -> Guards.mayWorkOn(actor, step),
                () -> Guards.status(step, StepStatus.Working, "Only a Working step can be stopped."));
    }

    @Override
    public Decision.Accepted<StepStatus> change(Job job, CurrentStep step, Instant now) {
        return Decision.accept(StepTransitions.stop(job, step), List.of(new StepStopped(step.stepId(), actor.user(), now)),
                StepStatus.Ready);
    }
}
