package dev.wfm.handlers;

import dev.wfm.security.Privilege;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.wfm.common.Ids;
import dev.wfm.common.Json;
import dev.wfm.common.JsonFields;
import dev.wfm.common.Refusal;
import dev.wfm.http.ApiRequest;
import dev.wfm.http.ApiResponse;
import dev.wfm.http.Paging;
import dev.wfm.http.Route;
import dev.wfm.items.ItemService;
import dev.wfm.jobs.Actor;
import dev.wfm.jobs.Comment;
import dev.wfm.jobs.Dependency;
import dev.wfm.jobs.Job;
import dev.wfm.jobs.JobCreation;
import dev.wfm.jobs.JobStore;
import dev.wfm.jobs.JobUnitOfWork;
import dev.wfm.jobs.JobViews;
import dev.wfm.jobs.actions.ActionRequest;
import dev.wfm.jobs.actions.StepActions;
import dev.wfm.jobs.actions.StepResponse;
import dev.wfm.jobs.commands.AddComment;
import dev.wfm.jobs.dependencies.Dependencies;
import dev.wfm.jobs.lifecycle.JobLifecycle;
import dev.wfm.jobs.lifecycle.JobPatches;
import dev.wfm.jobs.lifecycle.JobUpdates;
import dev.wfm.security.Role;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.function.BiFunction;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * The job routes: JSON in, domain call, JSON out. Everyone with a role in the item sees its jobs;
 * managers and admins create and manage them; step actions check the step's assignee.
 */
public final class JobRoutes {
    private static final int MAX_BULK = 100;
    private static final String JSON_PATCH = "application/json-patch+json";

    private final ItemService items;
    private final JobUnitOfWork unitOfWork;
    private final JobStore store;
    private final JobCreation creation;
    private final JobLifecycle lifecycle;
    private final JobUpdates updates;
    private final JobPatches patches;
    private final StepActions actions;
    private final Dependencies dependencies;

    public JobRoutes(ItemService items, JobUnitOfWork unitOfWork, JobStore store, JobCreation creation, JobLifecycle lifecycle,
                     JobUpdates updates, StepActions actions, Dependencies dependencies) {
        this.dependencies = dependencies;
        this.items = items;
        this.unitOfWork = unitOfWork;
        this.store = store;
        this.creation = creation;
        this.lifecycle = lifecycle;
        this.updates = updates;
        this.patches = new JobPatches(unitOfWork, updates);
        this.actions = actions;
    }

    public Map<String, Route> creationRoutes() {
        return Map.of("POST /items/{itemId}/jobs", this::create);
    }

    public Map<String, Route> actionRoutes() {
        return Map.of("POST /items/{itemId}/jobs/{jobId}/action", this::act);
    }

    public Map<String, Route> jobRoutes() {
        return Map.ofEntries(
                Map.entry("GET /items/{itemId}/jobs/{jobId}", this::get),
                Map.entry("PUT /items/{itemId}/jobs/{jobId}", this::update),
                Map.entry("PATCH /items/{itemId}/jobs/{jobId}", this::patch),
                Map.entry("GET /items/{itemId}/jobs/{jobId}/history", this::history),
                Map.entry("GET /items/{itemId}/jobs/{jobId}/steps/{stepId}/output", this::output),
                Map.entry("GET /items/{itemId}/jobs/{jobId}/children", this::children),
                Map.entry("GET /items/{itemId}/jobs/{jobId}/comments", this::comments),
                Map.entry("POST /items/{itemId}/jobs/{jobId}/comments", this::comment),
                Map.entry("GET /items/{itemId}/jobs/{jobId}/dependencies", this::listDependencies),
                Map.entry("POST /items/{itemId}/jobs/{jobId}/dependencies", this::addDependency),
                Map.entry("DELETE /items/{itemId}/jobs/{jobId}/dependencies/{dependencyId}", this::releaseDependency),
                Map.entry("POST /items/{itemId}/jobs/close", bulk(Privilege.CLOSE_JOBS, (itemId, ids, actor, body) -> lifecycle.close(itemId, ids, actor))),
                Map.entry("POST /items/{itemId}/jobs/reopen", bulk(Privilege.REOPEN_CLOSED_JOBS, Set.of("stepId"), (itemId, ids, actor, body) ->
                        lifecycle.reopen(itemId, ids, JsonFields.optionalString(body, "stepId", 64), actor))),
                Map.entry("POST /items/{itemId}/jobs/delete", bulk(Privilege.DELETE_JOBS, (itemId, ids, actor, body) -> lifecycle.delete(itemId, ids))),
                Map.entry("POST /items/{itemId}/jobs/upgrade", bulk(Privilege.UPGRADE_JOBS, (itemId, ids, actor, body) ->
                        lifecycle.upgrade(itemId, ids, actor))),
                Map.entry("POST /items/{itemId}/jobs/pause", bulk(Privilege.PAUSE_JOBS, (itemId, ids, actor, body) -> lifecycle.pause(itemId, ids, actor))),
                Map.entry("POST /items/{itemId}/jobs/resume", bulk(Privilege.PAUSE_JOBS, (itemId, ids, actor, body) ->
                        lifecycle.resume(itemId, ids, actor))));
    }

