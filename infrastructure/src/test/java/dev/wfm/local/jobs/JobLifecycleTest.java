package dev.wfm.local.jobs;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.wfm.local.ApiClient;
import dev.wfm.local.TestTable;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/** Close, reopen, pause, resume, upgrade, update and delete, through the local cloud. */
class JobLifecycleTest {
    private final JobsDriver driver = new JobsDriver();
    private NotifyServer notify;
    private String diagramId;
    private String templateId;

    @BeforeEach
    void diagramAndTemplate() throws Exception {
        notify = new NotifyServer();
        diagramId = driver.diagram(JobsDriver.exampleDiagram(notify.url()));
        templateId = driver.template(diagramId, "");
    }

    @AfterEach
    void stopServer() {
        notify.close();
    }

    @Test
    void aClosedJobRefusesActionsAndReopensWhereItClosed() {
        String jobId = atReview();
        ApiClient.Response closed = driver.api.post(driver.path("/jobs/close"), driver.admin, "{\"jobIds\": [\"" + jobId + "\"]}");
        assertEquals(200, closed.status(), closed.body().toString());
        assertTrue(closed.body().path("success").asBoolean());
        JsonNode job = driver.get(jobId);
        assertTrue(job.path("closed").asBoolean());
        ApiClient.Response refused = driver.finish(jobId, "review", "yes");
        assertEquals(409, refused.status());
        assertEquals("JOB_CLOSED", refused.body().path("stepResponses").path(0).path("code").asText());
        assertEquals(driver.get(jobId).path("revision"), job.path("revision"), "a refused action writes nothing");

        ApiClient.Response again = driver.api.post(driver.path("/jobs/close"), driver.admin, "{\"jobIds\": [\"" + jobId + "\"]}");
        assertFalse(again.body().path("success").asBoolean());
        assertEquals("JOB_CLOSED", again.body().path("results").path(0).path("code").asText());

        assertEquals(200, driver.api.post(driver.path("/jobs/reopen"), driver.admin, "{\"jobIds\": [\"" + jobId + "\"]}").status());
        driver.awaitCurrent(jobId, "review");
        driver.finishOk(jobId, "review", "yes");
        driver.awaitCurrent(jobId, "edit");
    }

    @Test
    void closingSetsTheClosedStatusAndRecordsWhoClosedTheJobAndWhenAndReopeningGivesBackItsStatus() {
        String jobId = atReview();
        ApiClient.Response working = driver.api.send("PUT", driver.path("/jobs/" + jobId), driver.admin,
                "{\"revision\": " + driver.get(jobId).path("revision").asLong() + ", \"jobStatus\": \"In progress\"}");
        assertEquals(200, working.status(), working.body().toString());
        ApiClient.Response closedByHand = driver.api.send("PUT", driver.path("/jobs/" + jobId), driver.admin,
                "{\"revision\": " + driver.get(jobId).path("revision").asLong() + ", \"jobStatus\": \"Closed\"}");
        assertEquals(400, closedByHand.status(), "an open job cannot take the closed status: " + closedByHand.body());

        java.time.Instant before = java.time.Instant.now().minusSeconds(1);
        assertTrue(driver.api.post(driver.path("/jobs/close"), driver.admin, "{\"jobIds\": [\"" + jobId + "\"]}").body().path("success").asBoolean());
        JsonNode closed = driver.get(jobId);
        assertEquals("Closed", closed.path("jobStatus").asText(), closed.toString());
        assertEquals("admin", closed.path("closedBy").asText(), closed.toString());
        java.time.Instant closedDate = java.time.Instant.parse(closed.path("closedDate").asText());
        assertTrue(!closedDate.isBefore(before) && !closedDate.isAfter(java.time.Instant.now()), closed.toString());

        assertEquals(200, driver.api.post(driver.path("/jobs/reopen"), driver.admin, "{\"jobIds\": [\"" + jobId + "\"]}").status());
        JsonNode reopened = driver.get(jobId);
        assertEquals("In progress", reopened.path("jobStatus").asText(), reopened.toString());
        assertTrue(reopened.path("closedBy").isMissingNode() && reopened.path("closedDate").isMissingNode(), reopened.toString());

        ApiClient.Response statuses = driver.api.send("PUT", driver.path("/lookups/jobStatuses"), driver.admin,
                "{\"values\": [\"New\", \"In progress\", \"Done\"], \"closedValue\": \"Done\"}");
        assertEquals(200, statuses.status(), statuses.body().toString());
        driver.api.post(driver.path("/jobs/close"), driver.admin, "{\"jobIds\": [\"" + jobId + "\"]}");
        assertEquals("Done", driver.get(jobId).path("jobStatus").asText(), "the lookup's closed status");
    }

