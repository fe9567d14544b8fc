package dev.wfm.jobs.commands;

import dev.wfm.security.Privilege;
import dev.wfm.config.Assignment;
import dev.wfm.jobs.Actor;
import dev.wfm.jobs.CurrentStep;
import dev.wfm.jobs.Decision;
import dev.wfm.jobs.Job;
import dev.wfm.jobs.StepStatus;
import dev.wfm.jobs.StepTransitions;
import dev.wfm.jobs.events.JobEvent.StepAssigned;
import java.time.Instant;
import java.util.List;

/** Assign: a manager gives the step to a user, a group or nobody; allowed while the job is paused. */
public record AssignStep(Actor actor, Assignment assignment, String comment) implements StepCommand {
    @Override
    public List<Guard> guards(Job job, CurrentStep step, Instant now) {
        return List.of(() -> Guards.may(actor, Privilege.ASSIGN_JOBS, "Assigning a step"));
    }

    @Override
    public Decision.Accepted<StepStatus> change(Job job, CurrentStep step, Instant now) {
        String type = assignment.type().name();
        return Decision.accept(StepTransitions.assign(job, step, type, assignment.to()),
                List.of(new StepAssigned(step.stepId(), actor.user(), now, type, assignment.to(), comment)), step.status());
    }
}
