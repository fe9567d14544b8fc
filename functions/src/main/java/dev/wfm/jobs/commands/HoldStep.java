package dev.wfm.jobs.commands;

import dev.wfm.common.Ids;
import dev.wfm.jobs.Actor;
import dev.wfm.jobs.CurrentStep;
import dev.wfm.jobs.Decision;
import dev.wfm.jobs.Hold;
import dev.wfm.jobs.Job;
import dev.wfm.jobs.StepStatus;
import dev.wfm.jobs.StepTransitions;
import dev.wfm.jobs.events.JobEvent.StepHeld;
import java.time.Instant;
import java.util.List;

/** Hold: nobody may run or finish the step until the hold is released, by hand or at {@code scheduledRelease} (may be null). */
public record HoldStep(Actor actor, Instant scheduledRelease, String comment) implements StepCommand {
    @Override
    public List<Guard> guards(Job job, CurrentStep step, Instant now) {
        return List.of(() -> Guards.notRunning(step), () -> Guards.mayWorkOn(actor, step), () -> Guards.notHeld(step),
                () -> Guards.releaseInFuture(scheduledRelease, now));
    }

    @Override
    public Decision.Accepted<StepStatus> change(Job job, CurrentStep step, Instant now) {
        String release = scheduledRelease == null ? null : scheduledRelease.toString();
        Hold hold = new Hold(Ids.newId(now), step.stepId(), comment, release, now.toString(), actor.user());
        return Decision.accept(StepTransitions.hold(job, step, hold),
                List.of(new StepHeld(step.stepId(), actor.user(), now, release, comment)), StepStatus.Held);
    }
}