    private ApiResponse create(ApiRequest request) {
        Actor actor = actor(request); // a worker creates jobs of templates shared with their groups (JobCreation)
        JobCreation.Created created = creation.create(itemId(request), actor, request.jsonBody(),
                request.header("Idempotency-Key").orElse(null), request.fingerprint());
        ObjectNode answer = Json.object();
        created.jobIds().forEach(answer.putArray("jobIds")::add);
        answer.put("autoExecuted", created.autoExecuted());
        return ApiResponse.created(answer);
    }

    private ApiResponse get(ApiRequest request) {
        actor(request);
        boolean holds = request.queryParameter("holds").map("true"::equalsIgnoreCase).orElse(false);
        Job job = unitOfWork.load(itemId(request), request.pathParameter("jobId"));
        ObjectNode view = JobViews.job(job, holds, unitOfWork.clock().instant());
        if (request.queryParameter("extended").map("true"::equalsIgnoreCase).orElse(false)) {
            view.set("extendedProperties", job.extendedProperties());
            view.set("relatedProperties", JobViews.related(store.relatedRecords(job.itemId(), job.jobId())));
        }
        return ApiResponse.ok(view);
    }

    /** Answers the updated job; with its related records when the update changed them, so added records' ids are known. */
    private ApiResponse update(ApiRequest request) {
        JsonNode body = request.jsonBody();
        Job job = updates.update(itemId(request), request.pathParameter("jobId"), actor(request), body);
        ObjectNode view = JobViews.job(job, false, unitOfWork.clock().instant());
        if (body.has("relatedProperties")) {
            view.set("relatedProperties", JobViews.related(store.relatedRecords(job.itemId(), job.jobId())));
        }
        return ApiResponse.ok(view);
    }

    /** RFC 6902 JSON Patch, sent as such: a plain JSON body belongs to PUT. */
    private ApiResponse patch(ApiRequest request) {
        String type = request.header("content-type").orElse("");
        if (!type.toLowerCase(Locale.ROOT).startsWith(JSON_PATCH)) {
            throw Refusal.invalid("A PATCH of a job is a JSON Patch sent as Content-Type " + JSON_PATCH + " (PUT takes the fields to set)",
                    "Content-Type");
        }
        Job job = patches.patch(itemId(request), request.pathParameter("jobId"), actor(request), request.header("if-match").orElse(null),
                request.jsonValue("a JSON Patch, an array of operations"));
        return ApiResponse.ok(JobViews.job(job, false, unitOfWork.clock().instant()));
    }

