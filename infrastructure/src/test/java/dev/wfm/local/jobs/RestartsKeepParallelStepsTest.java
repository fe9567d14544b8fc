package dev.wfm.local.jobs;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.wfm.handlers.Services;
import dev.wfm.local.ApiClient;
import dev.wfm.local.Await;
import dev.wfm.local.Fixtures;
import dev.wfm.local.TestJobs;
import dev.wfm.local.scheduler.LocalScheduler;
import dev.wfm.store.Table;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.sfn.SfnClient;

/**
 * Pause and resume, upgrade, close and reopen, and recovery from a lost execution, of a job at
 * several steps of parallel blocks: every step comes back as it was (status, assignment, hold),
 * and the new execution serves each of them to the end.
 */
class RestartsKeepParallelStepsTest {
    private static final String HOLD = "{\"type\": \"Hold\", \"stepIds\": [\"%s\"], \"comment\": \"waiting for the council\", "
            + "\"scheduledRelease\": \"2031-01-01T08:00:00Z\"}";

    private final JobsDriver driver = new JobsDriver();

    @Test
    void aJobPausedAtTwoBranchesResumesAtBothWithTheirStatusesAssignmentsAndHolds() {
        String jobId = atBothBranches(driver.diagram(diagram("two-branches.json")));
        JsonNode before = driver.get(jobId);

        bulk("pause", jobId);
        bulk("resume", jobId);

        assertKept(before, driver.await(jobId, job -> !job.path("paused").asBoolean(), "resumed"));
        assertEquals(1, driver.historyActions(jobId).stream().filter("StepBecameCurrent:b1"::equals).count(),
                "b1 is the step it was, not current anew");
        walkBothBranchesToTheEnd(jobId);
    }

    @Test
    void aJobUpgradedAtTwoBranchesIsAtBothInTheNewVersionAsTheyWere() {
        String diagramId = driver.diagram(diagram("two-branches.json"));
        String jobId = atBothBranches(diagramId);
        JsonNode before = driver.get(jobId);
        ObjectNode v2 = diagram("two-branches.json").put("name", "Two branches, v2");
        assertEquals(200, driver.api.send("PUT", driver.path("/diagrams/" + diagramId), driver.admin, v2.toString()).status());

        bulk("upgrade", jobId);

        JsonNode upgraded = driver.get(jobId);
        assertEquals(2, upgraded.path("diagramVersion").asInt());
        assertKept(before, upgraded);
        walkBothBranchesToTheEnd(jobId);
    }

    @Test
    void refreshStatusAfterTheExecutionWasStoppedBehindTheJobsBackStartsOneAtBothBranchesAsTheyWere() {
        String jobId = atBothBranches(driver.diagram(diagram("two-branches.json")));
        JsonNode before = driver.get(jobId);
        try (SfnClient sfn = SfnClient.builder().endpointOverride(driver.cloud.endpoints().stepfunctions()).build()) {
            sfn.stopExecution(b -> b.executionArn(execution(jobId, 1)).cause("lost behind the job's back"));
        }

        ApiClient.Response refreshed = driver.act(jobId, driver.admin, "{\"type\": \"RefreshStatus\"}");

        assertEquals(200, refreshed.status(), refreshed.body().toString());
        assertTrue(driver.historyActions(jobId).stream().anyMatch(action -> action.startsWith("ExecutionRestarted")));
        assertKept(before, driver.get(jobId));
        walkBothBranchesToTheEnd(jobId);
    }

    @Test
    void aLateCallFromTheStoppedExecutionDoesNotTakeAStepFromTheNewOne() {
        String jobId = atBothBranches(driver.diagram(diagram("two-branches.json")));
        String stopped = execution(jobId, 1);
        bulk("pause", jobId);
        bulk("resume", jobId);
        TestJobs.awaitEntered(driver.itemId, jobId);
        JsonNode resumed = driver.get(jobId);

        ObjectNode late = JobsDriver.MAPPER.createObjectNode().put("action", "activate").put("itemId", driver.itemId)
                .put("jobId", jobId).put("stepId", "a1").put("taskToken", "a-token-of-the-stopped-execution")
                .put("executionArn", stopped);
        try (DynamoDbClient dynamo = DynamoDbClient.builder().endpointOverride(driver.cloud.endpoints().dynamodb()).build();
             SfnClient sfn = SfnClient.builder().endpointOverride(driver.cloud.endpoints().stepfunctions()).build()) {
            JsonNode answer = new Services(new Table(dynamo, "WorkflowTable"), () -> sfn, Clock.systemUTC()).activation.handle(late);
            assertEquals("ignored: not the job's execution", answer.path("outcome").asText());
        }

        assertEquals(resumed, driver.get(jobId));
        walkBothBranchesToTheEnd(jobId);
    }