    @Test
    void aPausedJobKeepsItsStepsAndResumesAtThem() {
        String jobId = atReview();
        assertEquals(200, driver.api.post(driver.path("/jobs/pause"), driver.admin, "{\"jobIds\": [\"" + jobId + "\"]}").status());
        JsonNode paused = driver.get(jobId);
        assertTrue(paused.path("paused").asBoolean());
        assertEquals("Paused", JobsDriver.step(paused, "review").path("status").asText());
        assertEquals(409, driver.finish(jobId, "review", "yes").status());
        assertEquals(200, driver.api.post(driver.path("/jobs/resume"), driver.admin, "{\"jobIds\": [\"" + jobId + "\"]}").status());
        driver.await(jobId, job -> !job.path("paused").asBoolean() && JobsDriver.currentSteps(job).contains("review")
                && "Ready".equals(JobsDriver.step(job, "review").path("status").asText()), "resumed at review");
        driver.finishOk(jobId, "review", "no");
        driver.awaitClosed(jobId);
    }

    @Test
    void upgradeMovesOpenJobsToTheLatestVersionKeepingTheirStep() {
        String jobId = atReview();
        ObjectNode v2 = JobsDriver.exampleDiagram(notify.url());
        v2.put("name", "Address verification v2");
        assertEquals(200, driver.api.send("PUT", driver.path("/diagrams/" + diagramId), driver.admin, v2.toString()).status());
        ApiClient.Response upgraded = driver.api.post(driver.path("/jobs/upgrade"), driver.admin, "{\"jobIds\": [\"" + jobId + "\"]}");
        assertEquals(200, upgraded.status(), upgraded.body().toString());
        assertTrue(upgraded.body().path("success").asBoolean(), upgraded.body().toString());
        JsonNode job = driver.awaitCurrent(jobId, "review");
        assertEquals(2, job.path("diagramVersion").asInt());
        driver.finishOk(jobId, "review", "no");
        driver.awaitClosed(jobId);
    }

    @Test
    void upgradeRefusesAJobWhoseStepTheNewVersionLacks() {
        String jobId = atReview();
        String smaller = """
                {"name": "Smaller", "start": "define",
                 "steps": [{"id": "define", "name": "Define", "type": "manual"}, {"id": "done", "name": "Done", "type": "end"}],
                 "paths": [{"from": "define", "to": "done"}]}""";
        driver.api.send("PUT", driver.path("/diagrams/" + diagramId), driver.admin, smaller);
        ApiClient.Response upgraded = driver.api.post(driver.path("/jobs/upgrade"), driver.admin, "{\"jobIds\": [\"" + jobId + "\"]}");
        assertFalse(upgraded.body().path("success").asBoolean());
        assertEquals("STEP_NOT_IN_VERSION", upgraded.body().path("results").path(0).path("code").asText());
        assertEquals(1, driver.get(jobId).path("diagramVersion").asInt());
    }

    @Test
    void updatesAreGuardedByTheRevisionRead() {
        String jobId = atReview();
        long revision = driver.get(jobId).path("revision").asLong();
        ApiClient.Response updated = driver.api.send("PUT", driver.path("/jobs/" + jobId), driver.admin,
                "{\"revision\": " + revision + ", \"jobName\": \"Renamed\", \"priority\": \"Low\"}");
        assertEquals(200, updated.status(), updated.body().toString());
        assertEquals("Renamed", updated.body().path("jobName").asText());
        ApiClient.Response stale = driver.api.send("PUT", driver.path("/jobs/" + jobId), driver.admin,
                "{\"revision\": " + revision + ", \"jobName\": \"Again\"}");
        assertEquals(409, stale.status());
        assertEquals("CONFLICT", stale.code());
        assertEquals(400, driver.api.send("PUT", driver.path("/jobs/" + jobId), driver.admin,
                "{\"revision\": " + (revision + 1) + ", \"priority\": \"Whenever\"}").status());

        driver.act(jobId, driver.admin, "{\"type\": \"Run\", \"stepIds\": [\"review\"]}");
        long now = driver.get(jobId).path("revision").asLong();
        assertEquals(409, driver.api.send("PUT", driver.path("/jobs/" + jobId), driver.admin,
                "{\"revision\": " + now + ", \"jobName\": \"While working\"}").status());
        assertEquals(200, driver.api.send("PUT", driver.path("/jobs/" + jobId), driver.admin,
                "{\"revision\": " + now + ", \"jobName\": \"While working\", \"allowRunningStepId\": \"review\"}").status());
    }

