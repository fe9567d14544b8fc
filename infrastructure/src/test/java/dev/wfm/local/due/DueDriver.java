package dev.wfm.local.due;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.wfm.local.ApiClient;
import dev.wfm.local.Fixtures;
import dev.wfm.local.LocalCloud;
import dev.wfm.local.SchedulerTicks;
import dev.wfm.local.TestCloud;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * Drives due dates, holds and overdue jobs through the local cloud: HTTP as a client would, and
 * scheduler ticks as EventBridge events whose {@code time} the test chooses (hours ahead of the
 * real clock, so the local scheduler's own minutely ticks never reach the moments tested).
 */
final class DueDriver {
    static final ObjectMapper MAPPER = new ObjectMapper();
    /** One manual step, then the end. */
    static final String ONE_STEP = Fixtures.text("diagrams/inspection.json");

    final LocalCloud cloud = TestCloud.get();
    final ApiClient api = TestCloud.api();
    final String admin = cloud.adminToken();
    final String itemId;
    final String diagramId;

    DueDriver(String name) {
        itemId = api.post("/items", admin, "{\"name\": \"" + name + "\", \"roles\": {\"admin\": [\"admins\"], \"worker\": [\"workers\"]}}")
                .body().path("itemId").asText();
        ApiClient.Response diagram = api.post(path("/diagrams"), admin, ONE_STEP);
        assertEquals(201, diagram.status(), diagram.body().toString());
        diagramId = diagram.body().path("diagramId").asText();
    }

    String path(String suffix) {
        return "/items/" + itemId + suffix;
    }

    /** A template of the one-step diagram with these extra members (", \"dueDays\": 2"). */
    String template(String extraJson) {
        ApiClient.Response created = api.post(path("/job-templates"), admin,
                "{\"name\": \"Inspect\", \"diagramId\": \"" + diagramId + "\"" + extraJson + "}");
        assertEquals(201, created.status(), created.body().toString());
        return created.body().path("jobTemplateId").asText();
    }

    /** A job of the template, with these extra members of the create body. */
    String job(String templateId, String extraJson) {
        ApiClient.Response created = api.post(path("/jobs"), admin, "{\"jobTemplateId\": \"" + templateId + "\"" + extraJson + "}");
        assertEquals(201, created.status(), created.body().toString());
        return created.body().path("jobIds").path(0).asText();
    }

    JsonNode get(String jobId) {
        ApiClient.Response job = api.get(path("/jobs/" + jobId), admin);
        assertEquals(200, job.status(), job.body().toString());
        return job.body();
    }

    void act(String jobId, String json) {
        ApiClient.Response answer = api.post(path("/jobs/" + jobId + "/action"), admin, json);
        assertEquals(200, answer.status(), answer.body().toString());
    }

    void bulk(String action, String jobId) {
        ApiClient.Response answer = api.post(path("/jobs/" + action), admin, "{\"jobIds\": [\"" + jobId + "\"]}");
        assertEquals(200, answer.status(), answer.body().toString());
        assertEquals(true, answer.body().path("success").asBoolean(), answer.body().toString());
    }

    /** The job's history entries of one action, oldest first. */
    List<JsonNode> history(String jobId, String action) {
        ApiClient.Response history = api.get(path("/jobs/" + jobId + "/history"), admin);
        assertEquals(200, history.status(), history.body().toString());
        List<JsonNode> entries = new ArrayList<>();
        history.body().forEach(entry -> {
            if (entry.path("action").asText().equals(action)) {
                entries.add(entry);
            }
        });
        return entries;
    }

    /** One scheduler tick at {@code time}; the function's summary. */
    JsonNode tick(Instant time) {
        return SchedulerTicks.tick(time);
    }

    /** The first whole second at or after {@code time}: the scheduler's due index keeps whole seconds. */
    static Instant secondAtOrAfter(Instant time) {
        Instant second = time.truncatedTo(java.time.temporal.ChronoUnit.SECONDS);
        return second.equals(time) ? second : second.plusSeconds(1);
    }
}
