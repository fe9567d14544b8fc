package dev.wfm.local.stepfunctions;

import static dev.wfm.local.stepfunctions.Asl.json;
import static dev.wfm.local.stepfunctions.Asl.machine;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.wfm.local.Await;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.sfn.model.DescribeExecutionResponse;
import software.amazon.awssdk.services.sfn.model.ExecutionStatus;
import software.amazon.awssdk.services.sfn.model.HistoryEvent;
import software.amazon.awssdk.services.sfn.model.HistoryEventType;
import software.amazon.awssdk.services.sfn.model.InvalidOutputException;
import software.amazon.awssdk.services.sfn.model.TaskTimedOutException;

class TaskStatesTest {

    private static LocalSfn local;

    @BeforeAll
    static void start() {
        local = new LocalSfn();
        local.lambdas
                .register("double", payload -> Map.of("value", payload.get("value").asInt() * 2))
                .register("reject", payload -> {
                    throw new IllegalStateException("job " + payload.get("job").asText() + " is closed");
                });
    }

    @AfterAll
    static void stop() {
        local.close();
    }

    @Test
    void lambdaInvokeResultHasTheIntegrationShapeWithTheParsedPayload() {
        DescribeExecutionResponse result = local.run(machine("Call", """
                {"Call": {"Type": "Task", "Resource": "arn:aws:states:::lambda:invoke", "End": true,
                    "Arguments": {"FunctionName": "double", "Payload": {"value": "{% $states.input.n %}"}}}}"""),
                "{\"n\": 21}");

        assertEquals(ExecutionStatus.SUCCEEDED, result.status());
        JsonNode output = json(result.output());
        assertEquals(json("{\"value\": 42}"), output.get("Payload"));
        assertEquals(200, output.get("StatusCode").asInt());
        assertEquals("$LATEST", output.get("ExecutedVersion").asText());
        assertEquals(200, output.at("/SdkHttpMetadata/HttpStatusCode").asInt());
        assertTrue(output.at("/SdkResponseMetadata/RequestId").isTextual());
    }

    @Test
    void aPlainLambdaArnResourceAnswersTheBarePayload() {
        DescribeExecutionResponse result = local.run(machine("Call", """
                {"Call": {"Type": "Task", "Resource": "arn:aws:lambda:us-east-1:000000000000:function:double",
                    "Arguments": {"value": 5}, "Output": "{% $states.result.value %}", "End": true}}"""), "{}");

        assertEquals("10", result.output());
        List<HistoryEventType> types = local.history(result.executionArn()).stream().map(HistoryEvent::type).toList();
        assertTrue(types.containsAll(List.of(HistoryEventType.LAMBDA_FUNCTION_SCHEDULED,
                HistoryEventType.LAMBDA_FUNCTION_STARTED, HistoryEventType.LAMBDA_FUNCTION_SUCCEEDED)), types.toString());
    }

    @Test
    void taskFailureIsCaughtUnderTheFunctionsExceptionClassName() {
        DescribeExecutionResponse result = local.run(machine("Call", """
                {
                    "Call": {"Type": "Task", "Resource": "arn:aws:states:::lambda:invoke", "Next": "Done",
                        "Arguments": {"FunctionName": "reject", "Payload": {"job": "J-7"}},
                        "Catch": [
                            {"ErrorEquals": ["java.lang.IllegalArgumentException"], "Next": "Wrong"},
                            {"ErrorEquals": ["java.lang.IllegalStateException"], "Next": "Closed",
                              "Assign": {"reason": "{% $parse($states.errorOutput.Cause).errorMessage %}"}}]},
                    "Wrong": {"Type": "Fail"},
                    "Closed": {"Type": "Pass", "Output": "{% {'error': $states.input.Error, 'reason': $reason} %}", "End": true},
                    "Done": {"Type": "Succeed"}
                }"""), "{}");

        assertEquals(ExecutionStatus.SUCCEEDED, result.status());
        assertEquals(json("{\"error\": \"java.lang.IllegalStateException\", \"reason\": \"job J-7 is closed\"}"),
                json(result.output()));
        HistoryEvent failed = local.history(result.executionArn()).stream()
                .filter(e -> e.type() == HistoryEventType.TASK_FAILED).findFirst().orElseThrow();
        assertEquals("java.lang.IllegalStateException", failed.taskFailedEventDetails().error());
        assertEquals("lambda", failed.taskFailedEventDetails().resourceType());
        assertEquals("job J-7 is closed", json(failed.taskFailedEventDetails().cause()).get("errorMessage").asText());
    }