    @Test
    void aJobClosedAtTwoBranchesReopensAtBothAsTheyWere() {
        String jobId = atBothBranches(driver.diagram(diagram("two-branches.json")));
        JsonNode before = driver.get(jobId);

        bulk("close", jobId);
        assertTrue(driver.get(jobId).path("currentSteps").isEmpty(), "a closed job is at no step");
        bulk("reopen", jobId);

        assertKept(before, driver.get(jobId));
        walkBothBranchesToTheEnd(jobId);
    }

    @Test
    void aJobPausedInsideNestedParallelBlocksResumesAtEveryStepOfThem() {
        String jobId = driver.job(driver.template(driver.diagram(diagram("nested-blocks.json")), ""));
        driver.awaitCurrent(jobId, "start");
        driver.finishOk(jobId, "start", null);
        driver.awaitCurrent(jobId, "a1", "b");
        driver.finishOk(jobId, "b", null);
        driver.awaitCurrent(jobId, "a1", "b1", "b2");
        ok(driver.act(jobId, driver.admin, "{\"type\": \"Assign\", \"stepIds\": [\"a1\"], \"assignedType\": \"User\", \"assignedTo\": \"amy\"}"));
        ok(driver.act(jobId, driver.admin, "{\"type\": \"Run\", \"stepIds\": [\"b1\"]}"));
        ok(driver.act(jobId, driver.admin, HOLD.formatted("b2")));
        JsonNode before = driver.get(jobId);

        bulk("pause", jobId);
        bulk("resume", jobId);

        assertKept(before, driver.await(jobId, job -> !job.path("paused").asBoolean(), "resumed"));
        driver.finishOk(jobId, "a1", null);
        driver.finishOk(jobId, "b1", null);
        ok(driver.act(jobId, driver.admin, "{\"type\": \"ReleaseHold\", \"stepIds\": [\"b2\"]}"));
        driver.finishOk(jobId, "b2", null);
        driver.awaitCurrent(jobId, "bJoin");
        driver.finishOk(jobId, "bJoin", null);
        driver.awaitCurrent(jobId, "join");
        driver.finishOk(jobId, "join", null);
        driver.awaitClosed(jobId);
    }

    @Test
    void aFailedWebRequestIsStillFailedAfterAPauseAndIsNotCalledAgain() throws Exception {
        try (NotifyServer notify = new NotifyServer()) {
            notify.status.set(500);
            String jobId = driver.job(driver.template(driver.diagram(JobsDriver.exampleDiagram(notify.url())), ""));
            driver.walkToEdit(jobId);
            driver.finishOk(jobId, "edit", null);
            driver.awaitCurrent(jobId, "qa");
            driver.finishOk(jobId, "qa", "pass");
            driver.awaitCurrent(jobId, "publish");
            driver.finishOk(jobId, "publish", null);
            JsonNode before = driver.await(jobId, job -> JobsDriver.currentSteps(job).contains("notify")
                    && "Failed".equals(JobsDriver.step(job, "notify").path("status").asText()), "notify failed");
            int calls = notify.bodies.size();

            bulk("pause", jobId);
            bulk("resume", jobId);

            assertKept(before, driver.get(jobId));
            driver.finishOk(jobId, "notify", "200");
            driver.finishOk(jobId, "archive", null);
            driver.awaitClosed(jobId);
            assertEquals(calls, notify.bodies.size(), "skipped, as the person decided, not called again");
        }
    }

