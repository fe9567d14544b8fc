package dev.wfm.jobs.commands;

import dev.wfm.common.Json;
import dev.wfm.execution.ExecutionContract.TokenKind;
import dev.wfm.execution.ExecutionContract.WorkResult;
import dev.wfm.jobs.Actor;
import dev.wfm.jobs.CurrentStep;
import dev.wfm.jobs.Decision;
import dev.wfm.jobs.Job;
import dev.wfm.jobs.JobCommand;
import dev.wfm.jobs.JobRepository.ParentLink;
import dev.wfm.jobs.StepTransitions;
import dev.wfm.jobs.events.JobEvent.ChildJobClosed;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * Child job {@code childJobId} closed: the parent's step that {@code link} names finishes with
 * return code {@code closed}, even on hold, answering the token its execution waits on now; while
 * the parent is paused or closed, or its new execution has not entered the step yet, the answer
 * waits for the next token ({@link StepTransitions#answer}), and the execution that resumes or
 * reopens the parent enters the step for it. A step the worker is still running (the child
 * closed before the step was recorded as waiting for it) is answered so too. A repeat finds no
 * step waiting: unchanged.
 */
public record FinishChildWait(ParentLink link, String childJobId) implements JobCommand<Void> {
    @Override
    public Decision<Void> decide(Job parent, Instant now) {
        Optional<CurrentStep> step = Stream.concat(parent.currentSteps().stream(), parent.resumeSteps().stream())
                .filter(link::waitsAt).findFirst();
        if (step.isEmpty()) {
            return Decision.unchanged(null);
        }
        CurrentStep waiting = step.get().running() ? step.get().waitingOn(TokenKind.CHILD, null) : step.get();
        WorkResult closed = new WorkResult("closed", Json.object().put("jobId", childJobId), StepTransitions.jobAfterChange(parent));
        return Decision.accept(StepTransitions.answer(parent, waiting, closed),
                List.of(new ChildJobClosed(waiting.stepId(), Actor.SYSTEM.user(), now, childJobId)), null);
    }
}
