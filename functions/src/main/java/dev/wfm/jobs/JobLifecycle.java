package dev.wfm.jobs;

import dev.wfm.config.Diagrams;
import dev.wfm.config.Lookup;
import dev.wfm.config.Lookups;
import dev.wfm.diagrams.Diagram;
import dev.wfm.http.ApiException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
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
            List<String> at = job.currentSteps().stream().map(CurrentStep::stepId).toList();
            Job next = job.with(b -> {
                b.closed = true;
                if (closedStatus != null) {
                    b.jobStatus = closedStatus;
                }
                b.closure = new Closure(actor.user(), now(), job.jobStatus());
                b.owedCalls.add(OwedCall.stop(job.executionArn()));
                b.resumeSteps = new ArrayList<>(at);
                b.currentSteps.clear();
                return b;
            });
            return Change.accept(next, List.of(HistoryEntry.of("JobClosed", null, actor.user(), now())), null);
        });
        parents.childrenClosed(itemId, results.stream().filter(Result::success).map(Result::jobId).toList());
        return results;
    }

    /** Reopens closed jobs where they closed, or at {@code stepId} when given. */
    public List<Result> reopen(String itemId, List<String> jobIds, String stepId, Actor actor) {
        Lookup statuses = lookups.lookup(itemId, Lookups.JOB_STATUSES);
        return each(itemId, jobIds, job -> {
            if (!job.closed()) {
                return Change.reject(Rejection.conflict("JOB_NOT_CLOSED", "Job '" + job.jobId() + "' is open; only a closed job can be reopened."), null);
            }
            if (stepId != null && catalog.step(job, stepId).isEmpty()) {
                return Change.reject(Rejection.invalid("UNKNOWN_STEP", "Job '" + job.jobId() + "' has no step '" + stepId + "' to reopen at."), null);
            }
            List<String> at = stepId != null ? List.of(stepId) : job.resumeSteps();
            String before = job.closure() == null ? null : job.closure().statusBefore();
            Job next = job.with(b -> {
                b.closed = false;
                b.jobStatus = statuses.openValues().contains(before) ? before : statuses.defaultValue();
                b.closure = null;
                b.paused = false;
                b.restartAt(at, job.properties());
                b.resumeSteps = new ArrayList<>();
                return b;
            });
            return Change.accept(next, List.of(HistoryEntry.of("JobReopened", at.isEmpty() ? null : at.get(0), actor.user(), now())), null);
        });
    }

    /** Stops the execution and keeps the current steps; {@link #resume} starts again at them. */
    public List<Result> pause(String itemId, List<String> jobIds, Actor actor) {
        return each(itemId, jobIds, job -> {
            Rejection refused = job.closed() ? Rejection.conflict("JOB_CLOSED", "Job '" + job.jobId() + "' is closed.")
                    : job.paused() ? Rejection.conflict("JOB_PAUSED", "Job '" + job.jobId() + "' is paused already.") : null;
            if (refused != null) {
                return Change.reject(refused, null);
            }
            List<String> at = job.currentSteps().stream().map(CurrentStep::stepId).toList();
            Job next = job.with(b -> {
                b.paused = true;
                b.owedCalls.add(OwedCall.stop(job.executionArn()));
                b.resumeSteps = new ArrayList<>(at);
                return b;
            });
            return Change.accept(next, List.of(HistoryEntry.of("JobPaused", null, actor.user(), now())), null);
        });
    }

    public List<Result> resume(String itemId, List<String> jobIds, Actor actor) {
        return each(itemId, jobIds, job -> {
            if (!job.paused()) {
                return Change.reject(Rejection.conflict("JOB_NOT_PAUSED", "Job '" + job.jobId() + "' is not paused."), null);
            }
            Job next = job.with(b -> {
                b.paused = false;
                b.restartAt(job.resumeSteps(), job.properties());
                b.resumeSteps = new ArrayList<>();
                return b;
            });
            return Change.accept(next, List.of(HistoryEntry.of("JobResumed", null, actor.user(), now())), null);
        });
    }

    /**
     * Moves open jobs to the latest version of their diagram, keeping their current steps; a job
     * at a step the new version lacks is left as it is, with an error naming the steps.
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
            Set<String> steps = target.steps().stream().map(step -> step.id()).collect(Collectors.toSet());
            List<String> at = job.paused() ? job.resumeSteps() : job.currentSteps().stream().map(CurrentStep::stepId).toList();
            List<String> missing = at.stream().filter(stepId -> !steps.contains(stepId)).toList();
            if (!missing.isEmpty()) {
                return Change.reject(Rejection.conflict("STEP_NOT_IN_VERSION", "Job '" + job.jobId() + "' is at " + missing
                        + ", which version " + latest + " of diagram '" + job.diagramId() + "' does not have. Set another current step first."), null);
            }
            String arn = diagrams.stateMachineArn(itemId, job.diagramId(), latest);
            Job next = job.with(b -> {
                b.stateMachineArn = arn;
                b.diagramVersion = latest;
                if (!job.paused()) {
                    b.restartAt(at, job.properties());
                }
                return b;
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
            } catch (ApiException e) {
                results.add(new Result(jobId, false, e.code().name(), e.getMessage()));
            }
        }
        return results;
    }

    private String now() {
        return runner.clock().instant().toString();
    }
}