    /** The job's group: the child jobs its createJob steps created, oldest first, with their counts by status. */
    private ApiResponse children(ApiRequest request) {
        actor(request);
        Job parent = unitOfWork.load(itemId(request), request.pathParameter("jobId"));
        List<Job> children = store.findAll(parent.itemId(), store.childrenOf(parent.itemId(), parent.jobId()));
        ObjectNode answer = Json.object().put("jobId", parent.jobId()).put("total", children.size())
                .put("closed", children.stream().filter(Job::closed).count());
        Map<String, Integer> byStatus = new TreeMap<>();
        ArrayNode listed = answer.putArray("children");
        for (Job child : children) {
            listed.addObject().put("jobId", child.jobId()).put("jobName", child.jobName()).put("jobTemplateId", child.jobTemplateId())
                    .put("jobStatus", child.jobStatus()).put("closed", child.closed()).put("priority", child.priority())
                    .put("assignedType", child.assignedType()).put("assignedTo", child.assignedTo()).put("created", child.created());
            byStatus.merge(child.jobStatus(), 1, Integer::sum);
        }
        ObjectNode statusCounts = answer.putObject("statusCounts");
        byStatus.forEach(statusCounts::put);
        return ApiResponse.ok(answer);
    }

    /** What an automated step of the job gave, as later steps see it ($job.outputs.{stepId}). */
    private ApiResponse output(ApiRequest request) {
        actor(request);
        String stepId = request.pathParameter("stepId");
        Job job = unitOfWork.load(itemId(request), request.pathParameter("jobId"));
        JsonNode output = job.outputs().get(stepId);
        if (output == null) {
            throw Refusal.notFound("Step '" + stepId + "' of job '" + job.jobId() + "' has no output: it has not run, or it gives none", "stepId");
        }
        ObjectNode answer = Json.object().put("jobId", job.jobId()).put("stepId", stepId);
        answer.set("output", output);
        return ApiResponse.ok(answer);
    }

    /** The job's history, oldest first; it only grows, so its pages are keyed by position. */
    private ApiResponse history(ApiRequest request) {
        return ApiResponse.ok(Paging.appendOnly(request, records(request, store::history)));
    }

    private ApiResponse comments(ApiRequest request) {
        return ApiResponse.ok(Paging.array(request, records(request, store::comments), comment -> comment.path("commentId").asText()));
    }

    /** Records kept under a job the caller may see, as JSON. */
    private List<JsonNode> records(ApiRequest request, BiFunction<String, String, List<?>> records) {
        actor(request);
        String jobId = request.pathParameter("jobId");
        unitOfWork.load(itemId(request), jobId);
        return records.apply(itemId(request), jobId).stream().<JsonNode>map(record -> Json.MAPPER.valueToTree(record)).toList();
    }

    private ApiResponse comment(ApiRequest request) {
        Actor actor = actor(request);
        String jobId = request.pathParameter("jobId");
        unitOfWork.load(itemId(request), jobId);
        JsonNode body = request.jsonBody();
        JsonFields.refuseUnknown(body, "", "comment");
        String text = JsonFields.requiredString(body, "comment", 4000);
        Comment comment = unitOfWork.run(itemId(request), jobId,
                new AddComment(actor.user(), Ids.newId(unitOfWork.clock().instant()), text)).answer();
        return ApiResponse.created(Json.MAPPER.valueToTree(comment));
    }

    private ApiResponse listDependencies(ApiRequest request) {
        actor(request);
        ArrayNode list = Json.MAPPER.createArrayNode();
        unitOfWork.load(itemId(request), request.pathParameter("jobId")).dependencies()
                .forEach(dependency -> list.add(Json.MAPPER.valueToTree(dependency)));
        return ApiResponse.ok(list);
    }

