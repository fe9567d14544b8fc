package dev.wfm.jobs.runtime;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.wfm.common.Json;
import dev.wfm.diagrams.Step;
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
 * What a job's execution tells the runtime (see the contract in AslCompiler): a step became
 * current and waits on a token ({@code activate}), an automated step failed and waits for a
 * person's decision ({@code failed}), or the job reached an end step ({@code complete}).
 * Lambda may deliver an invocation twice, so each is idempotent: a step already current with the
 * same token is left as it is.
 */
public final class StepActivation {
    private final JobRunner runner;
    private final DiagramCatalog diagrams;
    private final ParentJobs parents;

    public StepActivation(JobRunner runner, DiagramCatalog diagrams, ParentJobs parents) {
        this.parents = parents;
        this.runner = runner;
        this.diagrams = diagrams;
    }

    public ObjectNode handle(JsonNode payload) {
        String action = payload.path("action").asText();
        String itemId = payload.path("itemId").asText();
        String jobId = payload.path("jobId").asText();
        String stepId = payload.path("stepId").asText();
        if (runner.find(itemId, jobId).isEmpty()) {
            // A deleted job's execution is stopped; a late invocation from it has nothing to act on.
            return Json.object().put("jobId", jobId).put("stepId", stepId).put("outcome", "ignored: no such job");
        }
        Change<String> change = switch (action) {
            case "activate" -> runner.run(itemId, jobId, job -> activate(job, stepId, payload.path("taskToken").asText(),
                    payload.path("autoRun").asBoolean(false)));
            case "failed" -> runner.run(itemId, jobId, job -> failed(job, stepId, payload.path("taskToken").asText(), payload.path("error")));
            case "complete" -> runner.run(itemId, jobId, job -> complete(job, stepId));
            default -> throw new IllegalArgumentException("Unknown activation action '" + action + "'");
        };
        if (action.equals("complete")) {
            parents.childClosed(itemId, jobId);
        }
        return Json.object().put("jobId", jobId).put("stepId", stepId).put("outcome", change.answer());
    }

    private Change<String> activate(Job job, String stepId, String token, boolean autoRun) {
        if (job.closed()) {
            return Change.none("ignored: job closed");
        }
        if (job.currentSteps().stream().anyMatch(step -> token.equals(step.taskToken()))) {
            return Change.none("already current");
        }
        Step step = diagrams.step(job, stepId)
                .orElseThrow(() -> new IllegalStateException("job " + job.jobId() + " has no step " + stepId));
        Instant now = runner.clock().instant();
        String assignedType = step.info().assignedType() != null ? step.info().assignedType().json() : job.assignedType();
        String assignedTo = step.info().assignedType() != null ? step.info().assignedTo() : job.assignedTo();
        List<String> answers = step instanceof Step.Question question
                ? question.answers().stream().map(Step.Answer::value).toList()
                : null;
        StepStatus status = autoRun ? StepStatus.Working : StepStatus.Ready;
        CurrentStep current = new CurrentStep(stepId, step.name(), step.type().json(), status, assignedType, assignedTo,
                token, "step", now.toString(), autoRun ? now.toString() : null, null, answers, null, null);
        Job next = job.with(b -> {
            b.removeStep(stepId);
            b.currentSteps.add(current);
            return b;
        });
        return Change.accept(next, List.of(HistoryEntry.of(autoRun ? "StepStartedAutomatically" : "StepBecameCurrent",
                stepId, Actor.SYSTEM.user(), now.toString())), status.name());
    }

    private Change<String> failed(Job job, String stepId, String token, JsonNode error) {
        if (job.closed()) {
            return Change.none("ignored: job closed");
        }
        if (job.currentSteps().stream().anyMatch(step -> token.equals(step.taskToken()))) {
            return Change.none("already failed");
        }
        Step step = diagrams.step(job, stepId)
                .orElseThrow(() -> new IllegalStateException("job " + job.jobId() + " has no step " + stepId));
        Instant now = runner.clock().instant();
        String message = describe(error);
        CurrentStep failedStep = new CurrentStep(stepId, step.name(), step.type().json(), StepStatus.Failed, job.assignedType(),
                job.assignedTo(), token, "decision", now.toString(), null, null, null, message, null);
        Job next = job.with(b -> {
            b.removeStep(stepId);
            b.currentSteps.add(failedStep);
            return b;
        });
        ObjectNode details = Json.object().put("error", message);
        return Change.accept(next, List.of(new HistoryEntry("StepFailed", stepId, Actor.SYSTEM.user(), now.toString(), null, details)),
                StepStatus.Failed.name());
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
            b.resumeSteps = new java.util.ArrayList<>();
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
        String name = error.path("Error").asText("");
        String cause = error.path("Cause").asText("");
        String text;
        if (name.equals(StepFailure.class.getName()) || name.equals(TransientStepFailure.class.getName())) {
            text = lambdaErrorMessage(cause);
        } else if (name.equals("NoMatchingPath")) {
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
