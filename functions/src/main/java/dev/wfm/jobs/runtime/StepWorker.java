package dev.wfm.jobs.runtime;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.wfm.common.Json;
import dev.wfm.common.Templates;
import dev.wfm.diagrams.Step;
import dev.wfm.jobs.Actor;
import dev.wfm.jobs.Change;
import dev.wfm.jobs.CurrentStep;
import dev.wfm.jobs.DiagramCatalog;
import dev.wfm.jobs.HistoryEntry;
import dev.wfm.jobs.Job;
import dev.wfm.jobs.JobCreation;
import dev.wfm.jobs.JobRunner;
import dev.wfm.jobs.ParentJobs;
import dev.wfm.jobs.StepStatus;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * Runs automated steps for job executions ({@code action: work}, see AslCompiler). It answers
 * {@code {returnCode, result, job}}; a failure is thrown, so the execution's Retry and Catch
 * handle it and the step shows as Failed with the error for a person to retry or skip.
 */
public final class StepWorker {
    /** Longest web request allowed; the function's own timeout (120 s) must stay above it. */
    public static final int MAX_TIMEOUT_SECONDS = 60;
    private static final int MAX_RESULT_CHARS = 32 * 1024;

    private final JobRunner runner;
    private final DiagramCatalog diagrams;
    private final JobCreation creation;
    private final ParentJobs parents;
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10))
            .followRedirects(HttpClient.Redirect.NORMAL).build();

    public StepWorker(JobRunner runner, DiagramCatalog diagrams, JobCreation creation, ParentJobs parents) {
        this.parents = parents;
        this.runner = runner;
        this.diagrams = diagrams;
        this.creation = creation;
    }

    public ObjectNode handle(JsonNode payload) throws IOException, InterruptedException {
        String itemId = payload.path("itemId").asText();
        String stepId = payload.path("stepId").asText();
        Job job = runner.load(itemId, payload.path("jobId").asText());
        Step step = diagrams.step(job, stepId)
                .orElseThrow(() -> new IllegalStateException("job " + job.jobId() + " has no step " + stepId));
        JsonNode jobProperties = payload.has("job") ? payload.get("job") : job.properties();
        if (step instanceof Step.WebRequest web) {
            return webRequest(web.request(), jobProperties);
        }
        if (step instanceof Step.CreateJob create && !create.waitForClose()) {
            return createJob(job, create, jobProperties);
        }
        if (step instanceof Step.CreateJob create && payload.hasNonNull("taskToken")) {
            ObjectNode started = createJob(job, create, jobProperties);
            parents.waitFor(job, create.id(), create.name(), payload.path("taskToken").asText(),
                    started.path("result").path("jobIds").path(0).asText());
            return started;
        }
        if (step instanceof Step.Wait wait && payload.hasNonNull("taskToken")) {
            return startWait(job, wait, payload.path("taskToken").asText());
        }
        throw new IllegalArgumentException("Step '" + stepId + "' of type " + step.type().json()
                + " is not run by the worker, or arrived without the task token it waits on");
    }

    private ObjectNode webRequest(Step.Request request, JsonNode job) throws IOException, InterruptedException {
        Map<String, JsonNode> variables = Map.of("job", job);
        int timeout = Math.min(MAX_TIMEOUT_SECONDS, request.timeoutSeconds() == null ? 30 : request.timeoutSeconds());
        String method = request.method() == null ? "GET" : request.method().toUpperCase(java.util.Locale.ROOT);
        String body = request.body() == null ? null : Templates.evaluateToText(request.body(), variables);
        HttpRequest.Builder builder = HttpRequest.newBuilder(URI.create(Templates.evaluateToText(request.url(), variables)))
                .timeout(Duration.ofSeconds(timeout))
                .method(method, body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body));
        request.headers().forEach((name, value) -> builder.header(name, Templates.evaluateToText(value, variables)));
        if (body != null && request.headers().keySet().stream().noneMatch("content-type"::equalsIgnoreCase)) {
            builder.header("Content-Type", "application/json");
        }
        HttpResponse<String> response = http.send(builder.build(), HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
        if (response.statusCode() >= 400) {
            throw new WebRequestFailedException(method + " " + request.url() + " answered " + response.statusCode());
        }
        String text = response.body() == null ? "" : response.body();
        ObjectNode result = Json.object().put("status", response.statusCode());
        try {
            JsonNode parsed = Json.read(text);
            result.set("body", parsed == null ? Json.MAPPER.nullNode() : parsed);
        } catch (IOException notJson) {
            result.put("body", text.length() > MAX_RESULT_CHARS ? text.substring(0, MAX_RESULT_CHARS) : text);
        }
        if (result.toString().length() > MAX_RESULT_CHARS) {
            result.put("body", "(response body of " + text.length() + " characters omitted: results travel in the execution's state)");
        }
        ObjectNode answer = Json.object().put("returnCode", Integer.toString(response.statusCode()));
        answer.set("result", result);
        answer.set("job", job);
        return answer;
    }

    /** Records the wait as the job's current step, due at its time; the scheduler answers the token then. */
    private ObjectNode startWait(Job job, Step.Wait wait, String token) {
        Instant now = runner.clock().instant();
        Instant due = wait.until() != null ? Instant.parse(wait.until()) : now.plusSeconds(wait.seconds());
        CurrentStep waiting = new CurrentStep(wait.id(), wait.name(), wait.type().json(), StepStatus.Working, job.assignedType(),
                job.assignedTo(), token, "wait", now.toString(), now.toString(), null, null, null, due.toString());
        // a wait the job shows already (its execution was restarted) keeps the time it was due at
        String until = runner.makeCurrent(job.itemId(), job.jobId(), waiting, new HistoryEntry("WaitStarted", wait.id(),
                Actor.SYSTEM.user(), now.toString(), null, Json.object().put("until", due.toString())))
                .map(CurrentStep::dueAt).orElse(due.toString());
        return Json.object().put("waitingUntil", until);
    }

    private ObjectNode createJob(Job parent, Step.CreateJob step, JsonNode job) {
        ObjectNode request = Json.object().put("jobTemplateId", step.jobTemplateId());
        JobCreation.Created created = creation.create(parent.itemId(), Actor.SYSTEM, request,
                "child-" + parent.jobId() + "-" + parent.executionSeq() + "-" + step.id());
        ObjectNode details = Json.object();
        created.jobIds().forEach(details.putArray("jobIds")::add);
        runner.run(parent.itemId(), parent.jobId(), current -> current.executionSeq() != parent.executionSeq()
                ? Change.none(null)
                : Change.accept(current, List.of(new HistoryEntry("ChildJobCreated", step.id(), Actor.SYSTEM.user(),
                        runner.clock().instant().toString(), null, details)), null));
        ObjectNode answer = Json.object().put("returnCode", "created");
        answer.set("result", details);
        answer.set("job", job);
        return answer;
    }

    /** A web request that answered with an error status. */
    public static final class WebRequestFailedException extends RuntimeException {
        public WebRequestFailedException(String message) {
            super(message);
        }
    }
}
