package dev.wfm.local.scheduling;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.wfm.local.ApiClient;
import dev.wfm.local.RecordingServer;
import java.net.ServerSocket;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** Scheduled tasks end to end: created over HTTP, run by scheduler ticks, every run recorded. */
class ScheduledTasksTest {
    private static final SchedulingDriver DRIVER = new SchedulingDriver("Tasks test");
    private final List<String> created = new ArrayList<>();

    private String task(String json) {
        String id = DRIVER.task(json);
        created.add(id);
        return id;
    }

    @AfterEach
    void deleteTasks() {
        for (String id : created) {
            DRIVER.api.send("DELETE", DRIVER.path("/tasks/" + id), DRIVER.admin, null);
        }
    }

    private static JsonNode runs(String taskId) {
        ApiClient.Response runs = DRIVER.api.get(DRIVER.path("/tasks/" + taskId + "/runs"), DRIVER.admin);
        assertEquals(200, runs.status(), runs.body().toString());
        return runs.body().path("runs");
    }

    @Test
    void aCreateJobsTaskRecordsEachRunWithTheJobsItCreated() {
        String id = task("{\"title\": \"Nightly batch\", \"expression\": \"cron(30 2 * * ? *)\", \"timezone\": \"Europe/Berlin\","
                + " \"startAt\": \"2029-01-01T00:00:00Z\", \"action\": \"createJobs\","
                + " \"parameters\": {\"jobTemplateId\": \"" + DRIVER.templateId + "\", \"numberOfJobs\": 3}}");
        JsonNode summary = DRIVER.tick(Instant.parse("2029-01-01T01:30:00Z"));
        List<JsonNode> fired = SchedulingDriver.runsOf(summary, "tasks", id);
        assertEquals(1, fired.size(), summary.toString());
        DRIVER.tick(Instant.parse("2029-01-01T01:30:00Z"));
        DRIVER.tick(Instant.parse("2029-01-02T01:30:00Z"));
        JsonNode runs = runs(id);
        assertEquals(2, runs.size(), runs.toString());
        JsonNode first = runs.get(0);
        assertEquals("2029-01-01T01:30:00Z", first.path("occurrence").asText());
        assertEquals("20290101T013000Z", first.path("runId").asText());
        assertEquals("Succeeded", first.path("status").asText());
        assertTrue(first.has("startedAt") && first.has("endedAt"), first.toString());
        assertEquals(3, first.path("jobIds").size());
        assertEquals(SchedulingDriver.texts(fired.get(0).path("jobIds")), SchedulingDriver.texts(first.path("jobIds")));
        for (String jobId : SchedulingDriver.texts(first.path("jobIds"))) {
            DRIVER.assertJobExists(jobId);
        }
    }

    @Test
    void aCallUrlTaskRecordsTheAnswerAndAFailedCallIsRecordedAsFailedWithTheError() throws Exception {
        try (RecordingServer server = taskServer("127.0.0.1")) {
            String id = task("{\"title\": \"Refresh cache\", \"expression\": \"rate(1 hour)\", \"startAt\": \"2029-02-01T00:00:00Z\","
                    + " \"action\": \"callUrl\", \"parameters\": {\"url\": \"" + server.url() + "\", \"method\": \"PUT\","
                    + " \"headers\": {\"X-Task\": \"refresh\"}, \"body\": {\"scope\": \"all\"}}}");
            DRIVER.tick(Instant.parse("2029-02-01T00:00:00Z"));
            assertEquals(1, server.received.size());
            RecordingServer.Received call = server.received.get(0);
            assertEquals("PUT", call.method());
            assertEquals("{\"scope\":\"all\"}", call.body());
            assertEquals("refresh", call.header("X-Task"));
            assertEquals("task-" + id + "-2029-02-01T00:00:00Z", call.idempotencyKey());

            server.status.set(500);
            DRIVER.tick(Instant.parse("2029-02-01T01:00:00Z"));
            JsonNode runs = runs(id);
            assertEquals(2, runs.size(), runs.toString());
            assertEquals("Succeeded", runs.get(0).path("status").asText());
            assertEquals(200, runs.get(0).path("result").path("statusCode").asInt());
            assertEquals("{\"processed\": 42}", runs.get(0).path("result").path("body").asText());
            assertEquals("Failed", runs.get(1).path("status").asText());
            assertEquals("PUT " + server.url() + " answered HTTP 500: {\"processed\": 42}", runs.get(1).path("error").asText());
            assertTrue(runs.get(1).has("endedAt"));
        }
    }

