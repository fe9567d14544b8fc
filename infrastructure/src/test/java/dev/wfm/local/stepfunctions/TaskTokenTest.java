package dev.wfm.local.stepfunctions;

import static dev.wfm.local.stepfunctions.Asl.json;
import static dev.wfm.local.stepfunctions.Asl.machine;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.wfm.local.Await;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.sfn.model.DescribeExecutionResponse;
import software.amazon.awssdk.services.sfn.model.ExecutionStatus;
import software.amazon.awssdk.services.sfn.model.HistoryEvent;
import software.amazon.awssdk.services.sfn.model.HistoryEventType;
import software.amazon.awssdk.services.sfn.model.InvalidTokenException;

/** waitForTaskToken: the step-activation pattern of the Workflow Manager. */
class TaskTokenTest {

    private static final String HUMAN_STEP = machine("Activate", """
            {
                "Activate": {"Type": "Task", "Resource": "arn:aws:states:::lambda:invoke.waitForTaskToken", "Next": "Route",
                    "Arguments": {"FunctionName": "activate",
                                                "Payload": {"token": "{% $states.context.Task.Token %}", "step": "review"}},
                    "Output": "{% $states.result %}"},
                "Route": {"Type": "Choice", "Default": "Rejected",
                    "Choices": [{"Condition": "{% $states.input.returnCode = 'APPROVED' %}", "Next": "Approved"}]},
                "Approved": {"Type": "Succeed"},
                "Rejected": {"Type": "Fail", "Error": "Rejected"}
            }""");

    private static LocalSfn local;
    private static String machineArn;

    @BeforeAll
    static void start() {
        local = new LocalSfn();
        local.lambdas.register("activate", local.lambdas.tokenRecorder());
        machineArn = local.create(HUMAN_STEP);
    }

    @AfterAll
    static void stop() {
        local.close();
    }

    @Test
    void sendTaskSuccessOutputBecomesTheTaskResult() throws Exception {
        String executionArn = local.start(machineArn, "{}");
        String token = local.lambdas.nextToken();
        // The token is in hand while the activation is still returning: answer once the task is submitted, as a person would.
        Await.until(() -> local.history(executionArn).stream().anyMatch(event -> event.type() == HistoryEventType.TASK_SUBMITTED),
                5_000, "the task submitted");

        local.sfn.sendTaskSuccess(b -> b.taskToken(token).output("{\"returnCode\": \"APPROVED\"}"));

        DescribeExecutionResponse result = local.awaitEnd(executionArn);
        assertEquals(ExecutionStatus.SUCCEEDED, result.status());
        assertEquals(json("{\"returnCode\": \"APPROVED\"}"), json(result.output()));
        List<HistoryEventType> types = local.history(executionArn).stream().map(HistoryEvent::type).toList();
        assertEquals(List.of(HistoryEventType.EXECUTION_STARTED, HistoryEventType.TASK_STATE_ENTERED,
                HistoryEventType.TASK_SCHEDULED, HistoryEventType.TASK_STARTED, HistoryEventType.TASK_SUBMITTED,
                HistoryEventType.TASK_SUCCEEDED, HistoryEventType.TASK_STATE_EXITED), types.subList(0, 7));
    }

    @Test
    void sendTaskFailureFailsTheTaskWithItsErrorAndCause() throws Exception {
        String executionArn = local.start(machineArn, "{}");
        String token = local.lambdas.nextToken();

        local.sfn.sendTaskFailure(b -> b.taskToken(token).error("Step.Cancelled").cause("cancelled by ana"));

        DescribeExecutionResponse result = local.awaitEnd(executionArn);
        assertEquals(ExecutionStatus.FAILED, result.status());
        assertEquals("Step.Cancelled", result.error());
        assertEquals("cancelled by ana", result.cause());
    }

    @Test
    void aTokenCanBeAnsweredOnlyOnce() throws Exception {
        String executionArn = local.start(machineArn, "{}");
        String token = local.lambdas.nextToken();
        local.sfn.sendTaskSuccess(b -> b.taskToken(token).output("{\"returnCode\": \"APPROVED\"}"));
        local.awaitEnd(executionArn);

        assertThrows(InvalidTokenException.class,
                () -> local.sfn.sendTaskSuccess(b -> b.taskToken(token).output("{}")));
        assertThrows(InvalidTokenException.class, () -> local.sfn.sendTaskHeartbeat(b -> b.taskToken(token)));
    }

    @Test
    void tokensAreUnguessableAndDistinct() throws Exception {
        local.start(machineArn, "{}");
        local.start(machineArn, "{}");
        String first = local.lambdas.nextToken();
        String second = local.lambdas.nextToken();

        assertNotEquals(first, second);
        assertTrue(first.length() >= 64, "at least 48 random bytes");
        assertThrows(InvalidTokenException.class, () -> local.sfn.sendTaskSuccess(b -> b.taskToken("guess").output("{}")));
        local.sfn.sendTaskFailure(b -> b.taskToken(first));
        local.sfn.sendTaskFailure(b -> b.taskToken(second));
    }

    @Test
    void stopExecutionAbortsItAndInvalidatesItsPendingToken() throws Exception {
        String executionArn = local.start(machineArn, "{}");
        String token = local.lambdas.nextToken();

        local.sfn.stopExecution(b -> b.executionArn(executionArn).error("User.Stop").cause("no longer needed"));

        DescribeExecutionResponse result = local.awaitEnd(executionArn);
        assertEquals(ExecutionStatus.ABORTED, result.status());
        assertEquals("User.Stop", result.error());
        assertThrows(InvalidTokenException.class,
                () -> local.sfn.sendTaskSuccess(b -> b.taskToken(token).output("{}")));
        List<HistoryEvent> events = local.history(executionArn);
        assertEquals(HistoryEventType.EXECUTION_ABORTED, events.get(events.size() - 1).type());
    }

    @Test
    void aFunctionThatFailsFailsItsTokenTask() {
        local.lambdas.register("brokenActivate", payload -> {
            throw new IllegalArgumentException("no such step");
        });
        DescribeExecutionResponse result = local.run(machine("Activate", """
                {"Activate": {"Type": "Task", "Resource": "arn:aws:states:::lambda:invoke.waitForTaskToken", "End": true,
                    "Arguments": {"FunctionName": "brokenActivate", "Payload": {"token": "{% $states.context.Task.Token %}"}}}}"""),
                "{}");

        assertEquals(ExecutionStatus.FAILED, result.status());
        assertEquals("java.lang.IllegalArgumentException", result.error());
    }

    @Test
    void aFunctionMayAnswerItsTokenBeforeItReturns() {
        local.lambdas.register("selfApprove", payload -> {
            local.sfn.sendTaskSuccess(b -> b.taskToken(payload.get("token").asText()).output("{\"returnCode\": \"APPROVED\"}"));
            return "{}";
        });
        DescribeExecutionResponse result = local.run(HUMAN_STEP.replace("\"activate\"", "\"selfApprove\""), "{}");

        assertEquals(ExecutionStatus.SUCCEEDED, result.status());
    }
}
