package dev.wfm.local.jobs;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.wfm.local.ApiClient;
import dev.wfm.local.TestJobs;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Step actions on the api.md example: holds, set current step, permissions, bad input, and the finish race. */
class StepActionsTest {
    private final JobsDriver driver = new JobsDriver();
    private NotifyServer notify;
    private String templateId;

    @BeforeEach
    void diagramAndTemplate() throws Exception {
        notify = new NotifyServer();
        templateId = driver.template(driver.diagram(JobsDriver.exampleDiagram(notify.url())), "");
    }

    @AfterEach
    void stopServer() {
        notify.close();
    }

    @Test
    void aHeldStepCannotBeFinishedUntilItsHoldIsReleased() {
        String jobId = driver.job(templateId);
        driver.awaitCurrent(jobId, "define");
        ApiClient.Response held = driver.act(jobId, driver.admin, """
                {"type": "Hold", "stepIds": ["define"], "scheduledRelease": "2099-01-01T08:00:00Z", "comment": "waiting for the survey"}""");
        assertEquals(200, held.status(), held.body().toString());
        JsonNode job = driver.get(jobId);
        assertEquals("Held", JobsDriver.step(job, "define").path("status").asText());
        assertEquals("2099-01-01T08:00:00Z", job.path("holds").path(0).path("scheduledRelease").asText());
        assertEquals("waiting for the survey", job.path("holds").path(0).path("comment").asText());

        ApiClient.Response refused = driver.finish(jobId, "define", null);
        assertEquals(409, refused.status());
        assertEquals("STEP_HELD", refused.body().path("stepResponses").path(0).path("code").asText());
        assertEquals("CONFLICT", refused.code());

        assertEquals(200, driver.act(jobId, driver.admin, "{\"type\": \"ReleaseHold\", \"stepIds\": [\"define\"]}").status());
        JsonNode released = driver.get(jobId);
        assertEquals("Ready", JobsDriver.step(released, "define").path("status").asText());
        assertTrue(released.path("holds").isEmpty());
        driver.finishOk(jobId, "define", null);
        driver.awaitCurrent(jobId, "review");
    }

    @Test
    void setCurrentStepCanJumpIntoAParallelBranch() {
        String jobId = driver.job(templateId);
        driver.awaitCurrent(jobId, "define");
        ApiClient.Response moved = driver.act(jobId, driver.admin, "{\"type\": \"SetCurrentStep\", \"stepId\": \"archive\"}");
        assertEquals(200, moved.status(), moved.body().toString());
        driver.awaitCurrent(jobId, "archive");
        driver.finishOk(jobId, "archive", null);
        driver.awaitClosed(jobId);
        assertTrue(notify.bodies.isEmpty(), "the sibling branch counts as finished: notify did not run");
        assertTrue(driver.historyActions(jobId).contains("CurrentStepSet:archive"));
    }

    @Test
    void workersActOnlyOnStepsAssignedToThemAndOutsidersSeeNoJob() {
        String jobId = driver.job(templateId);
        driver.walkToEdit(jobId);

        ApiClient.Response notEditor = driver.act(jobId, driver.cloud.token("wendy", List.of("workers")),
                "{\"type\": \"Finish\", \"stepIds\": [\"edit\"]}");
        assertEquals(403, notEditor.status());
        assertEquals("NOT_ASSIGNED", notEditor.body().path("stepResponses").path(0).path("code").asText());
        ApiClient.Response outsider = driver.act(jobId, driver.cloud.token("otto", List.of("outsiders")),
                "{\"type\": \"Finish\", \"stepIds\": [\"edit\"]}");
        assertEquals(404, outsider.status());
        assertEquals(404, driver.api.get(driver.path("/jobs/" + jobId), driver.cloud.token("otto", List.of("outsiders"))).status());
        driver.awaitCurrent(jobId, "edit");
        assertEquals(List.of(), driver.historyActions(jobId).stream().filter(a -> a.equals("StepFinished:edit")).toList());
    }

    @Test
    void badActionsAreRefusedAndChangeNothing() {
        String jobId = driver.job(templateId);
        driver.awaitCurrent(jobId, "define");
        driver.finishOk(jobId, "define", null);
        JsonNode before = driver.awaitCurrent(jobId, "review");

        ApiClient.Response wrongAnswer = driver.finish(jobId, "review", "maybe");
        assertEquals(400, wrongAnswer.status());
        assertEquals("INVALID_RETURN_CODE", wrongAnswer.body().path("stepResponses").path(0).path("code").asText());
        assertEquals(400, driver.act(jobId, driver.admin, "{\"type\": \"Teleport\"}").status());
        assertEquals(404, driver.finish(jobId, "nosuchstep", null).status());
        ApiClient.Response notCurrent = driver.finish(jobId, "qa", "pass");
        assertEquals(409, notCurrent.status());
        assertEquals("STEP_NOT_CURRENT", notCurrent.body().path("stepResponses").path(0).path("code").asText());
        assertEquals(404, driver.act("nosuchjob", driver.admin, "{\"type\": \"Finish\"}").status());
        assertEquals(400, driver.act(jobId, driver.admin, "{\"type\": ").status());

        JsonNode after = driver.get(jobId);
        assertEquals(before.path("revision").asLong(), after.path("revision").asLong(), "nothing changed");
    }

