package dev.wfm.local.jobs;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.wfm.local.ApiClient;
import dev.wfm.local.RecordingServer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** A web request step's outputs: kept with the job, read by later conditions and templates, shown in history and at .../output. */
class StepOutputsTest {
    private final JobsDriver driver = new JobsDriver();
    private RecordingServer permits;

    @BeforeEach
    void permitService() {
        permits = new RecordingServer("127.0.0.1", "/permits", "{\"id\": \"P-1\", \"fee\": 120}");
        permits.status.set(201);
        permits.answerHeaders.put("Location", permits.url() + "/P-1");
    }

    @AfterEach
    void stop() {
        permits.close();
    }

    @Test
    void outputsRouteTheJobFeedTheNextRequestAndAreReadableAfterwards() throws Exception {
        ObjectNode diagram = (ObjectNode) JobsDriver.MAPPER.readTree("""
                {"name": "Permit filing", "start": "register",
                 "steps": [{"id": "register", "name": "Register permit", "type": "webRequest",
                            "request": {"method": "POST", "url": "%1$s", "body": "{}"},
                            "outputs": {"permitId": "{%% $response.body.id %%}", "location": "{%% $response.headers.location %%}",
                                        "nothing": "{%% $response.body.absent %%}"}},
                           {"id": "confirm", "name": "Confirm permit", "type": "webRequest",
                            "request": {"method": "POST", "url": "%1$s",
                                        "body": "{%% '{\\"confirm\\": \\"' & $job.outputs.register.permitId & '\\"}' %%}"}},
                           {"id": "other", "name": "Sort out", "type": "manual"},
                           {"id": "review", "name": "Review", "type": "manual"},
                           {"id": "end", "name": "End", "type": "end"}],
                 "paths": [{"from": "register", "to": "confirm", "condition": "{%% $job.outputs.register.permitId = 'P-1' %%}"},
                           {"from": "register", "to": "other"},
                           {"from": "confirm", "to": "review"}, {"from": "other", "to": "end"}, {"from": "review", "to": "end"}]}
                """.formatted(permits.url()));
        String jobId = driver.job(driver.template(driver.diagram(diagram), ""));

        driver.awaitCurrent(jobId, "review");

        assertEquals(2, permits.received.size());
        assertEquals("{\"confirm\": \"P-1\"}", permits.received.get(1).body(), "the next request's template read the output");
        ApiClient.Response output = driver.api.get(driver.path("/jobs/" + jobId + "/steps/register/output"), driver.admin);
        assertEquals(200, output.status(), output.body().toString());
        JsonNode registered = output.body().path("output");
        assertEquals(201, registered.path("statusCode").asInt());
        assertEquals("P-1", registered.path("permitId").asText());
        assertEquals(permits.url() + "/P-1", registered.path("location").asText());
        assertFalse(registered.has("nothing"), "an output that gives nothing is left out");
        assertEquals(registered, driver.get(jobId).path("outputs").path("register"));
        assertEquals(1, driver.get(jobId).path("outputs").path("confirm").size(), "a step without outputs keeps its status code: "
                + driver.get(jobId).path("outputs"));
        JsonNode finished = null;
        for (JsonNode entry : driver.api.get(driver.path("/jobs/" + jobId + "/history"), driver.admin).body()) {
            if (entry.path("action").asText().equals("StepFinished") && entry.path("stepId").asText().equals("register")) {
                finished = entry;
            }
        }
        assertEquals(registered, finished.path("details").path("output"), "the history shows what the step gave");
        assertEquals(404, driver.api.get(driver.path("/jobs/" + jobId + "/steps/review/output"), driver.admin).status(),
                "a person's step gives none");
    }

    @Test
    void outputsAreCheckedWhenTheDiagramIsSaved() throws Exception {
        ObjectNode diagram = (ObjectNode) JobsDriver.MAPPER.readTree("""
                {"name": "Bad outputs", "start": "call",
                 "steps": [{"id": "call", "name": "Call", "type": "webRequest", "request": {"method": "GET", "url": "https://example.org"},
                            "outputs": {"statusCode": "{% 1 %}", "plain": "literal", "broken": "{% $response. %}"}},
                           {"id": "end", "name": "End", "type": "end"}],
                 "paths": [{"from": "call", "to": "end"}]}""");
        ApiClient.Response refused = driver.api.post(driver.path("/diagrams"), driver.admin, diagram.toString());
        assertEquals(400, refused.status(), refused.body().toString());
        String details = refused.body().path("details").toString();
        assertTrue(details.contains("an output named statusCode") && details.contains("outputs.plain") && details.contains("outputs.broken"),
                details);

        ((ObjectNode) diagram.path("steps").get(0).path("outputs")).removeAll().putArray("list").add("x");
        ApiClient.Response shape = driver.api.post(driver.path("/diagrams"), driver.admin, diagram.toString());
        assertEquals("steps[0].outputs.list", shape.body().path("details").get(0).path("target").asText(), shape.body().toString());
    }
}
