package dev.wfm.jobs.lifecycle;

import dev.wfm.common.Log;
import dev.wfm.common.Refusal;
import dev.wfm.config.Lookups;
import dev.wfm.jobs.Actor;
import dev.wfm.jobs.BatchResult;
import dev.wfm.jobs.Decision;
import dev.wfm.jobs.DiagramCatalog;
import dev.wfm.jobs.JobCleanup;
import dev.wfm.jobs.JobCommand;
import dev.wfm.jobs.JobRepository;
import dev.wfm.jobs.JobUnitOfWork;
import dev.wfm.jobs.OwedCall;
import dev.wfm.jobs.OwedCalls;
import dev.wfm.jobs.Rejection;
import dev.wfm.jobs.commands.CloseJob;
import dev.wfm.jobs.commands.PauseJob;
import dev.wfm.jobs.commands.ReopenJob;
import dev.wfm.jobs.commands.ResumeJob;
import dev.wfm.jobs.commands.UpdateJob;
import dev.wfm.jobs.commands.UpgradeJob;
import dev.wfm.jobs.runtime.ParentJobs;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Whole-job commands, each applied to many jobs with a result per job: close, reopen, delete,
 * upgrade to the latest diagram version, pause and resume (the commands are in jobs.commands).
 * Stopping and starting executions are calls the job owes (see {@link OwedCall}), made right
 * after the write. Closing sets the statuses lookup's closed status; reopening gives back the
 * status the job had, or the lookup's default when that is no longer an open status.
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

        static Result of(BatchResult result) {
            return new Result(result.jobId(), result.state() == BatchResult.State.SUCCEEDED, result.code(), result.message());
        }

        BatchResult in(String batchId) {
            return success ? BatchResult.succeeded(batchId, jobId) : BatchResult.failed(batchId, jobId, code, message);
        }
    }

    private final JobUnitOfWork unitOfWork;
    private final JobRepository store;
    private final DiagramCatalog catalog;
    private final Lookups lookups;
    private final OwedCalls calls;
    private final ParentJobs parents;
    private final List<JobCleanup> cleanups;
    /** The batch update these commands belong to; null: none. */
    private final String batchId;

    /** {@code cleanups} release what jobs own outside their records when they are deleted. */
    public JobLifecycle(JobUnitOfWork unitOfWork, JobRepository store, DiagramCatalog catalog, Lookups lookups, OwedCalls calls,
                        ParentJobs parents, List<JobCleanup> cleanups) {
        this(unitOfWork, store, catalog, lookups, calls, parents, cleanups, null);
    }

    private JobLifecycle(JobUnitOfWork unitOfWork, JobRepository store, DiagramCatalog catalog, Lookups lookups, OwedCalls calls,
                         ParentJobs parents, List<JobCleanup> cleanups, String batchId) {
        this.batchId = batchId;
        this.lookups = lookups;
        this.cleanups = List.copyOf(cleanups);
        this.parents = parents;
        this.unitOfWork = unitOfWork;
        this.store = store;
        this.catalog = catalog;
        this.calls = calls;
    }

    /**
     * These commands as the jobs of batch update {@code batchId}: each job's result is kept with its
     * change, and a job the batch has a result of is not changed again but answered that result,
     * so a batch run again after a crash (or twice) changes every job once.
     */
    public JobLifecycle inBatch(String batchId) {
        return new JobLifecycle(unitOfWork, store, catalog, lookups, calls, parents, cleanups, batchId);
    }

    public List<Result> close(String itemId, List<String> jobIds, Actor actor) {
        String closedStatus = lookups.lookup(itemId, Lookups.JOB_STATUSES).closedValue();
        List<Result> results = each(itemId, jobIds, new CloseJob(actor, closedStatus));
        parents.childrenClosed(itemId, results.stream().filter(Result::success).map(Result::jobId).toList());
        return results;
    }

    /**
     * Reopens closed jobs where they closed, each step as it was (status, assignment, hold), or at
     * {@code stepId} alone when given.
     */
    public List<Result> reopen(String itemId, List<String> jobIds, String stepId, Actor actor) {
        return each(itemId, jobIds, new ReopenJob(actor, lookups.lookup(itemId, Lookups.JOB_STATUSES), stepId, catalog));
    }

    public List<Result> pause(String itemId, List<String> jobIds, Actor actor) {
        return each(itemId, jobIds, new PauseJob(actor));
    }

    public List<Result> resume(String itemId, List<String> jobIds, Actor actor) {
        return each(itemId, jobIds, new ResumeJob(actor));
    }

    public List<Result> upgrade(String itemId, List<String> jobIds, Actor actor) {
        return each(itemId, jobIds, new UpgradeJob(actor, catalog));
    }

    /** Sets the basic properties {@code changes} names on each job as it finds it (no revision to match). */
    public List<Result> update(String itemId, List<String> jobIds, Actor actor, UpdateJob.Changes changes) {
        return each(itemId, jobIds, UpdateJob.ofFields(actor, changes, store));
    }

    /**
     * Stops each job's execution, releases what it owns elsewhere (attachment files, index
     * entries), then removes the job and all its records; a failure on the way leaves the job
     * in place to be deleted again.
     */
    public List<Result> delete(String itemId, List<String> jobIds) {
        Map<String, BatchResult> kept = kept(itemId, jobIds);
        List<Result> results = new ArrayList<>();
        for (String jobId : jobIds) {
            BatchResult before = kept.get(jobId);
            if (before != null && before.settled()) {
                results.add(Result.of(before));
                continue;
            }
            var job = store.find(itemId, jobId);
            if (job.isEmpty()) {
                // a batch that crashed while deleting the job had deleted it
                results.add(recorded(itemId, before != null ? Result.ok(jobId)
                        : new Result(jobId, false, "NOT_FOUND", "Job '" + jobId + "' was not found.")));
                continue;
            }
            if (batchId != null && before == null) {
                store.recordBatchResult(itemId, new BatchResult(batchId, jobId, BatchResult.State.DELETING, null, null));
            }
            List<OwedCall> unmade = calls.make(List.of(OwedCall.stop(job.get().executionArn()))).remaining();
            if (!unmade.isEmpty()) {
                results.add(recorded(itemId, new Result(jobId, false, "EXECUTION_NOT_STOPPED",
                        "The job's execution could not be stopped; nothing was deleted. Try again.")));
                continue;
            }
            try {
                cleanups.forEach(cleanup -> cleanup.beforeDelete(itemId, jobId));
            } catch (RuntimeException e) {
                Log.warn("Releasing what a job owns failed; it is not deleted", e, "itemId", itemId, "jobId", jobId);
                results.add(recorded(itemId, new Result(jobId, false, "CLEANUP_FAILED", "The job's attachments or index entries could "
                        + "not be removed; nothing else was deleted. Try again.")));
                continue;
            }
            store.delete(itemId, jobId);
            results.add(recorded(itemId, Result.ok(jobId)));
        }
        return results;
    }

    private List<Result> each(String itemId, List<String> jobIds, JobCommand<Void> command) {
        Map<String, BatchResult> kept = kept(itemId, jobIds);
        List<Result> results = new ArrayList<>();
        for (String jobId : jobIds) {
            if (kept.containsKey(jobId)) {
                results.add(Result.of(kept.get(jobId)));
                continue;
            }
            try {
                Decision<Void> decision = batchId == null ? unitOfWork.run(itemId, jobId, command)
                        : unitOfWork.runInBatch(itemId, jobId, command, batchId);
                Result result = decision.rejection().map(rejection -> Result.refused(jobId, rejection)).orElse(Result.ok(jobId));
                // an accepted change was written with its batch result; a refusal or no change writes it now
                results.add(decision instanceof Decision.Accepted<Void> ? result : recorded(itemId, result));
            } catch (Refusal e) {
                results.add(recorded(itemId, new Result(jobId, false, e.kind().name(), e.getMessage())));
            }
        }
        return results;
    }

    /** The results the batch has of these jobs (none outside a batch). */
    private Map<String, BatchResult> kept(String itemId, List<String> jobIds) {
        return batchId == null ? Map.of() : store.batchResults(itemId, batchId, jobIds);
    }

    /** The result, kept as the batch's; the one it has when another run of it got there first. */
    private Result recorded(String itemId, Result result) {
        if (batchId == null || store.recordBatchResult(itemId, result.in(batchId))) {
            return result;
        }
        return Result.of(store.batchResults(itemId, batchId, List.of(result.jobId())).get(result.jobId()));
    }
}
