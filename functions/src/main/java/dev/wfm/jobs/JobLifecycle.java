package dev.wfm.jobs;

import dev.wfm.common.Refusal;
import dev.wfm.config.Diagrams;
import dev.wfm.config.Lookup;
import dev.wfm.config.Lookups;
import dev.wfm.diagrams.ConcurrentSteps;
import dev.wfm.diagrams.Diagram;
import dev.wfm.diagrams.Step;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * Whole-job commands, each applied to many jobs with a result per job: close, reopen, delete,
 * upgrade to the latest diagram version, pause and resume. Stopping and starting executions are
 * calls the job owes (see {@link OwedCall}), made right after the write. Closing sets the
 * statuses lookup's closed status and records who closed the job and when ({@link Closure});
 * reopening clears that and gives back the status the job had, or the lookup's default when
 * that is no longer an open status.
 */
public final class JobLifecycle {
    /** One job's outcome. */
    public record Result(String jobId, boolean success, String code, String message) {
        static Result ok(String jobId) {
            return new Result(jobId, true, null, null);
        }

        static Result refused(String jobId, Rejection rejection) {
            return new Result(jobId, false, rejection.code(), rejection.message());
        }
    }

    private final JobRunner runner;
    private final JobStore store;
    private final Diagrams diagrams;
    private final DiagramCatalog catalog;
    private final Lookups lookups;
    private final OwedCalls calls;
    private final ParentJobs parents;
    private final List<JobCleanup> cleanups;

    /** {@code cleanups} release what jobs own outside their records when they are deleted. */
    public JobLifecycle(JobRunner runner, JobStore store, Diagrams diagrams, DiagramCatalog catalog, Lookups lookups, OwedCalls calls,
                        ParentJobs parents, List<JobCleanup> cleanups) {
        this.lookups = lookups;
        this.cleanups = List.copyOf(cleanups);
        this.parents = parents;
        this.runner = runner;
        this.store = store;
        this.diagrams = diagrams;
        this.catalog = catalog;
        this.calls = calls;
    }

    public List<Result> close(String itemId, List<String> jobIds, Actor actor) {
        String closedStatus = lookups.lookup(itemId, Lookups.JOB_STATUSES).closedValue();
        List<Result> results = each(itemId, jobIds, job -> {
            if (job.closed()) {
                return Change.reject(Rejection.conflict("JOB_CLOSED", "Job '" + job.jobId() + "' is closed already."), null);
            }
            Job next = job.with(b -> {
                b.closed = true;
                if (closedStatus != null) {
                    b.jobStatus = closedStatus;
                }
                b.closure = new Closure(actor.user(), now(), job.jobStatus());
                b.owedCalls.add(OwedCall.stop(job.executionArn()));
                b.resumeSteps = new ArrayList<>(job.currentSteps());
                b.currentSteps.clear();
                return b;
            });
            return Change.accept(next, List.of(HistoryEntry.of("JobClosed", null, actor.user(), now())), null);
        });
        parents.childrenClosed(itemId, results.stream().filter(Result::success).map(Result::jobId).toList());
        return results;
    }

    /**
     * Reopens closed jobs where they closed, each step as it was (status, assignment, hold), or at
     * {@code stepId} alone when given.
     */
    public List<Result> reopen(String itemId, List<String> jobIds, String stepId, Actor actor) {
        Lookup statuses = lookups.lookup(itemId, Lookups.JOB_STATUSES);
        return each(itemId, jobIds, job -> {
            if (!job.closed()) {
                return Change.reject(Rejection.conflict("JOB_NOT_CLOSED", "Job '" + job.jobId() + "' is open; only a closed job can be reopened."), null);
            }
            var target = stepId == null ? null : catalog.step(job, stepId);
            if (target != null && target.isEmpty()) {
                return Change.reject(Rejection.invalid("UNKNOWN_STEP", "Job '" + job.jobId() + "' has no step '" + stepId + "' to reopen at."), null);
            }
            String before = job.closure() == null ? null : job.closure().statusBefore();
            String now = now();
            Job next = job.with(b -> {
                b.closed = false;
                b.jobStatus = statuses.openValues().contains(before) ? before : statuses.defaultValue();
                b.closure = null;
                b.paused = false;
                b.resumeSteps.clear();
                if (target != null) {
                    return b.restartAt(target.get(), job.properties(), now);
                }
                b.currentSteps = new ArrayList<>(job.resumeSteps().stream().map(step -> step.idOnly() ? kept(job, step, now) : step)
                        .filter(java.util.Objects::nonNull).toList());
                return b.restart(job.properties());
            });
            String at = stepId != null ? stepId : job.resumeSteps().isEmpty() ? null : job.resumeSteps().get(0).stepId();
            return Change.accept(next, List.of(HistoryEntry.of("JobReopened", at, actor.user(), now)), null);
        });
    }

    /** A step a job closed before steps were kept whole knew by its id: current again as the diagram makes it (a person's, Ready). */
    private CurrentStep kept(Job job, CurrentStep idOnly, String now) {
        return catalog.step(job, idOnly.stepId()).filter(step -> !step.type().automated())
                .map(step -> CurrentStep.ready(step, job, now)).orElse(null);
    }

    /** Stops the execution and keeps the current steps as they are; {@link #resume} enters them again. */
    public List<Result> pause(String itemId, List<String> jobIds, Actor actor) {
        return each(itemId, jobIds, job -> {
            Rejection refused = job.closed() ? Rejection.conflict("JOB_CLOSED", "Job '" + job.jobId() + "' is closed.")
                    : job.paused() ? Rejection.conflict("JOB_PAUSED", "Job '" + job.jobId() + "' is paused already.") : null;
            if (refused != null) {
                return Change.reject(refused, null);
            }
            Job next = job.with(b -> {
                b.paused = true;
                b.owedCalls.add(OwedCall.stop(job.executionArn()));
                return b;
            });
            return Change.accept(next, List.of(HistoryEntry.of("JobPaused", null, actor.user(), now())), null);
        });
    }