    @Test
    void functionsThatHangDelayNoOtherInvocation() {
        CountDownLatch release = new CountDownLatch(1);
        local.lambdas.register("hang", payload -> {
            release.await();
            return Map.of();
        });
        String hanging = local.create(machine("Hang", """
                {"Hang": {"Type": "Task", "Resource": "arn:aws:states:::lambda:invoke", "End": true,
                    "Arguments": {"FunctionName": "hang"}}}"""));
        try {
            for (int i = 0; i < 20; i++) {
                local.start(hanging, "{}");
            }
            Await.until(() -> local.lambdas.callCount("hang") == 20, 20_000, "all 20 hanging invocations to be running at once");
            DescribeExecutionResponse quick = local.run(machine("Call", """
                    {"Call": {"Type": "Task", "Resource": "arn:aws:states:::lambda:invoke", "End": true,
                        "Arguments": {"FunctionName": "double", "Payload": {"value": 1}}}}"""), "{}");
            assertEquals(ExecutionStatus.SUCCEEDED, quick.status());
        } finally {
            release.countDown();
        }
    }

    @Test
    void anUnknownFunctionFailsWithTheInvokersErrorCode() {
        DescribeExecutionResponse result = local.run(machine("Call", """
                {"Call": {"Type": "Task", "Resource": "arn:aws:states:::lambda:invoke", "End": true,
                    "Arguments": {"FunctionName": "missing"}}}"""), "{}");

        assertEquals(ExecutionStatus.FAILED, result.status());
        assertEquals("Lambda.ResourceNotFoundException", result.error());
    }

    @Test
    void retriesWithGrowingDelaysUntilTheFunctionSucceeds() {
        AtomicInteger calls = new AtomicInteger();
        local.lambdas.register("flaky", payload -> {
            if (calls.incrementAndGet() < 3) {
                throw new java.io.UncheckedIOException(new java.io.IOException("busy"));
            }
            return Map.of("attempt", calls.get());
        });

        DescribeExecutionResponse result = local.run(machine("Call", """
                {"Call": {"Type": "Task", "Resource": "arn:aws:states:::lambda:invoke", "End": true,
                    "Arguments": {"FunctionName": "flaky"},
                    "Output": "{% {'attempt': $states.result.Payload.attempt, 'retries': $states.context.State.RetryCount} %}",
                    "Retry": [
                        {"ErrorEquals": ["java.lang.IllegalStateException"], "MaxAttempts": 0},
                        {"ErrorEquals": ["States.ALL"], "IntervalSeconds": 1, "BackoffRate": 1.5, "MaxAttempts": 3}]}}"""),
                "{}");

        assertEquals(ExecutionStatus.SUCCEEDED, result.status());
        assertEquals(json("{\"attempt\": 3, \"retries\": 2}"), json(result.output()));
        List<Long> times = local.lambdas.callTimes("flaky");
        assertEquals(3, times.size());
        long firstDelay = (times.get(1) - times.get(0)) / 1_000_000;
        long secondDelay = (times.get(2) - times.get(1)) / 1_000_000;
        // The due time is kept in whole wall-clock milliseconds (for replay), so a retry may come up to 1 ms early.
        assertTrue(firstDelay >= 999, "first retry after IntervalSeconds: " + firstDelay);
        assertTrue(secondDelay >= 1499 && secondDelay > firstDelay, "second retry backs off: " + secondDelay);
    }

