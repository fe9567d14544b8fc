package dev.wfm.jobs.runtime;

import dev.wfm.diagrams.Step;
import dev.wfm.execution.ExecutionContract.TokenKind;
import dev.wfm.jobs.Actor;
import dev.wfm.jobs.CurrentStep;
import dev.wfm.jobs.Job;
import dev.wfm.jobs.JobRepository;
import dev.wfm.jobs.JobUnitOfWork;
import dev.wfm.jobs.commands.EnterStep;
import dev.wfm.jobs.commands.FinishChildWait;
import dev.wfm.jobs.events.JobEvent.WaitingForChildJob;
import java.time.Instant;
import java.util.List;

/**
 * Parents waiting for child jobs: a {@code createJob} step with {@code waitForClose} keeps its
 * task token in a link under the child (kept by the {@link JobRepository}); when the child
 * completes or is closed, the parent's step finishes with return code {@code closed} and the
 * parent's execution moves on.
 */
public final class ParentJobs {
    private final JobUnitOfWork unitOfWork;
    private final JobRepository jobs;

    public ParentJobs(JobUnitOfWork unitOfWork, JobRepository jobs) {
        this.unitOfWork = unitOfWork;
        this.jobs = jobs;
    }

    /** Makes the parent's step current (Working) until the child closes. */
    public void waitFor(Job parent, Step.CreateJob step, String token, String childJobId) {
        Instant now = unitOfWork.clock().instant();
        CurrentStep waiting = CurrentStep.working(step, parent, TokenKind.CHILD, token, now.toString(), null);
        unitOfWork.run(parent.itemId(), parent.jobId(), new EnterStep(waiting,
                new WaitingForChildJob(step.id(), Actor.SYSTEM.user(), now, childJobId)));
        jobs.linkParent(parent.itemId(), childJobId, new JobRepository.ParentLink(parent.jobId(), step.id(), token));
    }

    /** The child closed: the waiting parent's step finishes (a repeat finds nothing left to do). */
    public void childClosed(String itemId, String childJobId) {
        childrenClosed(itemId, List.of(childJobId));
    }

    /** As {@link #childClosed} for each of these children, their parent links read in one batch. */
    public void childrenClosed(String itemId, List<String> childJobIds) {
        jobs.parentsOf(itemId, childJobIds).forEach((childJobId, parent) -> {
            if (unitOfWork.find(itemId, parent.parentJobId()).isPresent()) {
                unitOfWork.run(itemId, parent.parentJobId(), new FinishChildWait(parent.taskToken(), childJobId));
            }
            jobs.unlinkParent(itemId, childJobId);
        });
    }
}
