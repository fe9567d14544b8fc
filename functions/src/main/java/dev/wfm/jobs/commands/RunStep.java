package dev.wfm.jobs.commands;

import dev.wfm.execution.ExecutionContract.Choice;
import dev.wfm.execution.ExecutionContract.Decided;
import dev.wfm.jobs.Actor;
import dev.wfm.jobs.CurrentStep;
import dev.wfm.jobs.Decision;
import dev.wfm.jobs.Job;
import dev.wfm.jobs.StepStatus;
import dev.wfm.jobs.StepTransitions;
import dev.wfm.jobs.events.JobEvent.StepRetried;
import dev.wfm.jobs.events.JobEvent.StepStarted;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/** Run: starts a Ready step; on a Failed automated step it is the decision to try it again. */
public record RunStep(Actor actor) implements StepCommand {
    @Override
    public List<Guard> guards(Job job, CurrentStep step, Instant now) {
        return List.of(() -> Guards.notRunning(step), () -> Guards.notHeld(step), () -> Guards.notDependent(job, step), () -> Guards.mayWorkOn(actor, step),
                () -> step.status() == StepStatus.Failed ? Optional.empty()
                        : Guards.status(step, StepStatus.Ready, "Only a Ready step can be started."));
    }

    @Override
    public Decision.Accepted<StepStatus> change(Job job, CurrentStep step, Instant now) {
        if (step.status() == StepStatus.Failed) {
            Job next = StepTransitions.answer(job, step, new Decided(Choice.RETRY, null, StepTransitions.jobAfterChange(job)));
            return Decision.accept(next, List.of(new StepRetried(step.stepId(), actor.user(), now)), StepStatus.Working);
        }
        return Decision.accept(StepTransitions.start(job, step, now), List.of(new StepStarted(step.stepId(), actor.user(), now)),
                StepStatus.Working);
    }
}
