package dev.wfm.local.jobs;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.wfm.local.ApiClient;
import dev.wfm.local.Await;
import dev.wfm.local.TestJobs;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import software.amazon.awssdk.services.sfn.SfnClient;

/**
 * Pause and resume, upgrade, and RefreshStatus after a lost execution, while an automated step
 * runs (a web request in flight) or waits for the child job it created: the step stays current,
 * and the new execution runs the web request again (with the same Idempotency-Key) or goes on
 * waiting for the same child, whose close moves the job on.
 */
class RestartsKeepAutomatedStepsTest {
    private final JobsDriver driver = new JobsDriver();

    /** The ways a running job gets a new execution that enters the steps it is at. */
    enum Restart { PAUSE_AND_RESUME, UPGRADE, REFRESH_AFTER_LOST_EXECUTION }

    @ParameterizedTest
    @EnumSource(Restart.class)
    void aWebRequestInFlightInABranchIsCurrentAndRunAgainByTheNewExecution(Restart restart) throws Exception {
        try (NotifyServer notify = new NotifyServer()) {
            notify.holdAnswers();
            String diagramId = driver.diagram(notifyBesideWork(notify.url()));
            String jobId = driver.job(driver.template(diagramId, ""));
            driver.awaitCurrent(jobId, "start");
            driver.finishOk(jobId, "start", null);
            Await.until(() -> notify.bodies.size() == 1, 20_000, "the web request to arrive");
            JsonNode running = driver.awaitCurrent(jobId, "a1", "notify");
            assertEquals("Working", JobsDriver.step(running, "notify").path("status").asText());

            restart(restart, jobId, diagramId, notifyBesideWork(notify.url()));

            Await.until(() -> notify.bodies.size() == 2, 20_000, "the new execution to make the web request again");
            notify.answerHeld();
            driver.awaitCurrent(jobId, "a1", "b2");
            assertEquals(1, driver.historyActions(jobId).stream().filter("StepFinished:notify"::equals).count(),
                    "the answer to the stopped execution's request is not recorded: " + driver.historyActions(jobId));
            assertEquals(2, notify.idempotencyKeys.size());
            assertEquals(notify.idempotencyKeys.get(0), notify.idempotencyKeys.get(1), "a run again is the same request to the receiver");
            driver.finishOk(jobId, "a1", null);
            driver.finishOk(jobId, "b2", null);
            driver.awaitCurrent(jobId, "join");
            driver.finishOk(jobId, "join", null);
            driver.awaitClosed(jobId);
        }
    }

    @ParameterizedTest
    @EnumSource(Restart.class)
    void aCreateJobStepWaitingForItsChildGoesOnWaitingForThatChildAndFinishesWhenItCloses(Restart restart) throws Exception {
        String childTemplate = childTemplate();
        String diagramId = driver.diagram(spawnAndWait(childTemplate));
        String parent = driver.job(driver.template(diagramId, ""));
        String child = awaitChild(parent, 1);

        restart(restart, parent, diagramId, spawnAndWait(childTemplate));
        TestJobs.awaitEntered(driver.itemId, parent);

        assertEquals(List.of(child), children(parent), "no second child");
        driver.finishOk(child, "do", null);
        driver.awaitClosed(child);
        driver.awaitCurrent(parent, "review");
        assertTrue(driver.historyActions(parent).contains("ChildJobClosed:spawn"));
    }

    @Test
    void aChildThatClosesWhileItsParentIsPausedFinishesTheParentsStepWhenItResumes() throws Exception {
        String diagramId = driver.diagram(spawnAndWait(childTemplate()));
        String parent = driver.job(driver.template(diagramId, ""));
        String child = awaitChild(parent, 1);
        bulk("pause", parent);

        driver.finishOk(child, "do", null);
        driver.awaitClosed(child);
        Await.until(() -> driver.historyActions(parent).contains("ChildJobClosed:spawn"), 20_000, "the parent to hear of it");
        bulk("resume", parent);

        driver.awaitCurrent(parent, "review");
        assertEquals(List.of(child), children(parent));
    }

    @Test
    void aCreateJobStepReachedAgainByALoopCreatesANewChild() throws Exception {
        String childTemplate = childTemplate();
        ObjectNode diagram = (ObjectNode) JobsDriver.MAPPER.readTree("""
                {"name": "Until it is right", "start": "spawn",
                 "steps": [{"id": "spawn", "name": "Spawn and wait", "type": "createJob", "jobTemplateId": "%s", "waitForClose": true},
                           {"id": "check", "name": "Check", "type": "question", "question": "Right?",
                            "answers": [{"name": "Again", "value": "again"}, {"name": "Done", "value": "done"}]},
                           {"id": "end", "name": "End", "type": "end"}],
                 "paths": [{"from": "spawn", "to": "check"}, {"from": "check", "to": "spawn", "returnCode": "again"},
                           {"from": "check", "to": "end", "returnCode": "done"}]}""".formatted(childTemplate));
        String parent = driver.job(driver.template(driver.diagram(diagram), ""));
        String first = awaitChild(parent, 1);
        driver.finishOk(first, "do", null);
        driver.awaitCurrent(parent, "check");
        driver.finishOk(parent, "check", "again");

        String second = awaitChild(parent, 2);

        assertNotEquals(first, second);
        driver.finishOk(second, "do", null);
        driver.awaitCurrent(parent, "check");
        driver.finishOk(parent, "check", "done");
        driver.awaitClosed(parent);
    }

