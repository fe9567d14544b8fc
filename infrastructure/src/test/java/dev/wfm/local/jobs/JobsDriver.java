package dev.wfm.local.jobs;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.wfm.local.ApiClient;
import dev.wfm.local.Fixtures;
import dev.wfm.local.LocalCloud;
import dev.wfm.local.TestCloud;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Predicate;

/** Drives jobs through the local cloud's HTTP API as a client would, with the waiting that asynchrony needs. */
final class JobsDriver {
    static final ObjectMapper MAPPER = new ObjectMapper();
    final LocalCloud cloud = TestCloud.get();
    final ApiClient api = TestCloud.api();
    final String admin = cloud.adminToken();
    final String itemId;

    JobsDriver() {
        itemId = api.post("/items", admin, """
                {"name": "Jobs test", "roles": {"admin": ["admins"], "manager": ["managers"], "worker": ["workers", "editors"]}}""")
                .body().path("itemId").asText();
    }

    /** The api.md example diagram, its notify step calling {@code notifyUrl}. */
    static ObjectNode exampleDiagram(String notifyUrl) {
        try {
            ObjectNode diagram = (ObjectNode) MAPPER.readTree(Fixtures.text("diagrams/address-verification.json"));
            for (JsonNode step : diagram.path("steps")) {
                if (step.path("id").asText().equals("notify")) {
                    ((ObjectNode) step.path("request")).put("url", notifyUrl);
                }
            }
            return diagram;
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    String diagram(JsonNode diagram) {
        ApiClient.Response created = api.post(path("/diagrams"), admin, diagram.toString());
        assertEquals(201, created.status(), created.body().toString());
        return created.body().path("diagramId").asText();
    }

    String template(String diagramId, String extraJson) {
        ApiClient.Response created = api.post(path("/job-templates"), admin,
                "{\"name\": \"Verify address\", \"diagramId\": \"" + diagramId + "\"" + extraJson + "}");
        assertEquals(201, created.status(), created.body().toString());
        return created.body().path("jobTemplateId").asText();
    }

    String job(String templateId) {
        ApiClient.Response created = api.post(path("/jobs"), admin, "{\"jobTemplateId\": \"" + templateId + "\"}");
        assertEquals(201, created.status(), created.body().toString());
        return created.body().path("jobIds").path(0).asText();
    }

    JsonNode get(String jobId) {
        ApiClient.Response response = api.get(path("/jobs/" + jobId + "?holds=true"), admin);
        assertEquals(200, response.status(), response.body().toString());
        return response.body();
    }

    ApiClient.Response act(String jobId, String token, String json) {
        return api.post(path("/jobs/" + jobId + "/action"), token, json);
    }

    ApiClient.Response finish(String jobId, String stepId, String returnCode) {
        return act(jobId, admin, "{\"type\": \"Finish\", \"stepIds\": [\"" + stepId + "\"]"
                + (returnCode == null ? "" : ", \"returnCode\": \"" + returnCode + "\"") + "}");
    }

    void finishOk(String jobId, String stepId, String returnCode) {
        ApiClient.Response response = finish(jobId, stepId, returnCode);
        assertEquals(200, response.status(), response.body().toString());
    }

    /** Walks a new job of the api.md example to edit: define finished, review answered yes. */
    void walkToEdit(String jobId) {
        awaitCurrent(jobId, "define");
        finishOk(jobId, "define", null);
        awaitCurrent(jobId, "review");
        finishOk(jobId, "review", "yes");
        awaitCurrent(jobId, "edit");
    }

    /** Waits until the job's current steps are exactly {@code stepIds}; returns the job. */
    JsonNode awaitCurrent(String jobId, String... stepIds) {
        Set<String> expected = new TreeSet<>(List.of(stepIds));
        return await(jobId, job -> currentSteps(job).equals(expected), "current steps " + expected);
    }

    JsonNode awaitClosed(String jobId) {
        return await(jobId, job -> job.path("closed").asBoolean(), "closed");
    }

    JsonNode await(String jobId, Predicate<JsonNode> condition, String what) {
        long deadline = System.currentTimeMillis() + 20_000;
        JsonNode job = get(jobId);
        while (!condition.test(job)) {
            if (System.currentTimeMillis() > deadline) {
                throw new AssertionError("Job " + jobId + " never reached " + what + "; it is " + job);
            }
            sleep(20);
            job = get(jobId);
        }
        return job;
    }

    static Set<String> currentSteps(JsonNode job) {
        Set<String> ids = new TreeSet<>();
        job.path("currentSteps").forEach(step -> ids.add(step.path("stepId").asText()));
        return ids;
    }

    static JsonNode step(JsonNode job, String stepId) {
        for (JsonNode step : job.path("currentSteps")) {
            if (step.path("stepId").asText().equals(stepId)) {
                return step;
            }
        }
        throw new AssertionError("step " + stepId + " is not current in " + job);
    }

    List<String> historyActions(String jobId) {
        ApiClient.Response history = api.get(path("/jobs/" + jobId + "/history"), admin);
        assertEquals(200, history.status());
        List<String> actions = new ArrayList<>();
        for (JsonNode entry : (ArrayNode) history.body()) {
            actions.add(entry.path("action").asText() + (entry.hasNonNull("stepId") ? ":" + entry.path("stepId").asText() : ""));
        }
        return actions;
    }

    String path(String suffix) {
        return "/items/" + itemId + suffix;
    }

    static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
