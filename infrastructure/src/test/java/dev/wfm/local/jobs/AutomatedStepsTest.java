package dev.wfm.local.jobs;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.wfm.local.Await;
import dev.wfm.local.TestCloud;
import dev.wfm.local.TestTable;
import dev.wfm.local.scheduler.LocalScheduler;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Steps that run by themselves or on time: web requests, wait, createJob, and holds released on schedule. */
class AutomatedStepsTest {
    private final JobsDriver driver = new JobsDriver();

    @Test
    void aWaitStepEndsAtTheFirstTickAtOrAfterItsTime() throws Exception {
        String diagramId = driver.diagram(JobsDriver.MAPPER.readTree("""
                {"name": "Cooling off", "start": "sign",
                 "steps": [{"id": "sign", "name": "Sign", "type": "manual"},
                           {"id": "cool", "name": "Cooling-off period", "type": "wait", "seconds": 3600},
                           {"id": "file", "name": "File", "type": "manual"},
                           {"id": "end", "name": "End", "type": "end"}],
                 "paths": [{"from": "sign", "to": "cool"}, {"from": "cool", "to": "file"}, {"from": "file", "to": "end"}]}"""));
        String jobId = driver.job(driver.template(diagramId, ""));
        driver.awaitCurrent(jobId, "sign");
        Instant finished = Instant.now();
        driver.finishOk(jobId, "sign", null);
        JsonNode waiting = driver.awaitCurrent(jobId, "cool");
        assertEquals("Working", JobsDriver.step(waiting, "cool").path("status").asText());

        tick(finished.plus(Duration.ofMinutes(30)));
        JobsDriver.sleep(200);
        assertEquals(java.util.Set.of("cool"), JobsDriver.currentSteps(driver.get(jobId)), "half an hour in, still waiting");
        tick(finished.plus(Duration.ofMinutes(61)));
        driver.awaitCurrent(jobId, "file");
        assertTrue(driver.historyActions(jobId).contains("WaitEnded:cool"));
    }

    @Test
    void aHoldIsReleasedByTheFirstTickAtOrAfterItsScheduledRelease() throws Exception {
        String diagramId = driver.diagram(JobsDriver.exampleDiagram("http://127.0.0.1:9/notify"));
        String jobId = driver.job(driver.template(diagramId, ""));
        driver.awaitCurrent(jobId, "define");
        Instant release = Instant.now().plus(Duration.ofHours(2)).truncatedTo(java.time.temporal.ChronoUnit.SECONDS);
        driver.act(jobId, driver.admin, "{\"type\": \"Hold\", \"stepIds\": [\"define\"], \"scheduledRelease\": \"" + release + "\"}");

        tick(release.minusSeconds(60));
        assertEquals("Held", JobsDriver.step(driver.get(jobId), "define").path("status").asText());
        tick(release);
        JsonNode released = driver.get(jobId);
        assertEquals("Ready", JobsDriver.step(released, "define").path("status").asText());
        assertTrue(released.path("holds").isEmpty());
        assertTrue(driver.historyActions(jobId).contains("HoldReleasedOnSchedule:define"));
        tick(release.plusSeconds(60));
        assertEquals(1, driver.historyActions(jobId).stream().filter("HoldReleasedOnSchedule:define"::equals).count(),
                "a later tick finds nothing left to release");
    }

    /** A template of one manual step "do", for the child jobs createJob steps make. */
    private String childTemplate() throws Exception {
        return driver.template(driver.diagram(JobsDriver.MAPPER.readTree("""
                {"name": "Child", "start": "do", "steps": [{"id": "do", "name": "Do", "type": "manual"},
                  {"id": "end", "name": "End", "type": "end"}], "paths": [{"from": "do", "to": "end"}]}""")), "");
    }

