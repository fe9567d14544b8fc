package dev.wfm.jobs.runtime;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.wfm.common.Json;
import dev.wfm.diagrams.Step;
import dev.wfm.execution.ExecutionContract;
import dev.wfm.execution.ExecutionContract.Activation;
import dev.wfm.jobs.Actor;
import dev.wfm.jobs.Change;
import dev.wfm.jobs.Closure;
import dev.wfm.jobs.CurrentStep;
import dev.wfm.jobs.DiagramCatalog;
import dev.wfm.jobs.HistoryEntry;
import dev.wfm.jobs.Job;
import dev.wfm.jobs.JobRunner;
import dev.wfm.jobs.ParentJobs;
import dev.wfm.jobs.StepStatus;
import java.time.Instant;
import java.util.List;

/**
 * What a job's execution tells the runtime ({@link ExecutionContract}): a step became
 * current and waits on a token ({@code activate}), an automated step failed and waits for a
 * person's decision ({@code failed}), or the job reached an end step ({@code complete}).
 * Lambda may deliver an invocation twice, so each is idempotent: a step already current with the
 * same token is left as it is. A step the job already shows as current (written when the job was
 * created, or kept across a restarted execution) takes the token and keeps its state. A call from
 * an execution that is no longer the job's (stopped by a restart, but still running a step) is
 * ignored, so a dead token never takes the place of a live one.
 */
public final class StepActivation {
    private static final String IGNORED_EXECUTION = "ignored: not the job's execution";

    private final JobRunner runner;
    private final DiagramCatalog diagrams;
    private final ParentJobs parents;

    public StepActivation(JobRunner runner, DiagramCatalog diagrams, ParentJobs parents) {
        this.parents = parents;
        this.runner = runner;
        this.diagrams = diagrams;
    }

    public ObjectNode handle(JsonNode payload) {
        String itemId = payload.path(ExecutionContract.ITEM_ID).asText();
        String jobId = payload.path(ExecutionContract.JOB_ID).asText();
        String stepId = payload.path(ExecutionContract.STEP_ID).asText();
        if (runner.find(itemId, jobId).isEmpty()) {
            // A deleted job's execution is stopped; a late invocation from it has nothing to act on.
            return Json.object().put("jobId", jobId).put("stepId", stepId).put("outcome", "ignored: no such job");
        }
        Activation activation = Activation.read(payload);
        Change<String> change = runner.run(itemId, jobId, job -> {
            if (activation.executionArn() != null && !activation.executionArn().equals(job.executionArn())) {
                // A stopped execution's late call: the job has moved on to another, which enters the steps it is at.
                return Change.none(IGNORED_EXECUTION);
            }
            if (activation instanceof Activation.Activate activate) {
                return activate(job, stepId, activate.taskToken(), activate.autoRun());
            }
            if (activation instanceof Activation.Failed failed) {
                return failed(job, stepId, failed.taskToken(), failed.error());
            }
            return complete(job, stepId);
        });
        if (activation instanceof Activation.Complete && !change.answer().equals(IGNORED_EXECUTION)) {
            parents.childClosed(itemId, jobId);
        }
        return Json.object().put("jobId", jobId).put("stepId", stepId).put("outcome", change.answer());
    }

    private Change<String> activate(Job job, String stepId, String token, boolean autoRun) {
        if (job.closed()) {
            return Change.none("ignored: job closed");
        }
        Step step = diagrams.step(job, stepId)
                .orElseThrow(() -> new IllegalStateException("job " + job.jobId() + " has no step " + stepId));
        String now = runner.clock().instant().toString();
        CurrentStep ready = CurrentStep.ready(step, job, now).withToken(token);
        CurrentStep current = autoRun ? ready.withStatus(StepStatus.Working, now) : ready;
        return answer(JobRunner.enter(job, current, List.of(HistoryEntry.of(
                autoRun ? "StepStartedAutomatically" : "StepBecameCurrent", stepId, Actor.SYSTEM.user(), now))));
    }

    private Change<String> failed(Job job, String stepId, String token, JsonNode error) {
        if (job.closed()) {
            return Change.none("ignored: job closed");
        }
        Step step = diagrams.step(job, stepId)
                .orElseThrow(() -> new IllegalStateException("job " + job.jobId() + " has no step " + stepId));
        String now = runner.clock().instant().toString();
        String message = describe(error);
        CurrentStep failedStep = CurrentStep.failed(step, job, token, now, message);
        ObjectNode details = Json.object().put("error", message);
        return answer(JobRunner.enter(job, failedStep,
                List.of(new HistoryEntry("StepFailed", stepId, Actor.SYSTEM.user(), now, null, details))));
    }

    /** What the execution is told: the step's status, or that its token answered a Finish made before it came. */
    private static Change<String> answer(Change<CurrentStep> entered) {
        String outcome = entered.answer() == null ? "answered" : entered.answer().status().name();
        return entered.accepted() ? Change.accept(entered.next(), entered.history(), outcome) : Change.none("already current");
    }

    private Change<String> complete(Job job, String endStepId) {
        if (job.closed()) {
            return Change.none("already closed");
        }
        Instant now = runner.clock().instant();
        Job next = job.with(b -> {
            b.closed = true;
            b.jobStatus = "Completed";
            b.closure = new Closure(Actor.SYSTEM.user(), now.toString(), job.jobStatus());
            b.currentSteps.clear();
            b.holds.clear();
            b.resumeSteps.clear();
            return b;
        });
        return Change.accept(next, List.of(HistoryEntry.of("JobCompleted", endStepId, Actor.SYSTEM.user(), now.toString())), "Completed");
    }

    /**
     * What a person is shown for the error an automated step failed with: the worker's own message
     * for a {@link StepFailure} (the Lambda error's cause is its JSON answer), the compiler's text for
     * NoMatchingPath, and for anything else, which would be a Java or service error name, a plain
     * sentence; the worker's log keeps the technical details.
     */
    static String describe(JsonNode error) {
        String name = error.path(ExecutionContract.ERROR_NAME).asText("");
        String cause = error.path(ExecutionContract.ERROR_CAUSE).asText("");
        String text;
        if (name.equals(StepFailure.class.getName()) || name.equals(TransientStepFailure.class.getName())) {
            text = lambdaErrorMessage(cause);
        } else if (name.equals(ExecutionContract.NO_MATCHING_PATH)) {
            text = cause;
        } else if (name.equals("States.Timeout") || name.equals("Sandbox.Timedout")) {
            text = "The step did not finish within its time limit.";
        } else if (name.startsWith("Lambda.") || name.startsWith("States.")) {
            text = "The step could not be run: the service that runs automated steps failed (" + name + ").";
        } else {
            text = "The step failed because of an internal error; the step worker's log has the details.";
        }
        return text.length() > 1000 ? text.substring(0, 1000) : text;
    }

    private static String lambdaErrorMessage(String cause) {
        try {
            JsonNode parsed = Json.read(cause);
            if (parsed != null && parsed.path("errorMessage").isTextual()) {
                return parsed.path("errorMessage").asText();
            }
        } catch (Exception notJson) {
            // a plain text cause is shown as it is
        }
        return cause;
    }
}
