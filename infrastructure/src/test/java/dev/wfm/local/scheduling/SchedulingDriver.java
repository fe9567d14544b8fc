package dev.wfm.local.scheduling;

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
 * Drives schedules and tasks through the local cloud: HTTP for the admin API, and scheduler
 * ticks as EventBridge events whose {@code time} the test chooses. Tests use times years ahead of
 * the real clock so the local scheduler's own minutely ticks never reach their schedules.
 */
final class SchedulingDriver {
    static final ObjectMapper MAPPER = new ObjectMapper();
    /** One manual step, then the end. */
    static final String SIMPLE_DIAGRAM = Fixtures.text("diagrams/inspection.json");

    final LocalCloud cloud = TestCloud.get();
    final ApiClient api = TestCloud.api();
    final String admin = cloud.adminToken();
    final String itemId;
    final String templateId;

    SchedulingDriver(String name) {
        itemId = api.post("/items", admin, "{\"name\": \"" + name + "\", \"roles\": {\"admin\": [\"admins\"], \"worker\": [\"workers\"]}}")
                .body().path("itemId").asText();
        ApiClient.Response diagram = api.post(path("/diagrams"), admin, SIMPLE_DIAGRAM);
        assertEquals(201, diagram.status(), diagram.body().toString());
        ApiClient.Response template = api.post(path("/job-templates"), admin,
                "{\"name\": \"Weekly inspection\", \"diagramId\": \"" + diagram.body().path("diagramId").asText() + "\"}");
        assertEquals(201, template.status(), template.body().toString());
        templateId = template.body().path("jobTemplateId").asText();
    }

    String path(String suffix) {
        return "/items/" + itemId + suffix;
    }

    String schedules() {
        return path("/job-templates/" + templateId + "/schedules");
    }

    String schedule(String json) {
        ApiClient.Response created = api.post(schedules(), admin, json);
        assertEquals(201, created.status(), created.body().toString());
        return created.body().path("scheduleId").asText();
    }

    String task(String json) {
        ApiClient.Response created = api.post(path("/tasks"), admin, json);
        assertEquals(201, created.status(), created.body().toString());
        return created.body().path("taskId").asText();
    }

    /** One scheduler tick at {@code time}; the function's summary. */
    JsonNode tick(Instant time) {
        return SchedulerTicks.tick(time);
    }

    /** The runs a tick summary reports for one schedule or task. */
    static List<JsonNode> runsOf(JsonNode summary, String kind, String id) {
        List<JsonNode> runs = new ArrayList<>();
        String field = kind.equals("schedules") ? "scheduleId" : "taskId";
        summary.path(kind).path("runs").forEach(run -> {
            if (run.path(field).asText().equals(id)) {
                runs.add(run);
            }
        });
        return runs;
    }

    static List<String> texts(JsonNode array) {
        List<String> values = new ArrayList<>();
        array.forEach(value -> values.add(value.asText()));
        return values;
    }

    void assertJobExists(String jobId) {
        ApiClient.Response job = api.get(path("/jobs/" + jobId), admin);
        assertEquals(200, job.status(), job.body().toString());
        assertEquals(templateId, job.body().path("jobTemplateId").asText());
    }
}