    @Test
    void aNewJobIsAtItsFirstStepAtOnceAndTakesAnUpdateMadeWithTheRevisionReadRightAfter() {
        String jobId = driver.job(templateId);
        JsonNode created = driver.get(jobId);
        assertEquals(java.util.Set.of("define"), JobsDriver.currentSteps(created), created.toString());
        assertEquals("Ready", JobsDriver.step(created, "define").path("status").asText());

        ApiClient.Response updated = driver.api.send("PUT", driver.path("/jobs/" + jobId), driver.admin,
                "{\"revision\": " + created.path("revision").asLong() + ", \"jobName\": \"Renamed at once\"}");

        assertEquals(200, updated.status(), updated.body().toString());
        driver.finishOk(jobId, "define", null);
        assertEquals("Renamed at once", driver.awaitCurrent(jobId, "review").path("jobName").asText());
    }

    @Test
    void deletingAJobStopsItsExecutionAndRemovesEverything() {
        String jobId = atReview();
        ApiClient.Response comment = driver.api.post(driver.path("/jobs/" + jobId + "/comments"), driver.admin, "{\"comment\": \"on it\"}");
        assertEquals(201, comment.status());
        assertEquals("on it", driver.api.get(driver.path("/jobs/" + jobId + "/comments"), driver.admin).body().path(0).path("comment").asText());
        ApiClient.Response deleted = driver.api.post(driver.path("/jobs/delete"), driver.admin, "{\"jobIds\": [\"" + jobId + "\"]}");
        assertTrue(deleted.body().path("success").asBoolean(), deleted.body().toString());
        assertEquals(404, driver.api.get(driver.path("/jobs/" + jobId), driver.admin).status());
        assertEquals(404, driver.api.get(driver.path("/jobs/" + jobId + "/history"), driver.admin).status());
    }

    @Test
    void aDiagramWalkedByAJobCannotBeDeleted() {
        String jobId = atReview();
        assertEquals(204, driver.api.send("DELETE", driver.path("/job-templates/" + templateId), driver.admin, null).status());
        ApiClient.Response refused = driver.api.send("DELETE", driver.path("/diagrams/" + diagramId), driver.admin, null);
        assertEquals(409, refused.status());
        assertTrue(refused.body().path("message").asText().contains(jobId), refused.body().toString());
        driver.api.post(driver.path("/jobs/delete"), driver.admin, "{\"jobIds\": [\"" + jobId + "\"]}");
        assertEquals(204, driver.api.send("DELETE", driver.path("/diagrams/" + diagramId), driver.admin, null).status());
    }

    @Test
    void aChangesHistoryIsOneRecordOfItsEntriesAndARecordOfOneEntryAsEarlierVersionsWroteItStillShows() throws Exception {
        String jobId = driver.job(templateId);
        driver.awaitCurrent(jobId, "define");
        String pk = "ITEM#" + driver.itemId;
        List<Map<String, AttributeValue>> records = TestTable.records(pk, "JOB#" + jobId + "#H#");
        assertEquals(1, records.size(), "the creation is one change: " + records);
        assertEquals(List.of("JobCreated", "StepBecameCurrent"),
                JobsDriver.MAPPER.readTree(records.get(0).get("entries").s()).findValuesAsText("action"));
        assertEquals(List.of(jobId + "/1/0", jobId + "/1/1"),
                JobsDriver.MAPPER.readTree(records.get(0).get("events").s()).findValuesAsText("eventId"));

        String later = Instant.now().plusSeconds(60).toString();
        TestTable.put(Map.of("pk", AttributeValue.fromS(pk), "sk", AttributeValue.fromS("JOB#" + jobId + "#H#" + later + "#000#older"),
                "doc", AttributeValue.fromS("{\"action\":\"CommentAdded\",\"user\":\"amy\",\"date\":\"" + later + "\"}")));
        driver.finishOk(jobId, "define", null);
        driver.awaitCurrent(jobId, "review");

        JsonNode history = driver.api.get(driver.path("/jobs/" + jobId + "/history"), driver.admin).body();
        assertEquals(List.of("JobCreated", "StepBecameCurrent", "StepFinished", "StepBecameCurrent", "CommentAdded"),
                history.findValuesAsText("action"), "in time order, whichever record holds them: " + history);
    }

    private String atReview() {
        String jobId = driver.job(templateId);
        driver.awaitCurrent(jobId, "define");
        driver.finishOk(jobId, "define", null);
        driver.awaitCurrent(jobId, "review");
        return jobId;
    }
}