    /** Starts a new execution that enters every step the job was at, each kept as it was. */
    public List<Result> resume(String itemId, List<String> jobIds, Actor actor) {
        return each(itemId, jobIds, job -> {
            if (!job.paused()) {
                return Change.reject(Rejection.conflict("JOB_NOT_PAUSED", "Job '" + job.jobId() + "' is not paused."), null);
            }
            Job next = job.with(b -> {
                b.paused = false;
                return b.restart(job.properties());
            });
            return Change.accept(next, List.of(HistoryEntry.of("JobResumed", null, actor.user(), now())), null);
        });
    }

    /**
     * Moves open jobs to the latest version of their diagram, keeping their current steps (status,
     * assignment, holds; name and answers as the new version has them). A job whose steps the new
     * version lacks, has changed between a person's and an automated step, or has in an order that
     * cannot be current together, is left as it is, with an error naming the steps.
     */
    public List<Result> upgrade(String itemId, List<String> jobIds, Actor actor) {
        return each(itemId, jobIds, job -> {
            if (job.closed()) {
                return Change.reject(Rejection.conflict("JOB_CLOSED", "Job '" + job.jobId() + "' is closed."), null);
            }
            int latest = diagrams.get(itemId, job.diagramId(), null).path("version").asInt();
            if (latest == job.diagramVersion()) {
                return Change.none(null);
            }
            Diagram target = catalog.version(itemId, job.diagramId(), latest);
            Map<String, Step> steps = target.steps().stream().collect(Collectors.toMap(Step::id, step -> step));
            List<String> at = job.stepsToEnter();
            List<String> missing = at.stream().filter(stepId -> !steps.containsKey(stepId)).toList();
            if (!missing.isEmpty()) {
                return Change.reject(Rejection.conflict("STEP_NOT_IN_VERSION", "Job '" + job.jobId() + "' is at " + missing
                        + ", which version " + latest + " of diagram '" + job.diagramId() + "' does not have. Set another current step first."), null);
            }
            List<String> changed = job.currentSteps().stream()
                    .filter(step -> steps.get(step.stepId()).type().automated() != step.automated()).map(CurrentStep::stepId).toList();
            if (!changed.isEmpty()) {
                return Change.reject(Rejection.conflict("STEP_CHANGED_IN_VERSION", "Job '" + job.jobId() + "' is at " + changed
                        + ", which version " + latest + " of diagram '" + job.diagramId() + "' turns between a person's and an automated step. "
                        + "Set another current step first."), null);
            }
            var apart = ConcurrentSteps.problem(target, at);
            if (apart.isPresent()) {
                return Change.reject(Rejection.conflict("STEPS_APART_IN_VERSION", "Job '" + job.jobId() + "' is at " + at + ", which version "
                        + latest + " of diagram '" + job.diagramId() + "' cannot have current together: " + apart.get()
                        + " Set another current step first."), null);
            }
            String arn = diagrams.stateMachineArn(itemId, job.diagramId(), latest);
            Job next = job.with(b -> {
                b.stateMachineArn = arn;
                b.diagramVersion = latest;
                b.currentSteps.replaceAll(step -> step.as(steps.get(step.stepId())));
                return job.paused() ? b : b.restart(job.properties());
            });
            return Change.accept(next, List.of(new HistoryEntry("JobUpgraded", null, actor.user(), now(), null,
                    dev.wfm.common.Json.object().put("fromVersion", job.diagramVersion()).put("toVersion", latest))), null);
        });
    }

    /**
     * Stops each job's execution, releases what it owns elsewhere (attachment files, index
     * entries), then removes the job and all its records; a failure on the way leaves the job
     * in place to be deleted again.
     */
    public List<Result> delete(String itemId, List<String> jobIds) {
        List<Result> results = new ArrayList<>();
        for (String jobId : jobIds) {
            var job = store.find(itemId, jobId);
            if (job.isEmpty()) {
                results.add(new Result(jobId, false, "NOT_FOUND", "Job '" + jobId + "' was not found."));
                continue;
            }
            List<OwedCall> unmade = calls.make(List.of(OwedCall.stop(job.get().executionArn())));
            if (!unmade.isEmpty()) {
                results.add(new Result(jobId, false, "EXECUTION_NOT_STOPPED", "The job's execution could not be stopped; nothing was deleted. Try again."));
                continue;
            }
            try {
                cleanups.forEach(cleanup -> cleanup.beforeDelete(itemId, jobId));
            } catch (RuntimeException e) {
                System.err.println("Releasing what job " + jobId + " owns failed: " + e);
                results.add(new Result(jobId, false, "CLEANUP_FAILED", "The job's attachments or index entries could not be removed; "
                        + "nothing else was deleted. Try again."));
                continue;
            }
            store.delete(itemId, jobId);
            results.add(Result.ok(jobId));
        }
        return results;
    }

    private List<Result> each(String itemId, List<String> jobIds, java.util.function.Function<Job, Change<Void>> command) {
        List<Result> results = new ArrayList<>();
        for (String jobId : jobIds) {
            try {
                Change<Void> change = runner.run(itemId, jobId, command);
                results.add(change.rejection() == null ? Result.ok(jobId) : Result.refused(jobId, change.rejection()));
            } catch (Refusal e) {
                results.add(new Result(jobId, false, e.kind().name(), e.getMessage()));
            }
        }
        return results;
    }

    private String now() {
        return runner.clock().instant().toString();
    }
}
