package dev.wfm.scheduling;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.wfm.common.Ids;
import dev.wfm.common.Json;
import dev.wfm.common.JsonFields;
import dev.wfm.common.Refusal;
import dev.wfm.config.JobTemplates;
import dev.wfm.jobs.JobCreation;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * Job template automation: schedules that create jobs from a template at the occurrences of an
 * EventBridge expression. A schedule's definition is
 * {@code {scheduleId, jobTemplateId, expression, timezone, startAt?, enabled, numberOfJobs,
 * overrides, created, createdBy}}; its state is {@code nextRun} (UTC, on DueIndex while enabled)
 * and {@code lastRun}. Changing its timing or enabling it recomputes the next run from now, so
 * occurrences that passed while it was disabled are not fired.
 */
public final class Schedules {
    private static final Set<String> FIELDS = Set.of("expression", "timezone", "startAt", "enabled", "numberOfJobs", "overrides");
    private final RecurringStore store;
    private final JobTemplates templates;
    private final JobCreation creation;
    private final Clock clock;

    /** {@code creation} checks what is saved for later creates, as a create would. */
    public Schedules(RecurringStore store, JobTemplates templates, JobCreation creation, Clock clock) {
        this.store = store;
        this.templates = templates;
        this.creation = creation;
        this.clock = clock;
    }

    public String create(String itemId, String jobTemplateId, String user, JsonNode body) {
        templates.get(itemId, jobTemplateId);
        JsonFields.refuseUnknown(body, "", FIELDS);
        Instant now = clock.instant();
        Timing timing = Timing.read(body, null, now);
        ObjectNode definition = Json.object();
        String scheduleId = Ids.newId(now);
        definition.put("scheduleId", scheduleId);
        definition.put("jobTemplateId", jobTemplateId);
        timing.writeTo(definition);
        definition.put("enabled", enabled(body, true));
        definition.put("numberOfJobs", JobCreation.numberOfJobs(body.get("numberOfJobs"), "numberOfJobs"));
        definition.set("overrides", JobRequest.overrides(body.get("overrides"), "overrides"));
        JobRequest.check(creation, itemId, jobTemplateId, definition.path("numberOfJobs").asInt(), (ObjectNode) definition.get("overrides"),
                "overrides");
        definition.put("createdBy", user);
        Instant nextRun = firstRun(timing, now);
        if (!store.create(itemId, scheduleId, definition, nextRun)) {
            throw new IllegalStateException("A fresh schedule id " + scheduleId + " exists already");
        }
        return scheduleId;
    }

    public ObjectNode get(String itemId, String jobTemplateId, String scheduleId) {
        return view(find(itemId, jobTemplateId, scheduleId));
    }

    public List<ObjectNode> list(String itemId, String jobTemplateId) {
        templates.get(itemId, jobTemplateId);
        return store.list(itemId).stream()
                .filter(stored -> stored.definition().path("jobTemplateId").asText().equals(jobTemplateId))
                .map(Schedules::view).toList();
    }

    /** Changes any of expression, timezone, startAt, enabled, numberOfJobs, overrides; absent fields stay. */
    public ObjectNode update(String itemId, String jobTemplateId, String scheduleId, JsonNode body) {
        RecurringStore.Stored read = find(itemId, jobTemplateId, scheduleId);
        JsonFields.refuseUnknown(body, "", FIELDS);
        ObjectNode definition = read.definition().deepCopy();
        Instant now = clock.instant();
        Timing timing = Timing.read(body, Timing.of(definition), now);
        timing.writeTo(definition);
        definition.put("enabled", enabled(body, read.enabled()));
        if (body.has("numberOfJobs")) {
            definition.put("numberOfJobs", JobCreation.numberOfJobs(body.get("numberOfJobs"), "numberOfJobs"));
        }
        if (body.has("overrides")) {
            definition.set("overrides", JobRequest.overrides(body.get("overrides"), "overrides"));
            JobRequest.check(creation, itemId, jobTemplateId, definition.path("numberOfJobs").asInt(1),
                    (ObjectNode) definition.get("overrides"), "overrides");
        }
        boolean retimed = body.has("expression") || body.has("timezone") || body.has("startAt")
                || (definition.path("enabled").asBoolean() && !read.enabled());
        Instant nextRun = retimed ? firstRun(timing, now) : read.nextRun();
        if (!store.replace(read, definition, nextRun)) {
            throw Refusal.conflict("Schedule " + scheduleId + " changed while it was being updated (a tick may have run it); "
                    + "read it again and retry", "scheduleId");
        }
        return view(store.get(itemId, scheduleId).orElseThrow());
    }

    public void delete(String itemId, String jobTemplateId, String scheduleId) {
        find(itemId, jobTemplateId, scheduleId);
        store.delete(itemId, scheduleId);
    }

    public List<ObjectNode> runs(String itemId, String jobTemplateId, String scheduleId) {
        find(itemId, jobTemplateId, scheduleId);
        return store.runs(itemId, scheduleId);
    }

    static Instant firstRun(Timing timing, Instant now) {
        Optional<Instant> first = timing.firstRun(now);
        if (first.isEmpty()) {
            throw Refusal.invalid("Expression '" + timing.expression() + "' has no occurrence after " + now, "expression");
        }
        return first.get();
    }

    static boolean enabled(JsonNode body, boolean current) {
        JsonNode node = body.get("enabled");
        if (node == null || node.isNull()) {
            return current;
        }
        if (!node.isBoolean()) {
            throw Refusal.invalid("Field 'enabled' must be true or false", "enabled");
        }
        return node.asBoolean();
    }

    static ObjectNode view(RecurringStore.Stored stored) {
        ObjectNode view = stored.definition().deepCopy();
        if (stored.nextRun() != null) {
            view.put("nextRun", stored.nextRun().toString());
        }
        if (stored.lastRun() != null) {
            view.put("lastRun", stored.lastRun());
        }
        view.put("revision", stored.revision());
        return view;
    }

    private RecurringStore.Stored find(String itemId, String jobTemplateId, String scheduleId) {
        return store.get(itemId, scheduleId)
                .filter(stored -> stored.definition().path("jobTemplateId").asText().equals(jobTemplateId))
                .orElseThrow(() -> Refusal.notFound("Schedule " + scheduleId + " does not exist for job template " + jobTemplateId,
                        "scheduleId"));
    }
}