    /**
     * Three callUrl tasks due at one tick reach a target that answers none of them until all three
     * have arrived: they succeed only if the tick calls them side by side, not one after another.
     */
    @Test
    void callUrlTasksDueTogetherAreCalledSideBySideSoASlowTargetDelaysOnlyItsOwnTask() throws Exception {
        java.util.concurrent.CountDownLatch allArrived = new java.util.concurrent.CountDownLatch(3);
        com.sun.net.httpserver.HttpServer gathering = com.sun.net.httpserver.HttpServer.create(
                new java.net.InetSocketAddress("127.0.0.1", 0), 16);
        gathering.setExecutor(java.util.concurrent.Executors.newCachedThreadPool());
        gathering.createContext("/gather", exchange -> {
            try (exchange) {
                allArrived.countDown();
                boolean together = allArrived.await(10, java.util.concurrent.TimeUnit.SECONDS);
                exchange.sendResponseHeaders(together ? 200 : 503, -1);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        });
        gathering.start();
        try {
            String url = "http://127.0.0.1:" + gathering.getAddress().getPort() + "/gather";
            List<String> ids = new ArrayList<>();
            for (int i = 0; i < 3; i++) {
                ids.add(task("{\"title\": \"Gather " + i + "\", \"expression\": \"rate(1 hour)\", \"startAt\": \"2029-05-01T00:00:00Z\","
                        + " \"action\": \"callUrl\", \"parameters\": {\"url\": \"" + url + "\", \"timeoutSeconds\": 20}}"));
            }
            DRIVER.tick(Instant.parse("2029-05-01T00:00:00Z"));
            for (String id : ids) {
                JsonNode run = runs(id).get(0);
                assertEquals("Succeeded", run.path("status").asText(), run.toString());
            }
        } finally {
            gathering.stop(0);
        }
    }

    @Test
    void aCallToAnUnreachableUrlIsRecordedAsFailed() throws Exception {
        int closedPort;
        try (ServerSocket socket = new ServerSocket(0)) {
            closedPort = socket.getLocalPort();
        }
        String id = task("{\"title\": \"Ping\", \"expression\": \"rate(1 hour)\", \"startAt\": \"2029-03-01T00:00:00Z\","
                + " \"action\": \"callUrl\", \"parameters\": {\"url\": \"http://127.0.0.1:" + closedPort + "/x\", \"timeoutSeconds\": 2}}");
        DRIVER.tick(Instant.parse("2029-03-01T00:00:00Z"));
        JsonNode run = runs(id).get(0);
        assertEquals("Failed", run.path("status").asText());
        assertEquals("POST http://127.0.0.1:" + closedPort + "/x failed: the connection to 127.0.0.1:" + closedPort + " was refused",
                run.path("error").asText());
    }

    @Test
    void aCallToAnInsideAddressTheDeploymentDoesNotAllowIsRefusedAndNeverMade() throws Exception {
        // The local cloud allows localhost and 127.0.0.1 by name; 127.0.0.2 is loopback too, and not allowed.
        try (RecordingServer inside = taskServer("127.0.0.2")) {
            String id = task("{\"title\": \"Probe\", \"expression\": \"rate(1 hour)\", \"startAt\": \"2029-05-01T00:00:00Z\","
                    + " \"action\": \"callUrl\", \"parameters\": {\"url\": \"" + inside.url() + "?key=s3cret\"}}");
            DRIVER.tick(Instant.parse("2029-05-01T00:00:00Z"));
            JsonNode run = runs(id).get(0);
            assertEquals("Failed", run.path("status").asText());
            assertEquals("POST " + inside.url() + "?… was not made: 127.0.0.2 is a loopback address; outbound calls may not reach the "
                    + "inside of the deployment. Call a public address, or ask the operator to allow the host with the "
                    + "OutboundAllowedHosts deployment parameter.", run.path("error").asText());
            assertEquals(List.of(), inside.received);
        }
    }

    @Test
    void secretHeadersOfACallUrlTaskAreSentButShownOnlyToAdmins() throws Exception {
        try (RecordingServer server = taskServer("127.0.0.1")) {
            String id = task("{\"title\": \"Keyed\", \"expression\": \"rate(1 hour)\", \"startAt\": \"2029-06-01T00:00:00Z\","
                    + " \"action\": \"callUrl\", \"parameters\": {\"url\": \"" + server.url() + "\", \"headers\": {"
                    + "\"X-Api-Key\": \"k3y-s3cret\", \"X-Task\": {\"value\": \"hidden-too\", \"secret\": true}}}}");
            DRIVER.tick(Instant.parse("2029-06-01T00:00:00Z"));
            assertEquals("k3y-s3cret", server.received.get(0).header("X-Api-Key"));
            assertEquals("hidden-too", server.received.get(0).header("X-Task"));

            String worker = DRIVER.cloud.token("wanda", List.of("workers"));
            JsonNode shown = DRIVER.api.get(DRIVER.path("/tasks/" + id), worker).body();
            assertEquals("{\"X-Api-Key\":{\"secret\":true},\"X-Task\":{\"secret\":true}}", shown.path("parameters").path("headers").toString());
            String listed = DRIVER.api.get(DRIVER.path("/tasks"), worker).body().toString();
            assertFalse(listed.contains("k3y-s3cret") || listed.contains("hidden-too"), listed);
            JsonNode forAdmin = DRIVER.api.get(DRIVER.path("/tasks/" + id), DRIVER.admin).body();
            assertEquals("k3y-s3cret", forAdmin.path("parameters").path("headers").path("X-Api-Key").path("value").asText());
            String stored = dev.wfm.local.TestCloud.tableText();
            assertFalse(stored.contains("k3y-s3cret") || stored.contains("hidden-too"), "the table holds no secret in clear");

            ApiClient.Response renamed = DRIVER.api.send("PUT", DRIVER.path("/tasks/" + id), DRIVER.admin,
                    "{\"title\": \"Keyed again\", \"action\": \"callUrl\"}");
            assertEquals(200, renamed.status(), renamed.body().toString());
            DRIVER.tick(Instant.parse("2029-06-01T01:00:00Z"));
            assertEquals("k3y-s3cret", server.received.get(1).header("X-Api-Key"), "an update that keeps the parameters keeps the secret");
        }
    }

    @Test
    void tasksAreListedUpdatedDisabledAndTheirRunsDeleted() {
        String id = task("{\"title\": \"Weekly report\", \"expression\": \"rate(1 day)\", \"startAt\": \"2029-04-01T00:00:00Z\","
                + " \"action\": \"createJobs\", \"parameters\": {\"jobTemplateId\": \"" + DRIVER.templateId + "\"}}");
        List<String> listed = new ArrayList<>();
        DRIVER.api.get(DRIVER.path("/tasks"), DRIVER.admin).body().path("tasks").forEach(task -> listed.add(task.path("taskId").asText()));
        assertEquals(List.of(id), listed);
        DRIVER.tick(Instant.parse("2029-04-01T00:00:00Z"));
        assertEquals(1, runs(id).size());

        ApiClient.Response renamed = DRIVER.api.send("PUT", DRIVER.path("/tasks/" + id), DRIVER.admin,
                "{\"title\": \"Daily report\", \"enabled\": false}");
        assertEquals(200, renamed.status(), renamed.body().toString());
        assertEquals("Daily report", renamed.body().path("title").asText());
        assertFalse(renamed.body().path("enabled").asBoolean());
        assertEquals(List.of(), SchedulingDriver.runsOf(DRIVER.tick(Instant.parse("2029-04-02T00:00:00Z")), "tasks", id));
        assertEquals(1, runs(id).size());

        String runId = runs(id).get(0).path("runId").asText();
        assertEquals(204, DRIVER.api.send("DELETE", DRIVER.path("/tasks/" + id + "/runs/" + runId), DRIVER.admin, null).status());
        assertEquals(0, runs(id).size());
        assertEquals(404, DRIVER.api.send("DELETE", DRIVER.path("/tasks/" + id + "/runs/" + runId), DRIVER.admin, null).status());
        assertEquals(204, DRIVER.api.send("DELETE", DRIVER.path("/tasks/" + id), DRIVER.admin, null).status());
        assertEquals(404, DRIVER.api.get(DRIVER.path("/tasks/" + id), DRIVER.admin).status());
    }

    @Test
    void invalidTasksAreRejectedAndCreateNothing() {
        String template = DRIVER.templateId;
        String[][] cases = {
                {"{\"expression\": \"rate(1 day)\", \"action\": \"callUrl\", \"parameters\": {\"url\": \"http://x.org\"}}", "title"},
                {"{\"title\": \"t\", \"expression\": \"cron(0 8 * * * *)\", \"action\": \"callUrl\", \"parameters\": {\"url\": \"http://x.org\"}}", "expression"},
                {"{\"title\": \"t\", \"expression\": \"rate(1 day)\", \"timezone\": \"Nowhere/City\", \"action\": \"callUrl\", \"parameters\": {\"url\": \"http://x.org\"}}", "timezone"},
                {"{\"title\": \"t\", \"expression\": \"rate(1 day)\", \"action\": \"launchRocket\", \"parameters\": {}}", "action"},
                {"{\"title\": \"t\", \"expression\": \"rate(1 day)\", \"action\": \"callUrl\", \"parameters\": {\"url\": \"file:///etc/passwd\"}}", "parameters.url"},
                {"{\"title\": \"t\", \"expression\": \"rate(1 day)\", \"action\": \"callUrl\", \"parameters\": {\"url\": \"http://x.org\", \"method\": \"TRACE\"}}", "parameters.method"},
                {"{\"title\": \"t\", \"expression\": \"rate(1 day)\", \"action\": \"callUrl\", \"parameters\": {\"url\": \"http://x.org\", \"timeoutSeconds\": 600}}", "parameters.timeoutSeconds"},
                {"{\"title\": \"t\", \"expression\": \"rate(1 day)\", \"action\": \"callUrl\", \"parameters\": {\"url\": \"http://x.org\", \"headers\": {\"X-A\": {\"value\": \"v\", \"secrete\": true}}}}", "parameters.headers.X-A.secrete"},
                {"{\"title\": \"t\", \"expression\": \"rate(1 day)\", \"action\": \"callUrl\", \"parameters\": {\"url\": \"http://x .org\"}}", "parameters.url"},
                {"{\"title\": \"t\", \"expression\": \"rate(1 day)\", \"action\": \"createJobs\", \"parameters\": {\"jobTemplateId\": \"nope\"}}", "parameters.jobTemplateId"},
                {"{\"title\": \"t\", \"expression\": \"rate(1 day)\", \"action\": \"createJobs\"}", "parameters"},
                {"{\"title\": \"t\", \"expression\": \"rate(1 day)\", \"action\": \"createJobs\", \"parameters\": {\"jobTemplateId\": \"" + template + "\", \"numberOfJobs\": -1}}", "parameters.numberOfJobs"},
        };
        for (String[] bad : cases) {
            ApiClient.Response response = DRIVER.api.post(DRIVER.path("/tasks"), DRIVER.admin, bad[0]);
            assertEquals(400, response.status(), bad[0] + " → " + response.body());
            assertEquals(bad[1], response.body().path("target").asText(), response.body().toString());
        }
        assertEquals(0, DRIVER.api.get(DRIVER.path("/tasks"), DRIVER.admin).body().path("tasks").size());
        assertEquals(404, DRIVER.api.get(DRIVER.path("/tasks/nope/runs"), DRIVER.admin).status());
    }

    /** A web service for callUrl tasks to call, on {@code host}. */
    private static RecordingServer taskServer(String host) {
        return new RecordingServer(host, "/run", "{\"processed\": 42}");
    }
}
