package dev.wfm.jobs;

import dev.wfm.common.Json;
import dev.wfm.diagrams.Step;
import dev.wfm.execution.ExecutionContract.TokenKind;
import dev.wfm.execution.ExecutionContract.WorkResult;
import java.util.List;

/**
 * Parents waiting for child jobs: a {@code createJob} step with {@code waitForClose} keeps its
 * task token in a record under the child ({@code JOB#{childId}#PARENT}); when the child
 * completes or is closed, the parent's step finishes with return code {@code closed} and the
 * parent's execution moves on.
 */
public final class ParentJobs {
    private final JobRunner runner;
    private final JobRepository jobs;

    public ParentJobs(JobRunner runner, JobRepository jobs) {
        this.runner = runner;
        this.jobs = jobs;
    }

    /** Makes the parent's step current (Working) until the child closes. */
    public void waitFor(Job parent, Step.CreateJob step, String token, String childJobId) {
        String now = runner.clock().instant().toString();
        CurrentStep waiting = CurrentStep.working(step, parent, TokenKind.CHILD, token, now, null);
        runner.makeCurrent(parent.itemId(), parent.jobId(), waiting, new HistoryEntry("WaitingForChildJob", step.id(), Actor.SYSTEM.user(),
                now, null, Json.object().put("childJobId", childJobId)));
        jobs.linkParent(parent.itemId(), childJobId, new JobRepository.ParentLink(parent.jobId(), step.id(), token));
    }

    /** The child closed: the waiting parent's step finishes (a repeat finds nothing left to do). */
    public void childClosed(String itemId, String childJobId) {
        childrenClosed(itemId, List.of(childJobId));
    }

    /** As {@link #childClosed} for each of these children, their parent links read in one batch. */
    public void childrenClosed(String itemId, List<String> childJobIds) {
        jobs.parentsOf(itemId, childJobIds).forEach((childJobId, link) -> finishWaitingStep(itemId, childJobId, link));
    }

    private void finishWaitingStep(String itemId, String childJobId, JobRepository.ParentLink link) {
        String token = link.taskToken();
        String parentJobId = link.parentJobId();
        if (runner.find(itemId, parentJobId).isPresent()) {
            runner.run(itemId, parentJobId, parent -> {
                var step = parent.currentSteps().stream().filter(s -> token.equals(s.taskToken())).findFirst();
                if (step.isEmpty()) {
                    return Change.none(null);
                }
                WorkResult closed = new WorkResult("closed", Json.object().put("jobId", childJobId),
                        parent.properties().put("revision", parent.revision() + 1));
                return Change.accept(parent.with(b -> {
                    b.removeStep(step.get().stepId());
                    b.owedCalls.add(OwedCall.success(step.get(), closed));
                    return b;
                }), List.of(new HistoryEntry("ChildJobClosed", step.get().stepId(), Actor.SYSTEM.user(),
                        runner.clock().instant().toString(), null, Json.object().put("childJobId", childJobId))), null);
            });
        }
        jobs.unlinkParent(itemId, childJobId);
    }
}