    @Test
    void aRetrierWhoseAttemptsAreSpentLetsTheCatcherHandleTheError() {
        DescribeExecutionResponse result = local.run(machine("Call", """
                {
                    "Call": {"Type": "Task", "Resource": "arn:aws:states:::lambda:invoke", "Next": "Done",
                        "Arguments": {"FunctionName": "reject", "Payload": {"job": "J-1"}},
                        "Retry": [{"ErrorEquals": ["States.TaskFailed"], "MaxAttempts": 0}],
                        "Catch": [{"ErrorEquals": ["States.ALL"], "Next": "Handled"}]},
                    "Handled": {"Type": "Pass", "End": true},
                    "Done": {"Type": "Succeed"}
                }"""), "{}");

        assertEquals(ExecutionStatus.SUCCEEDED, result.status());
        // The catcher's default output is the error output.
        assertEquals("java.lang.IllegalStateException", json(result.output()).get("Error").asText());
    }

    @Test
    void aTokenTaskPastItsTimeoutSecondsFailsWithStatesTimeoutAndItsTokenThenTimesOut() throws Exception {
        local.lambdas.register("activate", local.lambdas.tokenRecorder());
        String executionArn = local.start(local.create(machine("Human", """
                {
                    "Human": {"Type": "Task", "Resource": "arn:aws:states:::lambda:invoke.waitForTaskToken",
                        "TimeoutSeconds": 1, "End": true,
                        "Arguments": {"FunctionName": "activate", "Payload": {"token": "{% $states.context.Task.Token %}"}},
                        "Catch": [{"ErrorEquals": ["States.Timeout"], "Next": "Late"}]},
                    "Late": {"Type": "Pass", "Output": "{% $states.input.Error %}", "End": true}
                }""")), "{}");
        String token = local.lambdas.nextToken();
        assertThrows(InvalidOutputException.class, () -> local.sfn.sendTaskSuccess(b -> b.taskToken(token).output("{oops")));

        DescribeExecutionResponse result = local.awaitEnd(executionArn);

        assertEquals(ExecutionStatus.SUCCEEDED, result.status());
        assertEquals("\"States.Timeout\"", result.output());
        assertTrue(local.history(executionArn).stream().anyMatch(e -> e.type() == HistoryEventType.TASK_TIMED_OUT));
        assertThrows(TaskTimedOutException.class, () -> local.sfn.sendTaskSuccess(b -> b.taskToken(token).output("{}")));
    }

    @Test
    void heartbeatsKeepATokenTaskAliveAndTheirAbsenceTimesItOut() throws Exception {
        local.lambdas.register("activate", local.lambdas.tokenRecorder());
        String machineArn = local.create(machine("Human", """
                {"Human": {"Type": "Task", "Resource": "arn:aws:states:::lambda:invoke.waitForTaskToken",
                    "HeartbeatSeconds": 1, "End": true,
                    "Arguments": {"FunctionName": "activate", "Payload": {"token": "{% $states.context.Task.Token %}"}}}}"""));

        String kept = local.start(machineArn, "{}");
        String token = local.lambdas.nextToken();
        for (int i = 0; i < 2; i++) {
            LocalSfn.sleep(600);
            local.sfn.sendTaskHeartbeat(b -> b.taskToken(token));
        }
        local.sfn.sendTaskSuccess(b -> b.taskToken(token).output("{\"done\": true}"));
        assertEquals(ExecutionStatus.SUCCEEDED, local.awaitEnd(kept).status());

        String silent = local.start(machineArn, "{}");
        local.lambdas.nextToken();
        DescribeExecutionResponse timedOut = local.awaitEnd(silent);
        assertEquals(ExecutionStatus.FAILED, timedOut.status());
        assertEquals("States.HeartbeatTimeout", timedOut.error());
    }
}
