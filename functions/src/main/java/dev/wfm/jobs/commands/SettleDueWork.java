package dev.wfm.jobs.commands;

import dev.wfm.execution.ExecutionContract.TokenKind;
import dev.wfm.execution.ExecutionContract.WorkResult;
import dev.wfm.jobs.Actor;
import dev.wfm.jobs.CurrentStep;
import dev.wfm.jobs.Decision;
import dev.wfm.jobs.Hold;
import dev.wfm.jobs.Job;
import dev.wfm.jobs.JobCommand;
import dev.wfm.jobs.StepStatus;
import dev.wfm.jobs.StepTransitions;
import dev.wfm.jobs.events.JobEvent;
import dev.wfm.jobs.events.JobEvent.HoldReleasedOnSchedule;
import dev.wfm.jobs.events.JobEvent.JobOverdue;
import dev.wfm.jobs.events.JobEvent.WaitEnded;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * What a scheduler tick at {@code now} (decided at the tick's own time, not the clock's) does for
 * a job: releases the holds whose scheduled release has come, then ends the waits whose time has
 * come and that are not on hold, answering their task tokens, then, when the job is overdue by its
 * SLA clock as those releases left it and its JobOverdue for its due date is not written yet,
 * writes it. Nothing due: unchanged. Decided again on the fresh job when another tick wrote first,
 * so two ticks at once write one JobOverdue.
 */
public record SettleDueWork() implements JobCommand<SettleDueWork.Settled> {
    /** What was done to the job. */
    public record Settled(int holdsReleased, int waitsEnded, boolean overdueNoticed) {}

    @Override
    public Decision<Settled> decide(Job job, Instant now) {
        List<JobEvent> events = new ArrayList<>();
        Job next = job;
        for (Hold hold : job.holds()) {
            if (hold.scheduledRelease() != null && !Instant.parse(hold.scheduledRelease()).isAfter(now)) {
                next = StepTransitions.releaseOnSchedule(next, hold);
                events.add(new HoldReleasedOnSchedule(hold.stepId(), Actor.SYSTEM.user(), now));
            }
        }
        int holdsReleased = events.size();
        for (CurrentStep step : next.currentSteps()) {
            if (step.tokenKind() == TokenKind.WAIT && step.dueAt() != null && step.status() != StepStatus.Held
                    && !Instant.parse(step.dueAt()).isAfter(now)) {
                next = StepTransitions.answer(next, step, new WorkResult(null, null, StepTransitions.jobAfterChange(job)));
                events.add(new WaitEnded(step.stepId(), Actor.SYSTEM.user(), now));
            }
        }
        int waitsEnded = events.size() - holdsReleased;
        Job clocked = next.clocked(job, now);
        boolean overdue = clocked.overdueUnnoticed(now);
        if (overdue) {
            next = clocked.overdueNoticed();
            events.add(new JobOverdue(Actor.SYSTEM.user(), now, job.dueDate(), clocked.effectiveDueDate(now).orElseThrow().toString()));
        }
        if (events.isEmpty()) {
            return Decision.unchanged(null);
        }
        return Decision.accept(next, events, new Settled(holdsReleased, waitsEnded, overdue));
    }
}
