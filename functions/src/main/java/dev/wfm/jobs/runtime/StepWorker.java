package dev.wfm.jobs.runtime;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.wfm.common.Json;
import dev.wfm.common.JsonataTemplates;
import dev.wfm.common.Refusal;
import dev.wfm.diagrams.Step;
import dev.wfm.execution.ExecutionContract.Receipt;
import dev.wfm.execution.ExecutionContract.TokenKind;
import dev.wfm.execution.ExecutionContract.Work;
import dev.wfm.execution.ExecutionContract.WorkResult;
import dev.wfm.jobs.Actor;
import dev.wfm.jobs.CurrentStep;
import dev.wfm.jobs.DiagramCatalog;
import dev.wfm.jobs.Job;
import dev.wfm.jobs.JobCreation;
import dev.wfm.jobs.JobUnitOfWork;
import dev.wfm.jobs.commands.EnterStep;
import dev.wfm.jobs.commands.RecordOutcome;
import dev.wfm.jobs.commands.StartAutomatedStep.Start;
import dev.wfm.jobs.commands.StartAutomatedStep;
import dev.wfm.jobs.events.JobEvent.ChildJobCreated;
import dev.wfm.jobs.events.JobEvent.WaitStarted;
import dev.wfm.jobs.events.JobEvent.WebRequestFinished;
import dev.wfm.jobs.events.JobEvent;
import dev.wfm.outbound.OutboundHttp;
import dev.wfm.outbound.SecretHeaders;
import java.io.IOException;
import java.net.URI;
import java.net.URISyntaxException;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Runs automated steps for job executions ({@link Work}, see {@code ExecutionContract}). A web
 * request or a child job's creation is current, Working, from the moment the worker starts it
 * ({@link StartAutomatedStep}) until its outcome is recorded in the job's history with the step
 * done ({@link RecordOutcome}), or its failure comes back from the execution; so a pause, upgrade or
 * restart meanwhile keeps the step, and the next execution runs it again: at least once. What is
 * run again is the same visit of the step ({@code since} kept): a web request carries the same
 * {@code Idempotency-Key}, and a createJob step finds the child it created. The worker answers
 * {@code {returnCode, result, job}}; a failure is a {@link StepFailure} ({@link TransientStepFailure}
 * when trying again may help), so the execution's Retry and Catch handle it and the step shows as
 * Failed with the failure's message for a person to retry or skip.
 */
public final class StepWorker {

    private final JobUnitOfWork unitOfWork;
    private final DiagramCatalog diagrams;
    private final JobCreation creation;
    private final ParentJobs parents;
    private final OutboundHttp http;
    private final WebRequests requests;

    public StepWorker(JobUnitOfWork unitOfWork, DiagramCatalog diagrams, JobCreation creation, ParentJobs parents, OutboundHttp http,
                      SecretHeaders secretHeaders) {
        this.parents = parents;
        this.unitOfWork = unitOfWork;
        this.diagrams = diagrams;
        this.creation = creation;
        this.http = http;
        this.requests = new WebRequests(secretHeaders);
    }

    public ObjectNode handle(JsonNode payload) {
        Work work = Work.read(payload);
        String stepId = work.stepId();
        Job job = unitOfWork.load(work.itemId(), work.jobId());
        Step step = diagrams.step(job, stepId)
                .orElseThrow(() -> new IllegalStateException("job " + job.jobId() + " has no step " + stepId));
        JsonNode jobProperties = work.job() != null ? work.job() : job.properties();
        // what the call proves (its execution started, the answers it carries receipts of arrived) rides on its first write
        List<Receipt> receipts = Receipt.carried(payload);
        if (step instanceof Step.Wait wait && work.taskToken() != null) {
            return startWait(job, wait, jobProperties, work.taskToken(), work.executionArn(), receipts);
        }
        boolean waits = step instanceof Step.CreateJob create && create.waitForClose();
        if (!(step instanceof Step.WebRequest || step instanceof Step.CreateJob) || waits != (work.taskToken() != null)) {
            throw new IllegalArgumentException("Step '" + stepId + "' of type " + step.type().json()
                    + " is not run by the worker, or arrived without the task token it waits on");
        }
        // a machine compiled before payloads named their execution calls as the job's
        String execution = work.executionArn() != null ? work.executionArn() : job.executionArn();
        // decided on the job just read: read again only if another change came between
        Start start = unitOfWork.runFrom(job,
                new StartAutomatedStep(execution, step, work.taskToken(), waits ? TokenKind.CHILD : null)
                        .heardFrom(work.executionArn(), receipts)).answer();
        if (start instanceof StartAutomatedStep.Ignored ignored) {
            throw new StepFailure("Step '" + stepId + "' was not run: " + ignored.why() + ".");
        }
        if (start instanceof StartAutomatedStep.Waiting) {
            return Json.object().put("jobId", job.jobId()).put("stepId", stepId).put("outcome", "waiting");
        }
        CurrentStep running = ((StartAutomatedStep.Run) start).step();
        if (step instanceof Step.WebRequest web) {
            return webRequest(job, execution, web, running, jobProperties, work.attempt()).toJson();
        }
        Step.CreateJob create = (Step.CreateJob) step;
        List<String> children = createJob(job, create, running);
        ChildJobCreated created = new ChildJobCreated(stepId, Actor.SYSTEM.user(), unitOfWork.clock().instant(), children);
        if (waits) {
            parents.waitFor(job, execution, running, work.taskToken(), children.get(0));
        } else {
            record(job, execution, created);
        }
        return created(children, withOutput(jobProperties, stepId, created.output())).toJson();
    }

