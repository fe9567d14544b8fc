package dev.wfm.local.stepfunctions;

import static dev.wfm.local.stepfunctions.Asl.json;
import static dev.wfm.local.stepfunctions.Asl.machine;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.sfn.model.DescribeExecutionResponse;
import software.amazon.awssdk.services.sfn.model.ExecutionStatus;
import software.amazon.awssdk.services.sfn.model.HistoryEvent;
import software.amazon.awssdk.services.sfn.model.HistoryEventType;

class FlowStatesTest {

    private static LocalSfn local;

    @BeforeAll
    static void start() {
        local = new LocalSfn();
    }

    @AfterAll
    static void stop() {
        local.close();
    }

    @Test
    void passChainAssignsVariablesThatLaterStatesRead() {
        String definition = machine("First", """
                {
                    "First": {"Type": "Pass", "Next": "Second",
                        "Assign": {"count": "{% $states.input.start %}", "label": "first"},
                        "Output": {"seen": ["{% $states.context.State.Name %}"]}},
                    "Second": {"Type": "Pass", "Next": "Done",
                        "Assign": {"count": "{% $count + 1 %}"},
                        "Output": "{% {'seen': $append($states.input.seen, $states.context.State.Name), 'countBefore': $count} %}"},
                    "Done": {"Type": "Succeed",
                        "Output": "{% $merge([$states.input, {'count': $count, 'label': $label}]) %}"}
                }""");

        DescribeExecutionResponse result = local.run(definition, "{\"start\": 41}");

        assertEquals(ExecutionStatus.SUCCEEDED, result.status());
        // Output sees the variables as they were before the state's own Assign.
        assertEquals(json("{\"seen\": [\"First\", \"Second\"], \"countBefore\": 41, \"count\": 42, \"label\": \"first\"}"),
                json(result.output()));
    }

    @Test
    void choiceTakesTheFirstTrueConditionElseTheDefault() {
        String machineArn = local.create(machine("Route", """
                {
                    "Route": {"Type": "Choice", "Default": "Small",
                        "Choices": [
                            {"Condition": "{% $states.input.size > 100 %}", "Next": "Huge"},
                            {"Condition": "{% $states.input.size > 10 %}", "Next": "Big", "Output": {"rule": "big"}}]},
                    "Huge": {"Type": "Pass", "Output": "huge", "End": true},
                    "Big": {"Type": "Pass", "Output": "{% $states.input.rule %}", "End": true},
                    "Small": {"Type": "Pass", "Output": "small", "End": true}
                }"""));

        Map<String, String> expected = Map.of("{\"size\": 500}", "\"huge\"", "{\"size\": 50}", "\"big\"",
                "{\"size\": 5}", "\"small\"");
        expected.forEach((input, output) ->
                assertEquals(output, local.awaitEnd(local.start(machineArn, input)).output(), input));
    }

    @Test
    void choiceWithoutAMatchOrDefaultFailsWithNoChoiceMatched() {
        DescribeExecutionResponse result = local.run(machine("Route", """
                {
                    "Route": {"Type": "Choice", "Choices": [{"Condition": "{% $states.input.go %}", "Next": "Done"}]},
                    "Done": {"Type": "Succeed"}
                }"""), "{\"go\": false}");

        assertEquals(ExecutionStatus.FAILED, result.status());
        assertEquals("States.NoChoiceMatched", result.error());
    }

    @Test
    void waitHoldsForItsSecondsAndATimestampInThePastDoesNotWait() {
        String definition = machine("Pause", """
                {
                    "Pause": {"Type": "Wait", "Seconds": "{% $states.input.seconds %}", "Next": "Past"},
                    "Past": {"Type": "Wait", "Timestamp": "2001-01-01T00:00:00Z", "Output": "waited", "End": true}
                }""");

        long started = System.nanoTime();
        DescribeExecutionResponse result = local.run(definition, "{\"seconds\": 1}");

        assertEquals(ExecutionStatus.SUCCEEDED, result.status());
        assertEquals("\"waited\"", result.output());
        assertTrue(Duration.ofNanos(System.nanoTime() - started).toMillis() >= 1000, "waited at least 1 s");
        List<HistoryEvent> events = local.history(result.executionArn());
        assertEquals(2, events.stream().filter(e -> e.type() == HistoryEventType.WAIT_STATE_EXITED).count());
    }