    @Test
    void aCreateJobStepCreatesAChildJobAndMovesOn() throws Exception {
        String childTemplate = childTemplate();
        String parentDiagram = driver.diagram(JobsDriver.MAPPER.readTree("""
                {"name": "Parent", "start": "spawn",
                 "steps": [{"id": "spawn", "name": "Spawn", "type": "createJob", "jobTemplateId": "%s"},
                           {"id": "review", "name": "Review", "type": "manual"}, {"id": "end", "name": "End", "type": "end"}],
                 "paths": [{"from": "spawn", "to": "review"}, {"from": "review", "to": "end"}]}""".formatted(childTemplate)));
        var created = driver.api.post(driver.path("/jobs"), driver.admin,
                "{\"jobTemplateId\": \"" + driver.template(parentDiagram, "") + "\"}");
        assertTrue(created.body().path("autoExecuted").asBoolean(), "the first step runs by itself");
        String parent = created.body().path("jobIds").path(0).asText();
        driver.awaitCurrent(parent, "review");

        JsonNode history = driver.api.get(driver.path("/jobs/" + parent + "/history"), driver.admin).body();
        String child = null;
        for (JsonNode entry : history) {
            if (entry.path("action").asText().equals("ChildJobCreated")) {
                child = entry.path("details").path("jobIds").path(0).asText();
            }
        }
        assertFalse(child == null || child.isEmpty(), "the parent's history names the child: " + history);
        driver.awaitCurrent(child, "do");
    }

    @Test
    void aCreateJobStepWaitingForCloseFinishesWhenItsChildCompletes() throws Exception {
        String childTemplate = childTemplate();
        String parentDiagram = driver.diagram(JobsDriver.MAPPER.readTree("""
                {"name": "Parent", "start": "spawn",
                 "steps": [{"id": "spawn", "name": "Spawn and wait", "type": "createJob", "jobTemplateId": "%s", "waitForClose": true},
                           {"id": "review", "name": "Review", "type": "manual"}, {"id": "end", "name": "End", "type": "end"}],
                 "paths": [{"from": "spawn", "to": "review"}, {"from": "review", "to": "end"}]}""".formatted(childTemplate)));
        String parent = driver.job(driver.template(parentDiagram, ""));
        JsonNode waiting = driver.awaitCurrent(parent, "spawn");
        assertEquals("Working", JobsDriver.step(waiting, "spawn").path("status").asText());
        // current from the moment the worker starts it, the step waits for its child once the child is created
        Await.until(() -> driver.historyActions(parent).contains("WaitingForChildJob:spawn"), 20_000, "the parent to wait for its child");
        String child = null;
        for (JsonNode entry : driver.api.get(driver.path("/jobs/" + parent + "/history"), driver.admin).body()) {
            if (entry.path("action").asText().equals("WaitingForChildJob")) {
                child = entry.path("details").path("childJobId").asText();
            }
        }
        driver.awaitCurrent(child, "do");
        JobsDriver.sleep(200);
        assertEquals(java.util.Set.of("spawn"), JobsDriver.currentSteps(driver.get(parent)), "the parent waits while the child is open");
        driver.finishOk(child, "do", null);
        driver.awaitClosed(child);
        driver.awaitCurrent(parent, "review");
        assertTrue(driver.historyActions(parent).contains("ChildJobClosed:spawn"));
    }

    /** A job whose first step calls {@code url} with {@code extra} fields on the step, then waits at a manual review. */
    private String webRequestJob(String url, String extra) throws Exception {
        String diagramId = driver.diagram(JobsDriver.MAPPER.readTree("""
                {"name": "Notify first", "start": "notify",
                 "steps": [{"id": "notify", "name": "Notify", "type": "webRequest",
                            "request": {"method": "POST", "url": "%s", "body": "{\\"hello\\": 1}"}%s},
                           {"id": "review", "name": "Review", "type": "manual"}, {"id": "end", "name": "End", "type": "end"}],
                 "paths": [{"from": "notify", "to": "review"}, {"from": "review", "to": "end"}]}""".formatted(url, extra)));
        return driver.job(driver.template(diagramId, ""));
    }

    private JsonNode awaitFailed(String jobId, String stepId) {
        JsonNode job = driver.await(jobId, current -> JobsDriver.currentSteps(current).contains(stepId)
                && "Failed".equals(JobsDriver.step(current, stepId).path("status").asText()), stepId + " Failed");
        return JobsDriver.step(job, stepId);
    }

    private JsonNode historyEntry(String jobId, String action, String stepId) {
        for (JsonNode entry : driver.api.get(driver.path("/jobs/" + jobId + "/history"), driver.admin).body()) {
            if (entry.path("action").asText().equals(action) && entry.path("stepId").asText().equals(stepId)) {
                return entry;
            }
        }
        throw new AssertionError("no " + action + " of " + stepId + " in the history of " + jobId);
    }