    @Test
    void aFinishWritesTheJobOnceAndTheNextStepsActivationClearsTheAnswerWithItsReceipt() {
        String jobId = driver.job(templateId);
        driver.awaitCurrent(jobId, "define");
        TestJobs.awaitEntered(driver.itemId, jobId);
        long entered = driver.get(jobId).path("revision").asLong();

        assertEquals(200, driver.finish(jobId, "define", null).status());
        driver.awaitCurrent(jobId, "review");
        TestJobs.awaitEntered(driver.itemId, jobId);

        JsonNode job = driver.get(jobId);
        assertFalse(job.has("pendingExecutionCalls"), "the answer's receipt came with the activation of review: " + job);
        assertEquals(entered + 2, job.path("revision").asLong(), "the Finish's write and the activation's, no write to clear the answer");
    }

    @Test
    void twentyConcurrentFinishesOfOneStepFinishItOnceAndTheJobAdvancesOnce() throws Exception {
        String jobId = driver.job(templateId);
        driver.awaitCurrent(jobId, "define");
        ExecutorService pool = Executors.newFixedThreadPool(20);
        CountDownLatch go = new CountDownLatch(1);
        List<Future<Integer>> results = new ArrayList<>();
        for (int i = 0; i < 20; i++) {
            Callable<Integer> finish = () -> {
                go.await();
                return driver.finish(jobId, "define", null).status();
            };
            results.add(pool.submit(finish));
        }
        go.countDown();
        List<Integer> statuses = new ArrayList<>();
        for (Future<Integer> result : results) {
            statuses.add(result.get());
        }
        pool.shutdown();
        assertEquals(1, statuses.stream().filter(status -> status == 200).count(), statuses.toString());
        assertEquals(19, statuses.stream().filter(status -> status == 409).count(), statuses.toString());
        driver.awaitCurrent(jobId, "review");
        JobsDriver.sleep(300);
        List<String> history = driver.historyActions(jobId);
        assertEquals(1, history.stream().filter("StepFinished:define"::equals).count());
        assertEquals(1, history.stream().filter("StepBecameCurrent:review"::equals).count(), history.toString());
    }

    @Test
    void aRetriedCreateWithTheSameIdempotencyKeyCreatesNothingMore() {
        String body = "{\"jobTemplateId\": \"" + templateId + "\", \"numberOfJobs\": 3}";
        ApiClient first = driver.api;
        var request = java.net.http.HttpRequest.newBuilder(driver.cloud.endpoints().api().resolve(driver.path("/jobs")))
                .header("Authorization", "Bearer " + driver.admin).header("Content-Type", "application/json")
                .header("Idempotency-Key", "order-42").POST(java.net.http.HttpRequest.BodyPublishers.ofString(body)).build();
        try {
            var http = java.net.http.HttpClient.newHttpClient();
            String once = http.send(request, java.net.http.HttpResponse.BodyHandlers.ofString()).body();
            String twice = http.send(request, java.net.http.HttpResponse.BodyHandlers.ofString()).body();
            JsonNode a = JobsDriver.MAPPER.readTree(once);
            JsonNode b = JobsDriver.MAPPER.readTree(twice);
            assertEquals(3, a.path("jobIds").size());
            assertEquals(a.path("jobIds"), b.path("jobIds"));
        } catch (Exception e) {
            throw new AssertionError(e);
        }
        assertEquals(400, first.post(driver.path("/jobs"), driver.admin, "{\"jobTemplateId\": \"" + templateId + "\", \"numberOfJobs\": 1001}").status());
        assertEquals(400, first.post(driver.path("/jobs"), driver.admin, "{\"jobTemplateId\": \"nope\"}").status());
    }

    @Test
    void aStepDependingOnAnotherJobsStepWaitsUntilThatStepFinishes() {
        String waiting = driver.job(templateId);
        String other = driver.job(templateId);
        driver.awaitCurrent(waiting, "define");
        driver.awaitCurrent(other, "define");
        ApiClient.Response added = driver.api.post(driver.path("/jobs/" + waiting + "/dependencies"), driver.admin,
                "{\"stepId\": \"define\", \"dependsOn\": {\"jobId\": \"" + other + "\", \"stepId\": \"define\"}}");
        assertEquals(201, added.status(), added.body().toString());

        ApiClient.Response refused = driver.finish(waiting, "define", null);
        assertEquals(409, refused.status());
        assertEquals("STEP_DEPENDENT", refused.body().path("stepResponses").path(0).path("code").asText());

        driver.finishOk(other, "define", null);
        assertEquals(0, driver.api.get(driver.path("/jobs/" + waiting + "/dependencies"), driver.admin).body().size(),
                "finishing the other job's step released the dependency");
        driver.finishOk(waiting, "define", null);
        driver.awaitCurrent(waiting, "review");
        assertTrue(driver.historyActions(waiting).contains("DependencyReleased:define"));
    }
}