    @Test
    void failStateFailsTheExecutionWithItsErrorAndCause() {
        DescribeExecutionResponse result = local.run(machine("Stop", """
                {"Stop": {"Type": "Fail", "Error": "Job.Rejected", "Cause": "{% 'rejected by ' & $states.input.who %}"}}"""),
                "{\"who\": \"ana\"}");

        assertEquals(ExecutionStatus.FAILED, result.status());
        assertEquals("Job.Rejected", result.error());
        assertEquals("rejected by ana", result.cause());
    }

    @Test
    void anExpressionThatCannotBeEvaluatedFailsWithQueryEvaluationError() {
        DescribeExecutionResponse result = local.run(machine("Bad", """
                {"Bad": {"Type": "Pass", "Output": "{% $number('not a number') %}", "End": true}}"""), "{}");

        assertEquals(ExecutionStatus.FAILED, result.status());
        assertEquals("States.QueryEvaluationError", result.error());
    }

    @Test
    void contextObjectDescribesTheExecutionAndTheState() {
        String machineArn = local.create(machine("Look", """
                {"Look": {"Type": "Pass", "Output": "{% $states.context %}", "End": true}}"""));
        String executionArn = local.sfn.startExecution(b -> b.stateMachineArn(machineArn).name("look-1").input("{\"a\":1}"))
                .executionArn();

        var context = json(local.awaitEnd(executionArn).output());

        assertEquals(executionArn, context.at("/Execution/Id").asText());
        assertEquals("look-1", context.at("/Execution/Name").asText());
        assertEquals(1, context.at("/Execution/Input/a").asInt());
        assertEquals(LocalSfn.ROLE, context.at("/Execution/RoleArn").asText());
        assertEquals(machineArn, context.at("/StateMachine/Id").asText());
        assertEquals("Look", context.at("/State/Name").asText());
        assertEquals(0, context.at("/State/RetryCount").asInt());
        assertTrue(context.at("/State/EnteredTime").asText().matches("\\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d:\\d\\d\\.\\d{3}Z"));
    }

    @Test
    void historyListsEveryStateWithChainedIdsAndAssignedVariables() {
        DescribeExecutionResponse result = local.run(machine("Start", """
                {
                    "Start": {"Type": "Pass", "Assign": {"x": 1}, "Next": "Route"},
                    "Route": {"Type": "Choice", "Choices": [{"Condition": "{% $x = 1 %}", "Next": "Done"}]},
                    "Done": {"Type": "Succeed"}
                }"""), "{}");

        List<HistoryEvent> events = local.history(result.executionArn());

        assertEquals(List.of(HistoryEventType.EXECUTION_STARTED, HistoryEventType.PASS_STATE_ENTERED,
                HistoryEventType.PASS_STATE_EXITED, HistoryEventType.CHOICE_STATE_ENTERED, HistoryEventType.CHOICE_STATE_EXITED,
                HistoryEventType.SUCCEED_STATE_ENTERED, HistoryEventType.SUCCEED_STATE_EXITED,
                HistoryEventType.EXECUTION_SUCCEEDED), events.stream().map(HistoryEvent::type).toList());
        for (int i = 0; i < events.size(); i++) {
            assertEquals(i + 1, events.get(i).id());
            assertEquals(i, events.get(i).previousEventId());
        }
        assertEquals("Start", events.get(1).stateEnteredEventDetails().name());
        assertEquals(Map.of("x", "1"), events.get(2).stateExitedEventDetails().assignedVariables());
        assertEquals("{}", events.get(0).executionStartedEventDetails().input());
    }

    @Test
    void anExecutionPastItsTimeoutSecondsTimesOut() {
        DescribeExecutionResponse result = local.run("""
                {"QueryLanguage": "JSONata", "TimeoutSeconds": 1, "StartAt": "Long",
                  "States": {"Long": {"Type": "Wait", "Seconds": 30, "End": true}}}""", "{}");

        assertEquals(ExecutionStatus.TIMED_OUT, result.status());
        assertEquals("States.Timeout", result.error());
    }
}
