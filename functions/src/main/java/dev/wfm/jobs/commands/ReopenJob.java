package dev.wfm.jobs.commands;

import dev.wfm.config.Lookup;
import dev.wfm.diagrams.Step;
import dev.wfm.jobs.Actor;
import dev.wfm.jobs.CurrentStep;
import dev.wfm.jobs.Decision;
import dev.wfm.jobs.DiagramCatalog;
import dev.wfm.jobs.Job;
import dev.wfm.jobs.Rejection;
import dev.wfm.jobs.events.JobEvent.JobReopened;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * Reopens a closed job where it closed, each step as it was (status, assignment, hold), or at
 * {@code stepId} alone when given (may be null). It gets back the status it had, or the
 * lookup's default when that is no longer an open status.
 */
public record ReopenJob(Actor actor, Lookup statuses, String stepId, DiagramCatalog diagrams) implements GuardedCommand<Void> {
    @Override
    public List<Guard> guards(Job job, Instant now) {
        return List.of(() -> Guards.closed(job), () -> stepId != null && diagrams.step(job, stepId).isEmpty()
                ? Optional.of(Rejection.invalid("UNKNOWN_STEP", "Job '" + job.jobId() + "' has no step '" + stepId + "' to reopen at."))
                : Optional.empty());
    }

    @Override
    public Decision<Void> change(Job job, Instant now) {
        String before = job.closure() == null ? null : job.closure().statusBefore();
        String at = now.toString();
        Job next = job.with(b -> {
            b.closed = false;
            b.jobStatus = statuses.openValues().contains(before) ? before : statuses.defaultValue();
            b.closure = null;
            b.paused = false;
            b.resumeSteps.clear();
            if (stepId != null) {
                return b.restartAt(diagrams.step(job, stepId).orElseThrow(), job.properties(), at);
            }
            b.currentSteps = new ArrayList<>(job.resumeSteps().stream().map(step -> step.idOnly() ? kept(job, step, at) : step)
                    .filter(Objects::nonNull).toList());
            return b.restart(job.properties());
        });
        String reopenedAt = stepId != null ? stepId : job.resumeSteps().isEmpty() ? null : job.resumeSteps().get(0).stepId();
        return Decision.accept(next, List.of(new JobReopened(reopenedAt, actor.user(), now)), null);
    }

    /** A step a job closed before steps were kept whole knew by its id: current again as the diagram makes it (a person's, Ready). */
    private CurrentStep kept(Job job, CurrentStep idOnly, String now) {
        Optional<Step> step = diagrams.step(job, idOnly.stepId()).filter(known -> !known.type().automated());
        return step.map(known -> CurrentStep.ready(known, job, now)).orElse(null);
    }
}