    private void restart(Restart restart, String jobId, String diagramId, ObjectNode sameDiagram) {
        switch (restart) {
            case PAUSE_AND_RESUME -> {
                bulk("pause", jobId);
                bulk("resume", jobId);
            }
            case UPGRADE -> {
                ApiClient.Response published = driver.api.send("PUT", driver.path("/diagrams/" + diagramId), driver.admin,
                        sameDiagram.put("name", "Version 2").toString());
                assertEquals(200, published.status(), published.body().toString());
                bulk("upgrade", jobId);
            }
            case REFRESH_AFTER_LOST_EXECUTION -> {
                try (SfnClient sfn = SfnClient.builder().endpointOverride(driver.cloud.endpoints().stepfunctions()).build()) {
                    sfn.stopExecution(b -> b.executionArn(runningExecution(jobId, diagramId)).cause("lost behind the job's back"));
                }
                ApiClient.Response refreshed = driver.act(jobId, driver.admin, "{\"type\": \"RefreshStatus\"}");
                assertEquals(200, refreshed.status(), refreshed.body().toString());
            }
        }
        assertTrue(driver.historyActions(jobId).stream().anyMatch(action -> action.matches("JobResumed|JobUpgraded|ExecutionRestarted.*")));
    }

    /** Start, then a person's a1 beside notify (a web request to {@code url}) and b2, then join. */
    private static ObjectNode notifyBesideWork(String url) throws Exception {
        return (ObjectNode) JobsDriver.MAPPER.readTree("""
                {"name": "Notify beside work", "start": "start",
                 "steps": [{"id": "start", "name": "Start", "type": "manual"},
                           {"id": "a1", "name": "Survey site", "type": "manual"},
                           {"id": "notify", "name": "Notify", "type": "webRequest",
                            "request": {"method": "POST", "url": "%s", "body": "{\\"hello\\": 1}", "timeoutSeconds": 60}},
                           {"id": "b2", "name": "File", "type": "manual"},
                           {"id": "join", "name": "Approve", "type": "manual"},
                           {"id": "end", "name": "Done", "type": "end"}],
                 "paths": [{"from": "start", "to": "a1"}, {"from": "start", "to": "notify"},
                           {"from": "a1", "to": "join"}, {"from": "notify", "to": "b2"}, {"from": "b2", "to": "join"},
                           {"from": "join", "to": "end"}]}""".formatted(url));
    }

    /** A createJob step waiting for a child of {@code childTemplate}, then a person's review. */
    private static ObjectNode spawnAndWait(String childTemplate) throws Exception {
        return (ObjectNode) JobsDriver.MAPPER.readTree("""
                {"name": "Parent", "start": "spawn",
                 "steps": [{"id": "spawn", "name": "Spawn and wait", "type": "createJob", "jobTemplateId": "%s", "waitForClose": true},
                           {"id": "review", "name": "Review", "type": "manual"}, {"id": "end", "name": "End", "type": "end"}],
                 "paths": [{"from": "spawn", "to": "review"}, {"from": "review", "to": "end"}]}""".formatted(childTemplate));
    }

    /** A template of one manual step "do". */
    private String childTemplate() throws Exception {
        return driver.template(driver.diagram(JobsDriver.MAPPER.readTree("""
                {"name": "Child", "start": "do", "steps": [{"id": "do", "name": "Do", "type": "manual"},
                  {"id": "end", "name": "End", "type": "end"}], "paths": [{"from": "do", "to": "end"}]}""")), "");
    }

    /** The {@code n}th child the parent waits for, once it waits for it and the child is at its step. */
    private String awaitChild(String parent, int n) {
        Await.until(() -> waitedFor(parent).size() >= n, 20_000, "the parent to wait for child " + n);
        String child = waitedFor(parent).get(n - 1);
        driver.awaitCurrent(child, "do");
        return child;
    }

    /** The children the parent's history says it waited for, in order. */
    private List<String> waitedFor(String parent) {
        return detail(parent, "WaitingForChildJob", "childJobId");
    }

    /** The children the parent's history says it created, in order. */
    private List<String> children(String parent) {
        return detail(parent, "ChildJobCreated", "jobIds");
    }

    private List<String> detail(String jobId, String action, String field) {
        List<String> values = new ArrayList<>();
        for (JsonNode entry : driver.api.get(driver.path("/jobs/" + jobId + "/history"), driver.admin).body()) {
            if (entry.path("action").asText().equals(action)) {
                JsonNode value = entry.path("details").path(field);
                if (value.isArray()) {
                    value.forEach(id -> values.add(id.asText()));
                } else {
                    values.add(value.asText());
                }
            }
        }
        return values;
    }

    /** The ARN of the job's running execution, which walks diagram {@code diagramId}. */
    private String runningExecution(String jobId, String diagramId) {
        try (SfnClient sfn = SfnClient.builder().endpointOverride(driver.cloud.endpoints().stepfunctions()).build()) {
            return sfn.listStateMachinesPaginator(b -> {}).stateMachines().stream()
                    .filter(machine -> machine.name().contains(driver.itemId + "-" + diagramId + "-"))
                    .flatMap(machine -> sfn.listExecutions(b -> b.stateMachineArn(machine.stateMachineArn()).statusFilter("RUNNING"))
                            .executions().stream())
                    .filter(execution -> execution.name().startsWith(jobId + "-"))
                    .findFirst().orElseThrow().executionArn();
        }
    }

    private void bulk(String command, String jobId) {
        ApiClient.Response response = driver.api.post(driver.path("/jobs/" + command), driver.admin, "{\"jobIds\": [\"" + jobId + "\"]}");
        assertEquals(200, response.status(), response.body().toString());
        assertTrue(response.body().path("success").asBoolean(), command + ": " + response.body());
    }
}
