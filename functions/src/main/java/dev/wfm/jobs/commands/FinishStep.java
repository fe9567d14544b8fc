package dev.wfm.jobs.commands;

import dev.wfm.execution.ExecutionContract.Choice;
import dev.wfm.execution.ExecutionContract.Decided;
import dev.wfm.execution.ExecutionContract.StepDone;
import dev.wfm.execution.ExecutionContract.TaskAnswer;
import dev.wfm.jobs.Actor;
import dev.wfm.jobs.CurrentStep;
import dev.wfm.jobs.Decision;
import dev.wfm.jobs.Job;
import dev.wfm.jobs.StepStatus;
import dev.wfm.jobs.StepTransitions;
import dev.wfm.jobs.events.JobEvent.StepFinished;
import dev.wfm.jobs.events.JobEvent.StepSkipped;
import dev.wfm.jobs.events.JobEvent;
import java.time.Duration;
import java.time.Instant;
import java.util.List;

/**
 * Finish: completes the step with a return code (a question's must be one of its answers) and
 * answers its task token, so the execution moves on. On a Failed step it is the decision to skip
 * it, routing on as if it had finished with that return code.
 */
public record FinishStep(Actor actor, String returnCode, String comment) implements StepCommand {
    @Override
    public List<Guard> guards(Job job, CurrentStep step, Instant now) {
        return List.of(() -> Guards.notRunning(step), () -> Guards.notHeld(step), () -> Guards.notDependent(job, step), () -> Guards.mayWorkOn(actor, step),
                () -> Guards.validAnswer(step, returnCode));
    }

    @Override
    public Decision.Accepted<StepStatus> change(Job job, CurrentStep step, Instant now) {
        boolean skip = step.status() == StepStatus.Failed;
        TaskAnswer answer = skip
                ? new Decided(Choice.SKIP, returnCode, StepTransitions.jobAfterChange(job))
                : new StepDone(returnCode, StepTransitions.jobAfterChange(job));
        Duration took = Duration.between(Instant.parse(step.started() != null ? step.started() : step.since()), now);
        Duration duration = took.isNegative() ? Duration.ZERO : took;
        JobEvent done = skip
                ? new StepSkipped(step.stepId(), actor.user(), now, duration, returnCode, comment)
                : new StepFinished(step.stepId(), actor.user(), now, duration, returnCode, comment);
        return Decision.accept(StepTransitions.answer(job, step, answer), List.of(done), StepStatus.Finished);
    }
}
