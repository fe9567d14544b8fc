package dev.wfm.jobs.commands;

import dev.wfm.jobs.Actor;
import dev.wfm.jobs.CurrentStep;
import dev.wfm.jobs.Decision;
import dev.wfm.jobs.Job;
import dev.wfm.jobs.StepStatus;
import dev.wfm.jobs.StepTransitions;
import dev.wfm.jobs.events.JobEvent.StepGivenBack;
import java.time.Instant;
import java.util.List;

/** GiveBack: the worker who claimed a step returns it to the group they claimed it from. */
public record GiveBackStep(Actor actor) implements StepCommand {
    @Override
    public List<Guard> guards(Job job, CurrentStep step, Instant now) {
        return List.of(() -> Guards.claimedBy(actor, step));
    }

    @Override
    public Decision.Accepted<StepStatus> change(Job job, CurrentStep step, Instant now) {
        return Decision.accept(StepTransitions.giveBack(job, step),
                List.of(new StepGivenBack(step.stepId(), actor.user(), now, step.claimedFrom())), step.status());
    }
}
