package dev.wfm.jobs.lifecycle;

import dev.wfm.common.Log;
import dev.wfm.common.Refusal;
import dev.wfm.config.Lookups;
import dev.wfm.jobs.Actor;
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
import dev.wfm.jobs.commands.UpgradeJob;
import dev.wfm.jobs.runtime.ParentJobs;
import java.util.ArrayList;
import java.util.List;

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
    }

    private final JobUnitOfWork unitOfWork;
    private final JobRepository store;
    private final DiagramCatalog catalog;
    private final Lookups lookups;
    private final OwedCalls calls;
    private final ParentJobs parents;
    private final List<JobCleanup> cleanups;

    /** {@code cleanups} release what jobs own outside their records when they are deleted. */
    public JobLifecycle(JobUnitOfWork unitOfWork, JobRepository store, DiagramCatalog catalog, Lookups lookups, OwedCalls calls,
                        ParentJobs parents, List<JobCleanup> cleanups) {
        this.lookups = lookups;
        this.cleanups = List.copyOf(cleanups);
        this.parents = parents;
        this.unitOfWork = unitOfWork;
        this.store = store;
        this.catalog = catalog;
        this.calls = calls;
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
                Log.warn("Releasing what a job owns failed; it is not deleted", e, "itemId", itemId, "jobId", jobId);
                results.add(new Result(jobId, false, "CLEANUP_FAILED", "The job's attachments or index entries could not be removed; "
                        + "nothing else was deleted. Try again."));
                continue;
            }
            store.delete(itemId, jobId);
            results.add(Result.ok(jobId));
        }
        return results;
    }

    private List<Result> each(String itemId, List<String> jobIds, JobCommand<Void> command) {
        List<Result> results = new ArrayList<>();
        for (String jobId : jobIds) {
            try {
                Decision<Void> decision = unitOfWork.run(itemId, jobId, command);
                results.add(decision.rejection().map(rejection -> Result.refused(jobId, rejection)).orElse(Result.ok(jobId)));
            } catch (Refusal e) {
                results.add(new Result(jobId, false, e.kind().name(), e.getMessage()));
            }
        }
        return results;
    }
}
