package dev.wfm.jobs.runtime;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.wfm.common.Json;
import dev.wfm.common.Refusal;
import dev.wfm.execution.ExecutionContract;
import dev.wfm.execution.ExecutionContract.Activation;
import dev.wfm.execution.ExecutionContract.Receipt;
import dev.wfm.jobs.Decision;
import dev.wfm.jobs.DiagramCatalog;
import dev.wfm.jobs.Job;
import dev.wfm.jobs.JobCommand;
import dev.wfm.jobs.JobStore;
import dev.wfm.jobs.JobUnitOfWork;
import dev.wfm.jobs.commands.ActivateStep;
import dev.wfm.jobs.commands.CompleteJob;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;

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

    private final JobUnitOfWork unitOfWork;
    private final DiagramCatalog diagrams;
    private final ParentJobs parents;

    public StepActivation(JobUnitOfWork unitOfWork, DiagramCatalog diagrams, ParentJobs parents) {
        this.parents = parents;
        this.unitOfWork = unitOfWork;
        this.diagrams = diagrams;
    }

    public ObjectNode handle(JsonNode payload) {
        String itemId = payload.path(ExecutionContract.ITEM_ID).asText();
        String jobId = payload.path(ExecutionContract.JOB_ID).asText();
        String stepId = payload.path(ExecutionContract.STEP_ID).asText();
        Activation activation = Activation.read(payload);
        JobCommand<String> heard = command(activation).heardFrom(activation.executionArn(), Receipt.carried(payload));
        JobCommand<String> command = (job, now) -> decide(activation, heard, job, now);
        String outcome;
        try {
            Optional<Job> carried = carried(payload, itemId, jobId);
            outcome = (carried.isPresent() ? unitOfWork.runFrom(carried.get(), command) : unitOfWork.run(itemId, jobId, command)).answer();
        } catch (Refusal missing) {
            if (missing.kind() != Refusal.Kind.NOT_FOUND || !"jobId".equals(missing.target())) {
                throw missing;
            }
            // A deleted job's execution is stopped; a late invocation from it has nothing to act on (found by the read the change makes).
            return Json.object().put("jobId", jobId).put("stepId", stepId).put("outcome", "ignored: no such job");
        }
        if (activation instanceof Activation.Complete && !outcome.equals(IGNORED_EXECUTION)) {
            parents.childClosed(itemId, jobId);
        }
        return Json.object().put("jobId", jobId).put("stepId", stepId).put("outcome", outcome);
    }

    /**
     * The newest of the jobs the payload's receipts carry, as the answers (or the start) that led
     * here were sent ({@link dev.wfm.execution.ExecutionContract#SAVED}), if one is this job: decided on first,
     * it spares the read. A document this version cannot read is passed over: the job is read.
     */
    private static Optional<Job> carried(JsonNode payload, String itemId, String jobId) {
        List<Job> jobs = new ArrayList<>();
        for (String saved : Receipt.savedJobs(payload)) {
            try {
                jobs.add(JobStore.fromDoc(saved));
            } catch (IllegalStateException unreadable) {
                // read from the table instead
            }
        }
        return jobs.stream().filter(job -> job.itemId().equals(itemId) && job.jobId().equals(jobId))
                .max(Comparator.comparingLong(Job::revision));
    }

    /**
     * The activation decided on the job. A stopped execution's late call is ignored: the job has
     * moved on to another, which enters the steps it is at. A call from the job's execution proves
     * that execution started and that the answers it carries receipts of arrived
     * ({@link JobCommand#heardFrom}), so a start the job still owes (its creation's, or a restart's)
     * and those answers are dropped in the same write rather than made again and cleared in
     * another.
     */
    private static Decision<String> decide(Activation activation, JobCommand<String> command, Job job, Instant now) {
        if (activation.executionArn() != null && !activation.executionArn().equals(job.executionArn())) {
            return Decision.unchanged(IGNORED_EXECUTION);
        }
        return command.decide(job, now);
    }

    private JobCommand<String> command(Activation activation) {
        if (activation instanceof Activation.Activate activate) {
            return ActivateStep.current(diagrams, activate.stepId(), activate.taskToken(), activate.autoRun());
        }
        if (activation instanceof Activation.Failed failed) {
            return ActivateStep.failed(diagrams, failed.stepId(), failed.taskToken(), describe(failed.error()));
        }
        return new CompleteJob(activation.stepId());
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
