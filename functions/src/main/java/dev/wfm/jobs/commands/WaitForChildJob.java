package dev.wfm.jobs.commands;

import dev.wfm.execution.ExecutionContract.TokenKind;
import dev.wfm.jobs.Actor;
import dev.wfm.jobs.CurrentStep;
import dev.wfm.jobs.Decision;
import dev.wfm.jobs.Job;
import dev.wfm.jobs.JobCommand;
import dev.wfm.jobs.StepTransitions;
import dev.wfm.jobs.events.JobEvent.ChildJobCreated;
import dev.wfm.jobs.events.JobEvent.WaitingForChildJob;
import java.time.Instant;
import java.util.List;

/**
 * The worker, running createJob step {@code stepId} for execution {@code executionArn}, created
 * child job {@code childJobId}: the step, the same visit, waits on {@code token} until the child
 * closes (or, when the child closed already, the token goes to the answer its close left). A job
 * that no longer runs that execution is left as it is: the next execution's worker runs the step
 * again as the same visit and finds this child, whose creation the visit keys. The answer is the
 * step as current afterwards, null when there is none.
 */
public record WaitForChildJob(String executionArn, String stepId, String token, String childJobId) implements JobCommand<CurrentStep> {
    @Override
    public Decision<CurrentStep> decide(Job job, Instant now) {
        if (!job.executionArn().equals(executionArn) || job.closed() || job.knowsToken(token)) {
            return Decision.unchanged(job.currentStep(stepId).orElse(null));
        }
        String by = Actor.SYSTEM.user();
        ChildJobCreated created = new ChildJobCreated(stepId, by, now, List.of(childJobId));
        CurrentStep running = job.currentStep(stepId).filter(CurrentStep::running).orElse(null);
        if (running == null) {
            // the child closed already, and the answer it left waits for this token
            return job.entered(stepId, token, TokenKind.CHILD)
                    .<Decision<CurrentStep>>map(answered -> Decision.accept(answered, List.of(created), null))
                    .orElse(Decision.unchanged(job.currentStep(stepId).orElse(null)));
        }
        return StepTransitions.enter(job, running.waitingOn(TokenKind.CHILD, token),
                List.of(created, new WaitingForChildJob(stepId, by, now, childJobId)));
    }
}