    @Test
    void aWebRequestAnsweringServerErrorsIsRetriedWithBackoffAndItsSuccessIsRecorded() throws Exception {
        try (NotifyServer server = new NotifyServer()) {
            server.nextStatuses.addAll(List.of(503, 429));
            String jobId = webRequestJob(server.url(), ", \"retry\": {\"maxAttempts\": 3, \"intervalSeconds\": 1, \"backoffRate\": 1}");
            driver.awaitCurrent(jobId, "review");
            assertEquals(3, server.bodies.size(), "two transient failures, then the answer");
            JsonNode finished = historyEntry(jobId, "StepFinished", "notify");
            assertEquals("system", finished.path("user").asText());
            JsonNode details = finished.path("details");
            assertEquals(200, details.path("statusCode").asInt(), finished.toString());
            assertEquals("200", details.path("returnCode").asText());
            assertEquals(3, details.path("attempt").asInt());
            assertEquals("POST " + server.url(), details.path("request").asText());
            assertTrue(details.path("durationMs").isIntegralNumber() && finished.has("durationSeconds"), finished.toString());
            assertFalse(driver.historyActions(jobId).contains("StepFailed:notify"));
        }
    }

    @Test
    void aWebRequestAnsweredWithAClientErrorFailsAtOnceSayingWhatWasCalledAndWhatCameBack() throws Exception {
        try (NotifyServer server = new NotifyServer()) {
            server.status.set(404);
            String jobId = webRequestJob(server.url(), "");
            JsonNode failed = awaitFailed(jobId, "notify");
            assertEquals("POST " + server.url() + " answered HTTP 404: {\"delivered\": true}", failed.path("error").asText());
            assertEquals(1, server.bodies.size(), "a 4xx answer is not retried");
            assertEquals(failed.path("error").asText(), historyEntry(jobId, "StepFailed", "notify").path("details").path("error").asText());
        }
    }

