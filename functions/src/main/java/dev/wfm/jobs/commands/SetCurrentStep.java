package dev.wfm.jobs.commands;

import dev.wfm.security.Privilege;
import dev.wfm.diagrams.Step;
import dev.wfm.diagrams.StepType;
import dev.wfm.jobs.Actor;
import dev.wfm.jobs.Decision;
import dev.wfm.jobs.DiagramCatalog;
import dev.wfm.jobs.Job;
import dev.wfm.jobs.Rejection;
import dev.wfm.jobs.StepStatus;
import dev.wfm.jobs.events.JobEvent.CurrentStepSet;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * SetCurrentStep: a manager moves the job to one step of its diagram (not an end step): its
 * execution is replaced by one that starts there, and the other current steps, their holds and
 * what the old execution was owed are dropped. The answer is the step's status, Ready.
 */
public record SetCurrentStep(Actor actor, String stepId, DiagramCatalog diagrams) implements GuardedCommand<StepStatus> {
    @Override
    public List<Guard> guards(Job job, Instant now) {
        return List.of(() -> Guards.may(actor, Privilege.UPDATE_JOBS, "Setting the current step"), () -> Guards.inDiagram(job, stepId, diagrams),
                () -> notEnd(target(job).orElseThrow()));
    }

    @Override
    public Decision<StepStatus> change(Job job, Instant now) {
        Job next = job.with(b -> b.restartAt(target(job).orElseThrow(), job.properties(), now.toString()));
        return Decision.accept(next, List.of(new CurrentStepSet(stepId, actor.user(), now)), StepStatus.Ready);
    }

    private Optional<Step> target(Job job) {
        return diagrams.step(job, stepId);
    }

    private Optional<Rejection> notEnd(Step step) {
        return step.type() == StepType.END
                ? Optional.of(Rejection.invalid("END_STEP", "Step '" + stepId + "' ends the job; close the job instead of making it current."))
                : Optional.empty();
    }
}
