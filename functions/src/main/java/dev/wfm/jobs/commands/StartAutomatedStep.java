package dev.wfm.jobs.commands;

import dev.wfm.diagrams.Step;
import dev.wfm.execution.ExecutionContract.TokenKind;
import dev.wfm.jobs.CurrentStep;
import dev.wfm.jobs.Decision;
import dev.wfm.jobs.Job;
import dev.wfm.jobs.JobCommand;
import dev.wfm.jobs.StepTransitions;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * The worker is asked by execution {@code executionArn} (null from machines compiled before it was
 * sent) to run automated step {@code step}; a step that finishes later brings the {@code token} of
 * {@code kind} it will wait on (else both are null). Before anything is done the step becomes
 * current, running ({@link StepTransitions#run}), so a restart meanwhile keeps it and the next
 * execution runs it again. One the job shows already stays as it is: a retry of the same run, or
 * a step kept across a restart, the same visit. A token the step waited on already goes to it, or
 * to the answer given before it came (a child that closed while the job was paused), and there is
 * nothing to run. A call from an execution that is not the job's, or to a closed job, is ignored.
 */
public record StartAutomatedStep(String executionArn, Step step, String token, TokenKind kind) implements JobCommand<StartAutomatedStep.Start> {
    /** What the worker is to do. */
    public sealed interface Start {}

    /** Run the step, current as {@code step} (its {@code since} names the visit). */
    public record Run(CurrentStep step) implements Start {}

    /** Nothing to run: the step waits on the token, or the token went to the answer owed to it. */
    public record Waiting() implements Start {}

    /** Nothing to run: the job no longer runs the calling execution ({@code why}). */
    public record Ignored(String why) implements Start {}

    @Override
    public Decision<Start> decide(Job job, Instant now) {
        if (executionArn != null && !executionArn.equals(job.executionArn())) {
            return Decision.unchanged(new Ignored("the job's execution is no longer " + executionArn));
        }
        if (job.closed()) {
            return Decision.unchanged(new Ignored("job '" + job.jobId() + "' is closed"));
        }
        if (token != null && job.knowsToken(token)) {
            return Decision.unchanged(new Waiting());
        }
        Optional<Job> entered = token == null ? Optional.empty() : job.entered(step.id(), token, kind);
        if (entered.isPresent()) {
            return Decision.accept(entered.get(), List.of(), new Waiting());
        }
        Decision<CurrentStep> running = StepTransitions.run(job, step, now);
        return running instanceof Decision.Accepted<CurrentStep> started
                ? Decision.accept(started.next(), started.events(), new Run(started.answer()))
                : Decision.unchanged(new Run(running.answer()));
    }
}