    @Test
    void aWaitInABranchKeepsItsTimeAcrossAPause() throws Exception {
        String diagramId = driver.diagram(JobsDriver.MAPPER.readTree("""
                {"name": "Wait beside work", "start": "start",
                 "steps": [{"id": "start", "name": "Start", "type": "manual"},
                           {"id": "cool", "name": "Cooling-off period", "type": "wait", "seconds": 3600},
                           {"id": "sign", "name": "Sign", "type": "manual"},
                           {"id": "file", "name": "File", "type": "manual"},
                           {"id": "end", "name": "End", "type": "end"}],
                 "paths": [{"from": "start", "to": "cool"}, {"from": "start", "to": "sign"},
                           {"from": "cool", "to": "file"}, {"from": "sign", "to": "file"}, {"from": "file", "to": "end"}]}"""));
        String jobId = driver.job(driver.template(diagramId, ""));
        driver.awaitCurrent(jobId, "start");
        driver.finishOk(jobId, "start", null);
        JsonNode before = driver.awaitCurrent(jobId, "cool", "sign");

        bulk("pause", jobId);
        bulk("resume", jobId);

        assertKept(before, driver.get(jobId));
        driver.finishOk(jobId, "sign", null);
        // ticks come at whole minutes: the first at or after the time it was due
        Instant due = Instant.parse(JobsDriver.step(before, "cool").path("since").asText()).plus(Duration.ofMinutes(61));
        LocalScheduler scheduler = driver.cloud.scheduler();
        Await.until(() -> {
            scheduler.fire(scheduler.rules().get(0), due);
            return JobsDriver.currentSteps(driver.get(jobId)).equals(Set.of("file"));
        }, 20_000, "the wait to end when it was due");
    }

    /** A new job at a1, assigned to amy and Working, and b1, on hold, in the two branches after start. */
    private String atBothBranches(String diagramId) {
        String jobId = driver.job(driver.template(diagramId, ""));
        driver.awaitCurrent(jobId, "start");
        driver.finishOk(jobId, "start", null);
        driver.awaitCurrent(jobId, "a1", "b1");
        ok(driver.act(jobId, driver.admin, "{\"type\": \"Assign\", \"stepIds\": [\"a1\"], \"assignedType\": \"User\", \"assignedTo\": \"amy\"}"));
        ok(driver.act(jobId, driver.admin, "{\"type\": \"Run\", \"stepIds\": [\"a1\"]}"));
        ok(driver.act(jobId, driver.admin, HOLD.formatted("b1")));
        JsonNode job = driver.get(jobId);
        assertEquals("Working", JobsDriver.step(job, "a1").path("status").asText());
        assertEquals("Held", JobsDriver.step(job, "b1").path("status").asText());
        return jobId;
    }

    /** Each branch moves on from its step, through the execution, and the join ends the job. */
    private void walkBothBranchesToTheEnd(String jobId) {
        driver.finishOk(jobId, "a1", null);
        driver.awaitCurrent(jobId, "a2", "b1");
        ok(driver.act(jobId, driver.admin, "{\"type\": \"ReleaseHold\", \"stepIds\": [\"b1\"]}"));
        driver.finishOk(jobId, "b1", "yes");
        driver.awaitCurrent(jobId, "a2", "b2");
        driver.finishOk(jobId, "a2", null);
        driver.finishOk(jobId, "b2", null);
        driver.awaitCurrent(jobId, "join");
        driver.finishOk(jobId, "join", null);
        driver.awaitClosed(jobId);
    }

    /** The job is at the same steps as before, each as it was, with the same holds. */
    private static void assertKept(JsonNode before, JsonNode after) {
        assertEquals(steps(before), steps(after), "current steps " + after);
        assertEquals(before.path("holds"), after.path("holds"));
    }

    private static Map<String, String> steps(JsonNode job) {
        Map<String, String> steps = new TreeMap<>();
        job.path("currentSteps").forEach(step -> steps.put(step.path("stepId").asText(), step.toString()));
        return steps;
    }

    /** The ARN of the job's execution number {@code seq} (executions are named {@code jobId-seq}). */
    private String execution(String jobId, int seq) {
        try (SfnClient sfn = SfnClient.builder().endpointOverride(driver.cloud.endpoints().stepfunctions()).build()) {
            String machine = sfn.listStateMachinesPaginator(b -> {}).stateMachines().stream()
                    .filter(m -> m.name().contains(driver.itemId)).findFirst().orElseThrow().stateMachineArn();
            return sfn.listExecutions(b -> b.stateMachineArn(machine)).executions().stream()
                    .filter(e -> e.name().equals(jobId + "-" + seq)).findFirst().orElseThrow().executionArn();
        }
    }

    private void bulk(String command, String jobId) {
        ApiClient.Response response = driver.api.post(driver.path("/jobs/" + command), driver.admin, "{\"jobIds\": [\"" + jobId + "\"]}");
        assertEquals(200, response.status(), response.body().toString());
        assertTrue(response.body().path("success").asBoolean(), command + ": " + response.body());
    }

    private static void ok(ApiClient.Response response) {
        assertEquals(200, response.status(), response.body().toString());
    }

    private static ObjectNode diagram(String fixture) {
        try {
            return (ObjectNode) JobsDriver.MAPPER.readTree(Fixtures.text("diagrams/" + fixture));
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }
}
