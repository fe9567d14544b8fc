package dev.wfm.local.jobs;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.wfm.local.scheduler.LocalScheduler;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;

/** Steps that run by themselves or on time: wait, createJob, and holds released on schedule. */
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

    private void tick(Instant time) {
        LocalScheduler scheduler = driver.cloud.scheduler();
        var result = scheduler.fire(scheduler.rules().get(0), time);
        assertEquals(null, result.functionError(), new String(result.payload()));
    }
}
