package dev.wfm.local.jobs;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.wfm.handlers.Services;
import dev.wfm.jobs.Actor;
import dev.wfm.jobs.actions.ActionRequest;
import dev.wfm.jobs.actions.StepResponse;
import dev.wfm.local.TestJobs;
import dev.wfm.local.dynamodb.DynamoDbLocalServer;
import dev.wfm.local.scheduler.LocalScheduler;
import dev.wfm.security.Role;
import dev.wfm.store.Table;
import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.sfn.SfnClient;

/**
 * A Finish whose DynamoDB write succeeds but whose SendTaskSuccess cannot reach Step Functions:
 * the step is finished and the call stays owed in the job record; RefreshStatus, or the next
 * scheduler tick, makes it, and the job moves on. No job is left with a step nobody can act on.
 */
class PartialFailureRecoveryTest {
    private final JobsDriver driver = new JobsDriver();
    private NotifyServer notify;
    private DynamoDbClient dynamo;
    private SfnClient unreachable;
    private Services withBrokenStepFunctions;
    private String jobId;

    @BeforeEach
    void jobAtDefineAndAGraphWhoseStepFunctionsIsUnreachable() throws Exception {
        notify = new NotifyServer();
        String templateId = driver.template(driver.diagram(JobsDriver.exampleDiagram(notify.url())), "");
        jobId = driver.job(templateId);
        driver.awaitCurrent(jobId, "define");
        dynamo = DynamoDbClient.builder().endpointOverride(driver.cloud.endpoints().dynamodb()).build();
        // Nothing listens on this port: every Step Functions call fails as a network error would.
        URI nowhere = URI.create("http://127.0.0.1:" + DynamoDbLocalServer.freeLoopbackPort());
        unreachable = SfnClient.builder().endpointOverride(nowhere)
                .overrideConfiguration(c -> c.retryStrategy(b -> b.maxAttempts(1))).build();
        withBrokenStepFunctions = new Services(new Table(dynamo, "WorkflowTable"), () -> unreachable, Clock.systemUTC());
        // define is current from the job's creation; the Finish below is to find its token known
        TestJobs.awaitEntered(driver.itemId, jobId);
    }

    @AfterEach
    void close() {
        unreachable.close();
        dynamo.close();
        notify.close();
    }

    @Test
    void refreshStatusMakesTheOwedCall() {
        finishWhileStepFunctionsIsDown();
        assertEquals(200, driver.act(jobId, driver.admin, "{\"type\": \"RefreshStatus\"}").status());
        driver.awaitCurrent(jobId, "review");
        assertFalse(driver.get(jobId).has("pendingExecutionCalls"));
    }

    @Test
    void theNextSchedulerTickMakesTheOwedCall() {
        finishWhileStepFunctionsIsDown();
        LocalScheduler scheduler = driver.cloud.scheduler();
        scheduler.fire(scheduler.rules().get(0), Instant.now().plus(Duration.ofMinutes(1)));
        driver.awaitCurrent(jobId, "review");
    }

    @Test
    void refreshStatusStartsANewExecutionAtTheCurrentStepWhenTheOldOneIsGone() {
        String executionArn;
        try (SfnClient sfn = SfnClient.builder().endpointOverride(driver.cloud.endpoints().stepfunctions()).build()) {
            executionArn = sfn.listExecutions(b -> b.stateMachineArn(stateMachineOf(sfn))).executions().stream()
                    .filter(execution -> execution.name().startsWith(jobId)).findFirst().orElseThrow().executionArn();
            sfn.stopExecution(b -> b.executionArn(executionArn).cause("lost behind the job's back"));
        }
        assertEquals(200, driver.act(jobId, driver.admin, "{\"type\": \"RefreshStatus\"}").status());
        JsonNode job = driver.awaitCurrent(jobId, "define");
        assertTrue(driver.historyActions(jobId).contains("ExecutionRestarted:define"), job.toString());
        driver.finishOk(jobId, "define", null);
        driver.awaitCurrent(jobId, "review");
    }

