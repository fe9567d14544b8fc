package dev.wfm.scheduling;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.wfm.common.Ids;
import dev.wfm.common.Json;
import dev.wfm.common.JsonFields;
import dev.wfm.common.Refusal;
import dev.wfm.config.JobTemplates;
import dev.wfm.jobs.JobCreation;
import dev.wfm.outbound.SecretHeaders;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Set;
import java.util.function.UnaryOperator;

/**
 * Scheduled tasks: at each occurrence of an EventBridge expression, an action runs with JSON
 * parameters: {@code createJobs} ({@code jobTemplateId, numberOfJobs?, overrides?}) or
 * {@code callUrl} (see {@link UrlCall}). A task's definition is {@code {taskId, title,
 * expression, timezone, startAt?, enabled, action, parameters, created, createdBy}}; it shares
 * the schedules' storage, due index and claim rules ({@link RecurringStore}, {@link Ticks}).
 * Every run is recorded: {@code {runId, occurrence, startedAt, endedAt, status, jobIds | result,
 * error?, skippedOccurrences}}.
 */
public final class ScheduledTasks {
    public static final String CREATE_JOBS = "createJobs";
    public static final String CALL_URL = "callUrl";
    private static final Set<String> FIELDS = Set.of("title", "expression", "timezone", "startAt", "enabled", "action", "parameters");

    private final RecurringStore store;
    private final JobTemplates templates;
    private final JobCreation creation;
    private final SecretHeaders secretHeaders;
    private final Clock clock;

    /** {@code creation} checks what is saved for later creates, as a create would. */
    public ScheduledTasks(RecurringStore store, JobTemplates templates, JobCreation creation, SecretHeaders secretHeaders, Clock clock) {
        this.store = store;
        this.templates = templates;
        this.creation = creation;
        this.secretHeaders = secretHeaders;
        this.clock = clock;
    }

    public String create(String itemId, String user, JsonNode body) {
        JsonFields.refuseUnknown(body, "", FIELDS);
        Instant now = clock.instant();
        ObjectNode definition = Json.object();
        String taskId = Ids.newId(now);
        definition.put("taskId", taskId);
        definition.put("title", JsonFields.requiredString(body, "title", 200));
        Timing timing = Timing.read(body, null, now);
        timing.writeTo(definition);
        definition.put("enabled", Schedules.enabled(body, true));
        String action = JsonFields.requiredString(body, "action", 20);
        definition.put("action", action);
        definition.set("parameters", sealed(itemId, parameters(itemId, action, body.get("parameters"))));
        definition.put("createdBy", user);
        if (!store.create(itemId, taskId, definition, Schedules.firstRun(timing, now))) {
            throw new IllegalStateException("A fresh task id " + taskId + " exists already");
        }
        return taskId;
    }

    /** The task; its secret header values only for the item's admins ({@code admin}). */
    public ObjectNode get(String itemId, String taskId, boolean admin) {
        return view(itemId, find(itemId, taskId), admin);
    }

    public List<ObjectNode> list(String itemId, boolean admin) {
        return store.list(itemId).stream().map(stored -> view(itemId, stored, admin)).toList();
    }

    /** Changes any of title, expression, timezone, startAt, enabled, action, parameters; absent fields stay. */
    public ObjectNode update(String itemId, String taskId, JsonNode body) {
        RecurringStore.Stored read = find(itemId, taskId);
        JsonFields.refuseUnknown(body, "", FIELDS);
        ObjectNode definition = read.definition().deepCopy();
        Instant now = clock.instant();
        if (body.has("title")) {
            definition.put("title", JsonFields.requiredString(body, "title", 200));
        }
        Timing timing = Timing.read(body, Timing.of(definition), now);
        timing.writeTo(definition);
        definition.put("enabled", Schedules.enabled(body, read.enabled()));
        if (body.has("action") || body.has("parameters")) {
            String action = body.has("action") ? JsonFields.requiredString(body, "action", 20) : definition.path("action").asText();
            JsonNode parameters = body.has("parameters") ? body.get("parameters") : opened(itemId, definition.get("parameters"));
            definition.put("action", action);
            definition.set("parameters", sealed(itemId, parameters(itemId, action, parameters)));
        }
        boolean retimed = body.has("expression") || body.has("timezone") || body.has("startAt")
                || (definition.path("enabled").asBoolean() && !read.enabled());
        Instant nextRun = retimed ? Schedules.firstRun(timing, now) : read.nextRun();
        if (!store.replace(read, definition, nextRun)) {
            throw Refusal.conflict("Task " + taskId + " changed while it was being updated (a tick may have run it); "
                    + "read it again and retry", "taskId");
        }
        return view(itemId, store.get(itemId, taskId).orElseThrow(), true);
    }

