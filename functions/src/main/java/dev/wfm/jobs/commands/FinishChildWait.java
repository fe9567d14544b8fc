package dev.wfm.jobs.commands;

import dev.wfm.common.Json;
import dev.wfm.execution.ExecutionContract.WorkResult;
import dev.wfm.jobs.Actor;
import dev.wfm.jobs.CurrentStep;
import dev.wfm.jobs.Decision;
import dev.wfm.jobs.Job;
import dev.wfm.jobs.JobCommand;
import dev.wfm.jobs.StepTransitions;
import dev.wfm.jobs.events.JobEvent.ChildJobClosed;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * Child job {@code childJobId} closed: the parent's step waiting on {@code token} finishes with
 * return code {@code closed}, even on hold. A repeat finds no step waiting on the token: unchanged.
 */
public record FinishChildWait(String token, String childJobId) implements JobCommand<Void> {
    @Override
    public Decision<Void> decide(Job parent, Instant now) {
        Optional<CurrentStep> step = parent.currentSteps().stream().filter(s -> token.equals(s.taskToken())).findFirst();
        if (step.isEmpty()) {
            return Decision.unchanged(null);
        }
        WorkResult closed = new WorkResult("closed", Json.object().put("jobId", childJobId), StepTransitions.jobAfterChange(parent));
        return Decision.accept(StepTransitions.answer(parent, step.get(), closed),
                List.of(new ChildJobClosed(step.get().stepId(), Actor.SYSTEM.user(), now, childJobId)), null);
    }
}