    private WorkResult webRequest(Job job, String execution, Step.WebRequest step, CurrentStep running, JsonNode properties,
                                  int attempt) {
        OutboundHttp.Call call = requests.call(job.itemId(), step, properties, visit(job, running));
        OutboundHttp.Outcome outcome = http.send(call);
        String tries = " (attempt " + attempt + " of " + step.retryPolicy().maxAttempts() + ")";
        if (outcome instanceof OutboundHttp.Failed failed) {
            throw failed.failure().transientFailure()
                    ? new TransientStepFailure(failed.message() + tries)
                    : new StepFailure(failed.message());
        }
        OutboundHttp.Answered answered = (OutboundHttp.Answered) outcome;
        int status = answered.status();
        if (status >= 400) {
            String message = answered.describedFor(call);
            throw status >= 500 || status == 429 ? new TransientStepFailure(message + tries) : new StepFailure(message);
        }
        String returnCode = Integer.toString(status);
        ObjectNode output = WebRequests.output(step, answered, properties);
        record(job, execution, new WebRequestFinished(step.id(), Actor.SYSTEM.user(), unitOfWork.clock().instant(), call.described(),
                status, returnCode, answered.elapsed(), attempt, output));
        return new WorkResult(returnCode, WebRequests.result(answered), withOutput(properties, step.id(), output));
    }

    /** The job as the execution carries it on, with the step's output, so the conditions of its paths see $job.outputs. */
    private static JsonNode withOutput(JsonNode properties, String stepId, JsonNode output) {
        ObjectNode job = properties.deepCopy();
        job.withObjectProperty("outputs").set(stepId, output);
        return job;
    }

    /**
     * One run of a step of a job: the same for every try of it (its retry policy's attempts, and
     * the run again after a restart, which keeps the step's {@code since}), new each time the job
     * reaches the step anew. It keys the child job a createJob step creates and is the
     * Idempotency-Key of a web request.
     */
    private static String visit(Job job, CurrentStep running) {
        return job.jobId() + "/" + running.stepId() + "/" + running.since();
    }

    /** Writes the outcome of a step run for {@code execution}: unless the job no longer runs it, the step is done. */
    private void record(Job job, String execution, JobEvent outcome) {
        unitOfWork.run(job.itemId(), job.jobId(), new RecordOutcome(execution, outcome));
    }

    /** Records the wait as the job's current step, due at its time; the scheduler answers the token then. */
    private ObjectNode startWait(Job job, Step.Wait wait, JsonNode properties, String token, String executionArn,
                                 List<Receipt> receipts) {
        Instant now = unitOfWork.clock().instant();
        Instant due = wait.until() != null ? until(wait, properties) : now.plusSeconds(wait.seconds());
        CurrentStep waiting = CurrentStep.working(wait, job, TokenKind.WAIT, token, now.toString(), due.toString());
        // a wait the job shows already (its execution was restarted) keeps the time it was due at
        CurrentStep current = unitOfWork.runFrom(job,
                new EnterStep(waiting, new WaitStarted(wait.id(), Actor.SYSTEM.user(), now, due.toString()))
                        .heardFrom(executionArn, receipts)).answer();
        String until = current == null ? due.toString() : current.dueAt();
        return Json.object().put("waitingUntil", until);
    }

    /** The time a wait's {@code until} (a time, or a template giving one) names. */
    private static Instant until(Step.Wait wait, JsonNode properties) {
        String text = WebRequests.evaluate(wait, "until", wait.until(), Map.of("job", properties));
        try {
            return OffsetDateTime.parse(text).toInstant();
        } catch (DateTimeParseException e) {
            throw new StepFailure("The until of step '" + wait.id() + "' gave '" + WebRequests.shortened(text)
                    + "', which is not an ISO-8601 time with offset such as 2030-01-31T17:00:00Z");
        }
    }

    /**
     * Creates the step's child job, once per visit ({@link #visit}): a repeated invocation, or the
     * run again after a restart, answers the child created the first time. Answers its ids.
     */
    private List<String> createJob(Job parent, Step.CreateJob step, CurrentStep running) {
        ObjectNode request = Json.object().put("jobTemplateId", step.jobTemplateId());
        try {
            return creation.createChild(parent.itemId(), parent.jobId(), request, "child-" + visit(parent, running)).jobIds();
        } catch (Refusal e) {
            throw new StepFailure("Step '" + step.id() + "' could not create its child job: " + e.getMessage());
        }
    }

    /** The answer of a createJob step: {@code created}, with the child jobs' ids. */
    private static WorkResult created(List<String> jobIds, JsonNode job) {
        ObjectNode result = Json.object();
        jobIds.forEach(result.putArray("jobIds")::add);
        return new WorkResult("created", result, job);
    }
}