    @Test
    void aCreateThatCrashedAfterReservingItsJobsIsCompletedByTheRetry() throws Exception {
        String templateId = driver.get(jobId).path("jobTemplateId").asText();
        // The first attempt reserved two ids under its Idempotency-Key, then died before writing the jobs.
        String reserved = "{\"autoExecuted\": false, \"jobIds\": [\"01crashedjob00000000000001\", \"01crashedjob00000000000002\"]}";
        var record = new java.util.HashMap<String, software.amazon.awssdk.services.dynamodb.model.AttributeValue>();
        record.put("pk", software.amazon.awssdk.services.dynamodb.model.AttributeValue.fromS("ITEM#" + driver.itemId));
        record.put("sk", software.amazon.awssdk.services.dynamodb.model.AttributeValue.fromS("CREATE_RECEIPT#crash-1"));
        record.put("id", software.amazon.awssdk.services.dynamodb.model.AttributeValue.fromS("crash-1"));
        record.put("revision", software.amazon.awssdk.services.dynamodb.model.AttributeValue.fromN("1"));
        record.put("doc", software.amazon.awssdk.services.dynamodb.model.AttributeValue.fromS(reserved));
        dynamo.putItem(b -> b.tableName("WorkflowTable").item(record));

        var retry = java.net.http.HttpRequest.newBuilder(driver.cloud.endpoints().api().resolve(driver.path("/jobs")))
                .header("Authorization", "Bearer " + driver.admin).header("Content-Type", "application/json")
                .header("Idempotency-Key", "crash-1")
                .POST(java.net.http.HttpRequest.BodyPublishers.ofString("{\"jobTemplateId\": \"" + templateId + "\", \"numberOfJobs\": 2}"))
                .build();
        JsonNode answer = JobsDriver.MAPPER.readTree(java.net.http.HttpClient.newHttpClient()
                .send(retry, java.net.http.HttpResponse.BodyHandlers.ofString()).body());
        assertEquals("01crashedjob00000000000001", answer.path("jobIds").path(0).asText(), answer.toString());
        driver.awaitCurrent("01crashedjob00000000000001", "define");
        driver.awaitCurrent("01crashedjob00000000000002", "define");
    }

    @Test
    void aJobCreatedWhileStepFunctionsIsDownIsAtItsFirstStepAndTakesAnUpdateReadBeforeItsExecutionEnteredIt() {
        Actor manager = new Actor("admin", List.of("admins"), Set.of(Role.ADMIN));
        String templateId = driver.get(jobId).path("jobTemplateId").asText();
        String created = withBrokenStepFunctions.creation.create(driver.itemId, manager,
                JobsDriver.MAPPER.createObjectNode().put("jobTemplateId", templateId), null).jobIds().get(0);
        JsonNode read = driver.get(created);
        assertEquals(Set.of("define"), JobsDriver.currentSteps(read), "at its first step before any execution: " + read);

        assertEquals(200, driver.act(created, driver.admin, "{\"type\": \"RefreshStatus\"}").status());
        TestJobs.awaitEntered(driver.itemId, created);
        var updated = driver.api.send("PUT", driver.path("/jobs/" + created), driver.admin,
                "{\"revision\": " + read.path("revision").asLong() + ", \"priority\": \"High\"}");

        assertEquals(200, updated.status(), "the execution's own writes since the read are no conflict: " + updated.body());
        assertEquals("High", driver.get(created).path("priority").asText());
        driver.finishOk(created, "define", null);
        driver.awaitCurrent(created, "review");
    }

    /**
     * The local cloud's scheduler ticks at each minute, as EventBridge does, and a tick makes the owed
     * call: the check that nothing else makes it must not overlap one (seconds 0 to 5 of a minute).
     */
    private static void clearOfTheMinutesTick() {
        int second = Instant.now().atZone(ZoneOffset.UTC).getSecond();
        if (second < 5 || second > 57) {
            JobsDriver.sleep(((65 - second) % 60) * 1000L);
        }
    }

    private String stateMachineOf(SfnClient sfn) {
        return sfn.listStateMachinesPaginator(b -> {}).stateMachines().stream()
                .filter(machine -> machine.name().contains(driver.itemId)).findFirst().orElseThrow().stateMachineArn();
    }

    private void finishWhileStepFunctionsIsDown() {
        clearOfTheMinutesTick();
        Actor manager = new Actor("admin", List.of("admins"), Set.of(Role.ADMIN));
        List<StepResponse> responses = withBrokenStepFunctions.stepActions.act(driver.itemId, jobId, manager,
                ActionRequest.parse(JobsDriver.MAPPER.createObjectNode().put("type", "Finish").put("stepId", "define")));
        assertTrue(responses.get(0).success(), responses.toString());
        JsonNode job = driver.get(jobId);
        assertTrue(job.path("currentSteps").isEmpty(), "define is finished: " + job);
        assertEquals(1, job.path("pendingExecutionCalls").asInt(), "the SendTaskSuccess is owed: " + job);
        JobsDriver.sleep(300);
        assertTrue(driver.get(jobId).path("currentSteps").isEmpty(), "the execution has not moved on by itself");
    }
}
