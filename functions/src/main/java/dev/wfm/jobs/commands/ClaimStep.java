package dev.wfm.jobs.commands;

import dev.wfm.jobs.Actor;
import dev.wfm.jobs.CurrentStep;
import dev.wfm.jobs.Decision;
import dev.wfm.jobs.Job;
import dev.wfm.jobs.StepStatus;
import dev.wfm.jobs.StepTransitions;
import dev.wfm.jobs.events.JobEvent.StepClaimed;
import java.time.Instant;
import java.util.List;

/**
 * Claim: a worker takes a step assigned to one of their groups; it is assigned to them from now on,
 * remembering the group, so they can give it back ({@link GiveBackStep}).
 */
public record ClaimStep(Actor actor) implements StepCommand {
    @Override
    public List<Guard> guards(Job job, CurrentStep step, Instant now) {
        return List.of(
                () -> Guards.notRunning(step),
                () -> Guards.assignedToGroup(actor, step),
                () -> Guards.inAssignedGroup(actor, step));
    }

    @Override
    public Decision.Accepted<StepStatus> change(Job job, CurrentStep step, Instant now) {
        return Decision.accept(StepTransitions.claim(job, step, actor.user()),
                List.of(new StepClaimed(step.stepId(), actor.user(), now, step.assignedTo())), step.status());
    }
}
