package dev.wfm.local.stepfunctions;

import static dev.wfm.local.stepfunctions.Asl.json;
import static dev.wfm.local.stepfunctions.Asl.machine;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.services.sfn.model.DescribeExecutionResponse;
import software.amazon.awssdk.services.sfn.model.ExecutionStatus;
import software.amazon.awssdk.services.sfn.model.HistoryEvent;
import software.amazon.awssdk.services.sfn.model.HistoryEventType;

/** Executions outlive the service: they are replayed from their recorded history after a restart. */
class PersistenceTest {

    @TempDir
    Path stateDir;

    private final FakeLambdas lambdas = new FakeLambdas()
            .register("lookup", payload -> Map.of("priority", "high"))
            .register("activate", payload -> {
                throw new IllegalStateException("replaced below");
            });

    @Test
    void anExecutionWaitingOnATokenCompletesWithThatTokenAfterARestart() throws Exception {
        lambdas.register("activate", lambdas.tokenRecorder());
        String executionArn;
        String token;
        try (LocalSfn before = new LocalSfn(stateDir, lambdas)) {
            executionArn = before.start(before.create(machine("Lookup", """
                    {
                        "Lookup": {"Type": "Task", "Resource": "arn:aws:states:::lambda:invoke", "Next": "Activate",
                            "Arguments": {"FunctionName": "lookup"},
                            "Assign": {"priority": "{% $states.result.Payload.priority %}"}},
                        "Activate": {"Type": "Task", "Resource": "arn:aws:states:::lambda:invoke.waitForTaskToken", "Next": "Done",
                            "Arguments": {"FunctionName": "activate", "Payload": {"token": "{% $states.context.Task.Token %}"}},
                            "Output": "{% {'returnCode': $states.result.returnCode, 'priority': $priority} %}"},
                        "Done": {"Type": "Succeed"}
                    }""")), "{\"job\": 7}");
            token = lambdas.nextToken();
            awaitEvent(before, executionArn, HistoryEventType.TASK_SUBMITTED);
        }

        try (LocalSfn after = new LocalSfn(stateDir, lambdas)) {
            assertEquals(ExecutionStatus.RUNNING, after.sfn.describeExecution(b -> b.executionArn(executionArn)).status());
            after.sfn.sendTaskSuccess(b -> b.taskToken(token).output("{\"returnCode\": \"DONE\"}"));

            DescribeExecutionResponse result = after.awaitEnd(executionArn);
            assertEquals(ExecutionStatus.SUCCEEDED, result.status());
            // The variable assigned before the restart is back, from the recorded Lambda result.
            assertEquals(json("{\"returnCode\": \"DONE\", \"priority\": \"high\"}"), json(result.output()));
            assertEquals(1, lambdas.callCount("lookup"), "a recorded outcome is not invoked again");
            assertEquals(1, lambdas.callCount("activate"), "a submitted token task is not invoked again");
            List<HistoryEvent> events = after.history(executionArn);
            assertEquals(2, events.stream().filter(e -> e.type() == HistoryEventType.TASK_SCHEDULED).count());
            for (int i = 0; i < events.size(); i++) {
                assertEquals(i + 1, events.get(i).id());
            }
        }
    }

    @Test
    void aWaitStateContinuesAfterARestart() {
        String executionArn;
        long started = System.nanoTime();
        try (LocalSfn before = new LocalSfn(stateDir, lambdas)) {
            executionArn = before.start(before.create(machine("Pause", """
                    {"Pause": {"Type": "Wait", "Seconds": 1, "Output": "done", "End": true}}""")), "{}");
            awaitEvent(before, executionArn, HistoryEventType.WAIT_STATE_ENTERED);
        }

        try (LocalSfn after = new LocalSfn(stateDir, lambdas)) {
            DescribeExecutionResponse result = after.awaitEnd(executionArn);

            assertEquals(ExecutionStatus.SUCCEEDED, result.status());
            assertEquals("\"done\"", result.output());
            assertTrue((System.nanoTime() - started) / 1_000_000 >= 1000, "the wait was honoured");
            assertEquals(1, after.history(executionArn).stream()
                    .filter(e -> e.type() == HistoryEventType.WAIT_STATE_ENTERED).count());
        }
    }

    @Test
    void stateMachinesAndFinishedExecutionsAreKept() {
        String machineArn;
        String executionArn;
        int events;
        try (LocalSfn before = new LocalSfn(stateDir, lambdas)) {
            machineArn = before.create(machine("P", "{\"P\": {\"Type\": \"Pass\", \"End\": true}}"));
            executionArn = before.start(machineArn, "{\"kept\": true}");
            before.awaitEnd(executionArn);
            events = before.history(executionArn).size();
        }

        try (LocalSfn after = new LocalSfn(stateDir, lambdas)) {
            assertEquals(machineArn, after.sfn.describeStateMachine(b -> b.stateMachineArn(machineArn)).stateMachineArn());
            DescribeExecutionResponse described = after.sfn.describeExecution(b -> b.executionArn(executionArn));
            assertEquals(ExecutionStatus.SUCCEEDED, described.status());
            assertEquals(json("{\"kept\": true}"), json(described.output()));
            assertEquals(events, after.history(executionArn).size());
            // A finished execution's name stays taken.
            assertEquals(1, after.sfn.listExecutions(b -> b.stateMachineArn(machineArn)).executions().size());
        }
    }

    private static void awaitEvent(LocalSfn local, String executionArn, HistoryEventType type) {
        long deadline = System.nanoTime() + 10_000_000_000L;
        while (local.history(executionArn).stream().noneMatch(e -> e.type() == type)) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("No " + type + " event in 10 s");
            }
            LocalSfn.sleep(10);
        }
    }
}
