package dev.wfm.local.jobs;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.wfm.local.ApiClient;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Jobs of the api.md example diagram walk every path of it, through the local cloud. */
class ExampleDiagramWalkTest {
    private final JobsDriver driver = new JobsDriver();
    private NotifyServer notify;
    private String templateId;

    @BeforeEach
    void diagramAndTemplate() throws Exception {
        notify = new NotifyServer();
        String diagramId = driver.diagram(JobsDriver.exampleDiagram(notify.url()));
        templateId = driver.template(diagramId, ", \"priority\": \"High\"");
    }

    @AfterEach
    void stopServer() {
        notify.close();
    }

    @Test
    void answeringNoToTheReviewCompletesTheJob() {
        String jobId = driver.job(templateId);
        JsonNode job = driver.awaitCurrent(jobId, "define");
        assertEquals("Ready", JobsDriver.step(job, "define").path("status").asText());
        driver.finishOk(jobId, "define", null);
        JsonNode atReview = driver.awaitCurrent(jobId, "review");
        assertEquals(List.of("no", "yes").stream().sorted().toList(),
                List.of(JobsDriver.step(atReview, "review").path("answers").get(0).asText(),
                        JobsDriver.step(atReview, "review").path("answers").get(1).asText()).stream().sorted().toList());
        driver.finishOk(jobId, "review", "no");

        JsonNode closed = driver.awaitClosed(jobId);
        assertEquals("Completed", closed.path("jobStatus").asText());
        assertTrue(closed.path("currentSteps").isEmpty());
        assertEquals(List.of("JobCreated", "StepBecameCurrent:define", "StepFinished:define", "StepBecameCurrent:review",
                "StepFinished:review", "JobCompleted:done"), driver.historyActions(jobId));
    }

    @Test
    void theYesPathLoopsThroughQualityControlThenPublishesInParallelAndJoins() {
        String jobId = driver.job(templateId);
        driver.awaitCurrent(jobId, "define");
        driver.finishOk(jobId, "define", null);
        driver.awaitCurrent(jobId, "review");
        driver.finishOk(jobId, "review", "yes");

        JsonNode atEdit = driver.awaitCurrent(jobId, "edit");
        assertEquals("Group", JobsDriver.step(atEdit, "edit").path("assignedType").asText());
        assertEquals("editors", JobsDriver.step(atEdit, "edit").path("assignedTo").asText());
        ApiClient.Response byEditor = driver.act(jobId, driver.cloud.token("eddie", List.of("editors")),
                "{\"type\": \"Run\", \"stepIds\": [\"edit\"]}");
        assertEquals(200, byEditor.status(), byEditor.body().toString());
        assertEquals("Working", driver.get(jobId).path("currentSteps").path(0).path("status").asText());
        driver.act(jobId, driver.cloud.token("eddie", List.of("editors")), "{\"type\": \"Finish\", \"stepIds\": [\"edit\"]}");

        driver.awaitCurrent(jobId, "qa");
        driver.finishOk(jobId, "qa", "fail");
        driver.awaitCurrent(jobId, "edit");
        driver.finishOk(jobId, "edit", null);
        driver.awaitCurrent(jobId, "qa");
        driver.finishOk(jobId, "qa", "pass");
        driver.awaitCurrent(jobId, "publish");
        driver.finishOk(jobId, "publish", null);

        // notify runs by itself (a webRequest); archive waits for a person; done waits for both.
        driver.awaitCurrent(jobId, "archive");
        JobsDriver.sleep(200);
        assertFalse(driver.get(jobId).path("closed").asBoolean(), "the join waits for the archive branch");
        driver.finishOk(jobId, "archive", null);
        JsonNode closed = driver.awaitClosed(jobId);
        assertFalse(closed.has("pendingExecutionCalls"), "archive's receipt crossed the join with the end step's call: " + closed);
        assertEquals(1, notify.bodies.size());
        assertEquals("{\"job\":\"" + jobId + "\"}", notify.bodies.get(0).replace(" ", ""));
        List<String> history = driver.historyActions(jobId);
        assertEquals(2, history.stream().filter("StepFinished:qa"::equals).count(), "qa was answered twice (the loop)");
        assertEquals(2, history.stream().filter("StepFinished:edit"::equals).count());
        assertTrue(history.contains("JobCompleted:done"));
    }

    @Test
    void aFailedWebRequestShowsAsFailedAndIsRetriedThenSkipped() {
        notify.status.set(500);
        String jobId = driver.job(templateId);
        driver.walkToEdit(jobId);
        driver.finishOk(jobId, "edit", null);
        driver.awaitCurrent(jobId, "qa");
        driver.finishOk(jobId, "qa", "pass");
        driver.awaitCurrent(jobId, "publish");
        driver.finishOk(jobId, "publish", null);

        // current, Working, while the worker runs it; Failed once its tries are over
        JsonNode failed = driver.await(jobId, job -> JobsDriver.currentSteps(job).equals(Set.of("archive", "notify"))
                && "Failed".equals(JobsDriver.step(job, "notify").path("status").asText()), "notify failed");
        JsonNode notifyStep = JobsDriver.step(failed, "notify");
        assertTrue(notifyStep.path("error").asText().contains("500"), notifyStep.toString());

        ApiClient.Response retry = driver.act(jobId, driver.admin, "{\"type\": \"Run\", \"stepIds\": [\"notify\"]}");
        assertEquals(200, retry.status(), retry.body().toString());
        driver.await(jobId, job -> JobsDriver.currentSteps(job).contains("notify")
                && "Failed".equals(JobsDriver.step(job, "notify").path("status").asText())
                && notify.bodies.size() >= 2, "notify failed again after the retry");

        ApiClient.Response skip = driver.finish(jobId, "notify", null);
        assertEquals(200, skip.status(), skip.body().toString());
        driver.awaitCurrent(jobId, "archive");
        driver.finishOk(jobId, "archive", null);
        driver.awaitClosed(jobId);
        List<String> history = driver.historyActions(jobId);
        assertTrue(history.contains("StepFailed:notify"));
        assertTrue(history.contains("StepRetried:notify"));
        assertTrue(history.contains("StepSkipped:notify"));
    }
}