    public void delete(String itemId, String taskId) {
        find(itemId, taskId);
        store.delete(itemId, taskId);
    }

    public List<ObjectNode> runs(String itemId, String taskId) {
        find(itemId, taskId);
        return store.runs(itemId, taskId);
    }

    public void deleteRun(String itemId, String taskId, String runId) {
        find(itemId, taskId);
        if (!store.deleteRun(itemId, taskId, runId)) {
            throw Refusal.notFound("Task " + taskId + " has no run " + runId, "runId");
        }
    }

    private ObjectNode parameters(String itemId, String action, JsonNode parameters) {
        if (parameters == null || !parameters.isObject()) {
            throw Refusal.invalid("Field 'parameters' is required and must be an object", "parameters");
        }
        if (CREATE_JOBS.equals(action)) {
            JsonFields.refuseUnknown(parameters, "parameters", "jobTemplateId", "numberOfJobs", "overrides");
            String templateId = JsonFields.requiredString(parameters, "jobTemplateId", 64);
            templates.referenced(itemId, templateId, "parameters.jobTemplateId");
            ObjectNode checked = Json.object().put("jobTemplateId", templateId)
                    .put("numberOfJobs", JobCreation.numberOfJobs(parameters.get("numberOfJobs"), "parameters.numberOfJobs"));
            checked.set("overrides", JobRequest.overrides(parameters.get("overrides"), "parameters.overrides"));
            JobRequest.check(creation, itemId, templateId, checked.path("numberOfJobs").asInt(), (ObjectNode) checked.get("overrides"),
                    "parameters.overrides");
            return checked;
        }
        if (CALL_URL.equals(action)) {
            return UrlCall.check(parameters);
        }
        throw Refusal.invalid("Field 'action' must be " + CREATE_JOBS + " or " + CALL_URL + ", not '" + action + "'", "action");
    }

    /** The parameters of a stored task with its secret headers readable: to show an admin, or to make the call. */
    JsonNode opened(String itemId, JsonNode parameters) {
        return withHeaders(parameters, headers -> secretHeaders.opened(itemId, headers));
    }

    private JsonNode sealed(String itemId, JsonNode parameters) {
        return withHeaders(parameters, headers -> secretHeaders.sealed(itemId, headers));
    }

    private ObjectNode view(String itemId, RecurringStore.Stored stored, boolean admin) {
        ObjectNode view = Schedules.view(stored);
        view.set("parameters", admin ? opened(itemId, view.get("parameters")) : withHeaders(view.get("parameters"), SecretHeaders::masked));
        return view;
    }

    private static JsonNode withHeaders(JsonNode parameters, UnaryOperator<JsonNode> rewrite) {
        if (parameters == null || !parameters.path("headers").isObject()) {
            return parameters;
        }
        ObjectNode rewritten = parameters.deepCopy();
        rewritten.set("headers", rewrite.apply(parameters.get("headers")));
        return rewritten;
    }

    private RecurringStore.Stored find(String itemId, String taskId) {
        return store.get(itemId, taskId)
                .orElseThrow(() -> Refusal.notFound("Task " + taskId + " does not exist in this workflow item", "taskId"));
    }
}