    @Test
    void aWebRequestThatGetsNoConnectionIsRetriedThenFailsSayingSo() throws Exception {
        int closedPort;
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getByName("127.0.0.1"))) {
            closedPort = socket.getLocalPort();
        }
        String url = "http://127.0.0.1:" + closedPort + "/notify?token=s3cret";
        String jobId = webRequestJob(url, ", \"retry\": {\"maxAttempts\": 2, \"intervalSeconds\": 1}");
        String error = awaitFailed(jobId, "notify").path("error").asText();
        assertEquals("POST http://127.0.0.1:" + closedPort + "/notify?… failed: the connection to 127.0.0.1:" + closedPort
                + " was refused (attempt 2 of 2)", error);
    }

    @Test
    void aWebRequestToAnInsideAddressTheDeploymentDoesNotAllowIsRefusedAndNeverMade() throws Exception {
        // The local cloud allows localhost and 127.0.0.1 by name (its OutboundAllowedHosts); 127.0.0.2 is loopback too, and not allowed.
        try (NotifyServer inside = new NotifyServer("127.0.0.2")) {
            String jobId = webRequestJob(inside.url(), "");
            String error = awaitFailed(jobId, "notify").path("error").asText();
            assertEquals("POST " + inside.url() + " was not made: 127.0.0.2 is a loopback address; outbound calls may not reach "
                    + "the inside of the deployment. Call a public address, or ask the operator to allow the host with the "
                    + "OutboundAllowedHosts deployment parameter.", error);
            assertEquals(List.of(), inside.bodies);
        }
    }

    @Test
    void secretHeadersReachTheServiceButNoReaderOtherThanAnAdminNorTheDefinition() throws Exception {
        try (NotifyServer server = new NotifyServer()) {
            String diagramId = driver.diagram(JobsDriver.MAPPER.readTree("""
                    {"name": "Authorised", "start": "notify",
                     "steps": [{"id": "notify", "name": "Notify", "type": "webRequest",
                                "request": {"method": "POST", "url": "%s", "headers": {"Authorization": "Bearer s3cret-t0ken",
                                            "X-Signing": {"value": "k3y-value", "secret": true}, "X-Plain": "visible"}}},
                               {"id": "review", "name": "Review", "type": "manual"}, {"id": "end", "name": "End", "type": "end"}],
                     "paths": [{"from": "notify", "to": "review"}, {"from": "review", "to": "end"}]}""".formatted(server.url())));
            String jobId = driver.job(driver.template(diagramId, ""));
            driver.awaitCurrent(jobId, "review");
            assertEquals(List.of("Bearer s3cret-t0ken"), server.authorizations);

            String worker = driver.cloud.token("wanda", List.of("workers"));
            JsonNode seen = driver.api.get(driver.path("/diagrams/" + diagramId), worker).body();
            JsonNode headers = seen.path("steps").get(0).path("request").path("headers");
            assertEquals("{\"Authorization\":{\"secret\":true},\"X-Signing\":{\"secret\":true},\"X-Plain\":\"visible\"}",
                    headers.toString());
            JsonNode forAdmin = driver.api.get(driver.path("/diagrams/" + diagramId), driver.admin).body()
                    .path("steps").get(0).path("request").path("headers");
            assertEquals("Bearer s3cret-t0ken", forAdmin.path("Authorization").path("value").asText());
            for (String token : List.of(worker, driver.admin)) {
                String definition = driver.api.get(driver.path("/diagrams/" + diagramId + "/definition"), token).body().toString();
                assertFalse(definition.contains("s3cret") || definition.contains("k3y-value"), definition);
            }
            String history = driver.api.get(driver.path("/jobs/" + jobId + "/history"), driver.admin).body().toString();
            assertFalse(history.contains("s3cret") || history.contains("k3y-value"), history);
            String stored = TestCloud.tableText();
            assertFalse(stored.contains("s3cret-t0ken") || stored.contains("k3y-value"), "the table holds no secret in clear");
        }
    }

    @Test
    void aWaitWhoseUntilGivesNoTimeFailsSayingWhatItGave() throws Exception {
        String diagramId = driver.diagram(JobsDriver.MAPPER.readTree("""
                {"name": "Until", "start": "cool",
                 "steps": [{"id": "cool", "name": "Cool", "type": "wait", "until": "{% 'next ' & 'Tuesday' %}"},
                           {"id": "file", "name": "File", "type": "manual"}, {"id": "end", "name": "End", "type": "end"}],
                 "paths": [{"from": "cool", "to": "file"}, {"from": "file", "to": "end"}]}"""));
        String jobId = driver.job(driver.template(diagramId, ""));
        assertEquals("The until of step 'cool' gave 'next Tuesday', which is not an ISO-8601 time with offset such as 2030-01-31T17:00:00Z",
                awaitFailed(jobId, "cool").path("error").asText());
    }

    @Test
    void aCreateJobStepWhoseTemplateIsGoneFailsNamingIt() throws Exception {
        String childTemplate = childTemplate();
        String parentDiagram = driver.diagram(JobsDriver.MAPPER.readTree("""
                {"name": "Parent", "start": "spawn",
                 "steps": [{"id": "spawn", "name": "Spawn", "type": "createJob", "jobTemplateId": "%s"},
                           {"id": "review", "name": "Review", "type": "manual"}, {"id": "end", "name": "End", "type": "end"}],
                 "paths": [{"from": "spawn", "to": "review"}, {"from": "review", "to": "end"}]}""".formatted(childTemplate)));
        String parentTemplate = driver.template(parentDiagram, "");
        assertEquals(409, driver.api.send("DELETE", driver.path("/job-templates/" + childTemplate), driver.admin, null).status(),
                "a template a diagram names is not deleted");
        // gone all the same, as a delete racing the diagram's publication could leave it
        TestTable.delete("ITEM#" + driver.itemId, "TEMPLATE#" + childTemplate);
        String error = awaitFailed(driver.job(parentTemplate), "spawn").path("error").asText();
        assertTrue(error.startsWith("Step 'spawn' could not create its child job: ") && error.contains(childTemplate), error);
        assertFalse(error.contains("dev.wfm") || error.contains("Exception"), error);
    }

    private void tick(Instant time) {
        LocalScheduler scheduler = driver.cloud.scheduler();
        var result = scheduler.fire(scheduler.rules().get(0), time);
        assertEquals(null, result.functionError(), new String(result.payload()));
    }
}