    /** {@code {stepId, dependsOn: {jobId, stepId}}}: the step waits until the other job's step finishes. */
    private ApiResponse addDependency(ApiRequest request) {
        Actor actor = actor(request);
        actor.require(Privilege.MANAGE_DEPENDENCIES);
        JsonNode body = request.jsonBody();
        JsonFields.refuseUnknown(body, "", "stepId", "dependsOn");
        JsonNode on = body.path("dependsOn");
        if (!on.isObject()) {
            throw Refusal.invalid("dependsOn must be {jobId, stepId}", "dependsOn");
        }
        JsonFields.refuseUnknown(on, "dependsOn", "jobId", "stepId");
        Dependency dependency = dependencies.add(itemId(request), request.pathParameter("jobId"),
                JsonFields.requiredString(body, "stepId", 64), JsonFields.requiredString(on, "jobId", 64),
                JsonFields.requiredString(on, "stepId", 64), actor);
        return ApiResponse.created(Json.MAPPER.valueToTree(dependency));
    }

    private ApiResponse releaseDependency(ApiRequest request) {
        Actor actor = actor(request);
        actor.require(Privilege.MANAGE_DEPENDENCIES);
        String jobId = request.pathParameter("jobId");
        if (!dependencies.release(itemId(request), jobId, request.pathParameter("dependencyId"), actor)) {
            throw Refusal.notFound("Job '" + jobId + "' has no dependency '" + request.pathParameter("dependencyId") + "'", "dependencyId");
        }
        return ApiResponse.noContent();
    }

    /**
     * The contract's answer {@code {success, stepResponses}}. When every step was refused, the
     * status is the refusal's (404, 409, 403, 400) and the body is also the error model, with
     * each step's refusal in {@code details}.
     */
    private ApiResponse act(ApiRequest request) {
        Actor actor = actor(request);
        String jobId = request.pathParameter("jobId");
        ActionRequest action = ActionRequest.parse(request.jsonBody());
        List<StepResponse> responses = actions.act(itemId(request), jobId, actor, action);
        boolean success = responses.stream().allMatch(StepResponse::success);
        ObjectNode body = Json.object().put("success", success);
        ArrayNode steps = body.putArray("stepResponses");
        responses.forEach(response -> steps.add(Json.MAPPER.valueToTree(response)));
        if (success || responses.stream().anyMatch(StepResponse::success)) {
            return ApiResponse.ok(body);
        }
        ApiResponse error = ApiResponse.error(StepResponse.refusal(responses, jobId));
        ObjectNode errorBody = (ObjectNode) error.body();
        errorBody.setAll(body);
        return new ApiResponse(error.status(), errorBody);
    }

    /** A job command applied to {@code jobIds}, answered {@code {success, results:[{jobId, success, code?, message?}]}}. */
    private Route bulk(Privilege privilege, BulkCommand command) {
        return bulk(privilege, Set.of(), command);
    }

    /** {@code fields}: what the command reads from the body besides jobIds; {@code privilege}: what it needs. */
    private Route bulk(Privilege privilege, Set<String> fields, BulkCommand command) {
        return request -> {
            Actor actor = actor(request);
            actor.require(privilege);
            JsonNode body = request.jsonBody();
            JsonFields.refuseUnknown(body, "", Stream.concat(fields.stream(), Stream.of("jobIds")).collect(Collectors.toSet()));
            List<String> jobIds = JsonFields.stringList(body.get("jobIds"), "jobIds");
            if (jobIds.isEmpty() || jobIds.size() > MAX_BULK) {
                throw Refusal.invalid("jobIds must name 1 to " + MAX_BULK + " jobs", "jobIds");
            }
            List<JobLifecycle.Result> results = command.apply(itemId(request), jobIds, actor, body);
            ObjectNode answer = Json.object().put("success", results.stream().allMatch(JobLifecycle.Result::success));
            ArrayNode list = answer.putArray("results");
            results.forEach(result -> list.add(Json.MAPPER.valueToTree(result)));
            return ApiResponse.ok(answer);
        };
    }

    @FunctionalInterface
    private interface BulkCommand {
        List<JobLifecycle.Result> apply(String itemId, List<String> jobIds, Actor actor, JsonNode body);
    }

    private Actor actor(ApiRequest request) {
        return items.require(request.identity(), itemId(request), Role.ANY).actor(request.identity());
    }

    private static String itemId(ApiRequest request) {
        return request.pathParameter("itemId");
    }
}
