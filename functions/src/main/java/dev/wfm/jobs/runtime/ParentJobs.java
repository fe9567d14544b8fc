package dev.wfm.jobs.runtime;

import dev.wfm.jobs.CurrentStep;
import dev.wfm.jobs.Job;
import dev.wfm.jobs.JobRepository;
import dev.wfm.jobs.JobUnitOfWork;
import dev.wfm.jobs.commands.FinishChildWait;
import dev.wfm.jobs.commands.WaitForChildJob;
import java.util.List;

/**
 * Parents waiting for child jobs: a {@code createJob} step with {@code waitForClose} is linked to
 * its child by a record under the child (kept by the {@link JobRepository}) naming the step's
 * visit, not a token, so the link stays true across the parent's restarts; when the child
 * completes or is closed, the parent's step finishes with return code {@code closed} and the
 * parent's execution moves on (once it runs again, when the parent is paused or closed).
 */
public final class ParentJobs {
    private final JobUnitOfWork unitOfWork;
    private final JobRepository jobs;

    public ParentJobs(JobUnitOfWork unitOfWork, JobRepository jobs) {
        this.unitOfWork = unitOfWork;
        this.jobs = jobs;
    }

    /**
     * The parent's step, run for execution {@code executionArn} and current as {@code running},
     * waits on {@code token} (Working) until child {@code childJobId} closes. The link comes
     * first, so the child's close always finds the parent; a child that closed before it (a
     * diagram that ends at once) is answered now.
     */
    public void waitFor(Job parent, String executionArn, CurrentStep running, String token, String childJobId) {
        jobs.linkParent(parent.itemId(), childJobId, new JobRepository.ParentLink(parent.jobId(), running.stepId(), running.since(), null));
        unitOfWork.run(parent.itemId(), parent.jobId(), new WaitForChildJob(executionArn, running.stepId(), token, childJobId));
        if (unitOfWork.find(parent.itemId(), childJobId).map(Job::closed).orElse(false)) {
            childClosed(parent.itemId(), childJobId);
        }
    }

    /** The child closed: the waiting parent's step finishes (a repeat finds nothing left to do). */
    public void childClosed(String itemId, String childJobId) {
        childrenClosed(itemId, List.of(childJobId));
    }

    /** As {@link #childClosed} for each of these children, their parent links read in one batch. */
    public void childrenClosed(String itemId, List<String> childJobIds) {
        jobs.parentsOf(itemId, childJobIds).forEach((childJobId, parent) -> {
            if (unitOfWork.find(itemId, parent.parentJobId()).isPresent()) {
                unitOfWork.run(itemId, parent.parentJobId(), new FinishChildWait(parent, childJobId));
            }
            jobs.unlinkParent(itemId, childJobId);
        });
    }
}
