package dev.wfm.local.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.wfm.local.ApiClient;
import dev.wfm.local.Fixtures;
import dev.wfm.local.LocalCloud;
import dev.wfm.local.RecordingServer;
import dev.wfm.local.TestCloud;
import dev.wfm.local.TestJobs;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** POST /items/{itemId}/web-requests/evaluate: a web request step tried for real before it is published. */
class WebRequestEvaluationTest {
    private final LocalCloud cloud = TestCloud.get();
    private final ApiClient api = TestCloud.api();
    private final String admin = cloud.adminToken();
    private RecordingServer service;
    private String itemId;

    @BeforeEach
    void itemAndService() {
        service = new RecordingServer("127.0.0.1", "/permits", "{\"id\": \"P-9\"}");
        service.status.set(201);
        itemId = api.post("/items", admin, "{\"name\": \"Try requests\", \"roles\": {\"admin\": [\"admins\"], \"worker\": [\"workers\"]}}")
                .created().path("itemId").asText();
    }

    @AfterEach
    void stop() {
        service.close();
    }

    @Test
    void aRequestIsRenderedWithTheJobSentOnceAndAnsweredWithWhatTheStepWouldGive() {
        String diagramId = api.post(path("/diagrams"), admin, Fixtures.text("diagrams/address-verification.json")).created()
                .path("diagramId").asText();
        String templateId = api.post(path("/job-templates"), admin, "{\"name\": \"T\", \"diagramId\": \"" + diagramId
                + "\", \"jobName\": \"Permit for Elm Street\"}").created().path("jobTemplateId").asText();
        String jobId = TestJobs.started(api, admin, itemId, templateId);

        ApiClient.Response tried = api.post(path("/web-requests/evaluate"), admin, """
                {"jobId": "%s", "request": {"method": "POST", "url": "%s",
                   "headers": {"Authorization": {"value": "Bearer s3cret", "secret": true}},
                   "body": "{%% '{\\"name\\": \\"' & $job.jobName & '\\"}' %%}"},
                 "outputs": {"permitId": "{%% $response.body.id %%}"}}""".formatted(jobId, service.url()));

        assertEquals(200, tried.status(), tried.body().toString());
        JsonNode answer = tried.body();
        assertEquals("{\"name\": \"Permit for Elm Street\"}", answer.path("request").path("body").asText());
        assertEquals("(secret)", answer.path("request").path("headers").path("Authorization").asText());
        assertTrue(!answer.toString().contains("s3cret"), "a secret value is never answered");
        assertEquals(201, answer.path("response").path("status").asInt());
        assertEquals("201", answer.path("returnCode").asText());
        assertEquals("P-9", answer.path("output").path("permitId").asText());
        assertEquals(1, service.received.size(), "sent once");
        assertEquals("Bearer s3cret", service.received.get(0).header("Authorization"), "the service gets the real value");
        assertEquals(null, service.received.get(0).idempotencyKey(), "a try is no run of a step");
    }

    @Test
    void aGuardedAddressIsNotCalledAFailingAnswerSaysWhyAndABadRequestIsRefusedWithItsProblems() {
        try (RecordingServer inside = new RecordingServer("127.0.0.2", "/x", "{}")) {
            JsonNode guarded = api.post(path("/web-requests/evaluate"), admin,
                    "{\"request\": {\"method\": \"GET\", \"url\": \"" + inside.url() + "\"}}").body();
            assertTrue(guarded.path("error").asText().contains("127.0.0.2"), guarded.toString());
            assertEquals(0, inside.received.size(), "the outbound guard refused it before any call");
        }
        service.status.set(503);
        JsonNode failing = api.post(path("/web-requests/evaluate"), admin, "{\"request\": {\"method\": \"GET\", \"url\": \"" + service.url()
                + "\"}}").body();
        assertTrue(failing.path("error").asText().contains("answered HTTP 503"), failing.toString());
        assertTrue(failing.path("retried").asBoolean(), "a run would try a 503 again");

        ApiClient.Response bad = api.post(path("/web-requests/evaluate"), admin,
                "{\"request\": {\"method\": \"FETCH\", \"url\": \"ftp://x\"}, \"outputs\": {\"a\": \"literal\"}}");
        assertEquals(400, bad.status());
        assertEquals(3, bad.body().path("details").size(), bad.body().toString());
        assertEquals(403, api.post(path("/web-requests/evaluate"), cloud.token("wendy", List.of("workers")),
                "{\"request\": {\"method\": \"GET\", \"url\": \"" + service.url() + "\"}}").status());
    }

    private String path(String rest) {
        return "/items/" + itemId + rest;
    }
}
