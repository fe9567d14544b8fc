package dev.wfm.jobs.runtime;

import dev.wfm.execution.ExecutionContract.TokenKind;
import dev.wfm.execution.ExecutionContract.WorkResult;
import dev.wfm.jobs.Actor;
import dev.wfm.jobs.Change;
import dev.wfm.jobs.CurrentStep;
import dev.wfm.jobs.HistoryEntry;
import dev.wfm.jobs.Hold;
import dev.wfm.jobs.Job;
import dev.wfm.jobs.JobRunner;
import dev.wfm.jobs.JobRepository;
import dev.wfm.jobs.OwedCall;
import dev.wfm.jobs.StepStatus;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * What a scheduler tick does for jobs: releases holds whose scheduled release has come, ends
 * wait steps whose time has come (answering their task tokens), and makes the Step Functions
 * calls jobs still owe. Due jobs are found by a Query on DueIndex, never a Scan, so a tick costs
 * in proportion to what is due. A tick repeated for the same time finds nothing left to do.
 */
public final class DueWork {
    /** What one tick did. */
    public record Summary(int jobs, int holdsReleased, int waitsEnded) {}

    private final JobRunner runner;
    private final JobRepository store;

    public DueWork(JobRunner runner, JobRepository store) {
        this.runner = runner;
        this.store = store;
    }

    public Summary run(Instant now) {
        int holds = 0;
        int waits = 0;
        List<JobRepository.JobRef> due = store.dueJobs(now.toString());
        for (JobRepository.JobRef job : due) {
            int[] counts = runner.run(job.itemId(), job.jobId(), current -> settleDue(current, now)).answer();
            if (counts != null) {
                holds += counts[0];
                waits += counts[1];
            }
        }
        return new Summary(due.size(), holds, waits);
    }

    private Change<int[]> settleDue(Job job, Instant now) {
        List<Hold> releasable = job.holds().stream()
                .filter(hold -> hold.scheduledRelease() != null && !Instant.parse(hold.scheduledRelease()).isAfter(now))
                .toList();
        List<HistoryEntry> history = new ArrayList<>();
        int[] counts = new int[2];
        Job next = job.with(b -> {
            for (Hold hold : releasable) {
                b.holds.remove(hold);
                boolean stillHeld = b.holds.stream().anyMatch(other -> other.stepId().equals(hold.stepId()));
                job.currentStep(hold.stepId()).filter(step -> step.status() == StepStatus.Held && !stillHeld)
                        .ifPresent(step -> b.replaceStep(step.released()));
                history.add(HistoryEntry.of("HoldReleasedOnSchedule", hold.stepId(), Actor.SYSTEM.user(), now.toString()));
                counts[0]++;
            }
            for (CurrentStep step : List.copyOf(b.currentSteps)) {
                if (step.tokenKind() == TokenKind.WAIT && step.dueAt() != null && step.status() != StepStatus.Held
                        && !Instant.parse(step.dueAt()).isAfter(now)) {
                    b.owedCalls.add(OwedCall.success(step, new WorkResult(null, null, job.properties().put("revision", job.revision() + 1))));
                    b.removeStep(step.stepId());
                    history.add(HistoryEntry.of("WaitEnded", step.stepId(), Actor.SYSTEM.user(), now.toString()));
                    counts[1]++;
                }
            }
            return b;
        });
        if (history.isEmpty()) {
            return Change.none(null);
        }
        return Change.accept(next, history, counts);
    }
}
