package dev.wfm.local.stepfunctions;

import static dev.wfm.local.stepfunctions.Asl.json;
import static dev.wfm.local.stepfunctions.Asl.machine;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.sfn.model.DescribeExecutionResponse;
import software.amazon.awssdk.services.sfn.model.ExecutionStatus;
import software.amazon.awssdk.services.sfn.model.HistoryEvent;
import software.amazon.awssdk.services.sfn.model.HistoryEventType;

class ParallelAndMapTest {

    private static final AtomicInteger RUNNING = new AtomicInteger();
    private static final AtomicInteger MOST_RUNNING = new AtomicInteger();
    private static LocalSfn local;

    @BeforeAll
    static void start() {
        local = new LocalSfn();
        // Later items finish first, so ordered results prove ordering is by index, not by completion.
        local.lambdas.register("slowSquare", payload -> {
            MOST_RUNNING.accumulateAndGet(RUNNING.incrementAndGet(), Math::max);
            int n = payload.get("n").asInt();
            Thread.sleep(10L * (6 - n));
            RUNNING.decrementAndGet();
            return Map.of("square", n * n);
        });
    }

    @AfterAll
    static void stop() {
        local.close();
    }

    @Test
    void parallelAnswersBranchOutputsInBranchOrder() {
        DescribeExecutionResponse result = local.run(machine("Both", """
                {"Both": {"Type": "Parallel", "End": true,
                    "Arguments": {"n": "{% $states.input.n %}"},
                    "Branches": [
                        {"StartAt": "Slow", "States": {"Slow": {"Type": "Task", "Resource": "arn:aws:states:::lambda:invoke",
                            "Arguments": {"FunctionName": "slowSquare", "Payload": {"n": 1}},
                            "Output": "{% $states.result.Payload.square %}", "End": true}}},
                        {"StartAt": "Quick", "States": {"Quick": {"Type": "Pass", "Output": "{% $states.input.n + 100 %}", "End": true}}}
                    ]}}"""), "{\"n\": 5}");

        assertEquals(ExecutionStatus.SUCCEEDED, result.status());
        assertEquals(json("[1, 105]"), json(result.output()));
    }

    @Test
    void mapKeepsItemOrderAndHonoursMaxConcurrency() {
        MOST_RUNNING.set(0);
        DescribeExecutionResponse result = local.run(machine("Each", """
                {"Each": {"Type": "Map", "End": true, "MaxConcurrency": 2,
                    "Items": "{% $states.input.numbers %}",
                    "ItemSelector": {"n": "{% $states.context.Map.Item.Value %}", "index": "{% $states.context.Map.Item.Index %}"},
                    "ItemProcessor": {"ProcessorConfig": {"Mode": "INLINE"}, "StartAt": "Square", "States": {
                        "Square": {"Type": "Task", "Resource": "arn:aws:states:::lambda:invoke", "End": true,
                            "Arguments": {"FunctionName": "slowSquare", "Payload": {"n": "{% $states.input.n %}"}},
                            "Output": "{% $states.input.index & ':' & $states.result.Payload.square %}"}}},
                    "Output": "{% $states.result %}"}}"""), "{\"numbers\": [1, 2, 3, 4, 5]}");

        assertEquals(ExecutionStatus.SUCCEEDED, result.status());
        assertEquals(json("[\"0:1\", \"1:4\", \"2:9\", \"3:16\", \"4:25\"]"), json(result.output()));
        assertTrue(MOST_RUNNING.get() <= 2, "at most 2 at once, saw " + MOST_RUNNING.get());
        List<HistoryEvent> events = local.history(result.executionArn());
        assertEquals(5, events.stream().filter(e -> e.type() == HistoryEventType.MAP_ITERATION_SUCCEEDED).count());
        assertEquals(5, events.stream().filter(e -> e.type() == HistoryEventType.MAP_STATE_STARTED).findFirst()
                .orElseThrow().mapStateStartedEventDetails().length());
    }

    @Test
    void branchesReadOuterVariablesButTheirAssignmentsDoNotLeakOut() {
        DescribeExecutionResponse result = local.run(machine("Init", """
                {
                    "Init": {"Type": "Pass", "Assign": {"owner": "ana", "count": 1}, "Next": "Each"},
                    "Each": {"Type": "Map", "Items": [10, 20], "Next": "After",
                        "ItemProcessor": {"StartAt": "Inner", "States": {
                            "Inner": {"Type": "Pass", "Assign": {"count": "{% $count + $states.input %}"}, "Next": "Read"},
                            "Read": {"Type": "Pass", "Output": "{% $owner & ':' & $count %}", "End": true}}}},
                    "After": {"Type": "Pass", "Output": "{% {'items': $states.input, 'count': $count} %}", "End": true}
                }"""), "{}");

        assertEquals(json("{\"items\": [\"ana:11\", \"ana:21\"], \"count\": 1}"), json(result.output()));
    }

    @Test
    void aFailingBranchFailsTheParallelWithItsErrorWhichCatchHandles() {
        DescribeExecutionResponse result = local.run(machine("Both", """
                {
                    "Both": {"Type": "Parallel", "Next": "Done",
                        "Branches": [
                            {"StartAt": "Wait", "States": {"Wait": {"Type": "Wait", "Seconds": 10, "End": true}}},
                            {"StartAt": "Boom", "States": {"Boom": {"Type": "Fail", "Error": "Branch.Broken", "Cause": "boom"}}}],
                        "Catch": [{"ErrorEquals": ["Branch.Broken"], "Next": "Caught",
                                              "Output": "{% $states.errorOutput.Cause %}"}]},
                    "Caught": {"Type": "Pass", "End": true},
                    "Done": {"Type": "Succeed"}
                }"""), "{}");

        assertEquals(ExecutionStatus.SUCCEEDED, result.status());
        assertEquals("\"boom\"", result.output());
        List<HistoryEventType> types = local.history(result.executionArn()).stream().map(HistoryEvent::type).toList();
        assertTrue(types.contains(HistoryEventType.PARALLEL_STATE_FAILED), types.toString());
    }

    @Test
    void mapOverAnEmptyArrayAnswersAnEmptyArray() {
        DescribeExecutionResponse result = local.run(machine("Each", """
                {"Each": {"Type": "Map", "End": true, "ItemProcessor": {"StartAt": "P", "States": {
                    "P": {"Type": "Pass", "End": true}}}}}"""), "[]");

        assertEquals(ExecutionStatus.SUCCEEDED, result.status());
        assertEquals("[]", result.output());
    }

    @Test
    void aThousandQuickIterationsRunWithoutDeepStacks() {
        DescribeExecutionResponse result = local.run(machine("Each", """
                {"Each": {"Type": "Map", "End": true, "Items": "{% [1..1000] %}",
                    "ItemProcessor": {"StartAt": "P", "States": {
                        "P": {"Type": "Pass", "Output": "{% $states.input * 2 %}", "End": true}}},
                    "Output": "{% $sum($states.result) %}"}}"""), "{}");

        assertEquals(ExecutionStatus.SUCCEEDED, result.status());
        assertEquals("1001000", result.output());
    }
}
