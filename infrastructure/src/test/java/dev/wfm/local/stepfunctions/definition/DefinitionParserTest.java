package dev.wfm.local.stepfunctions.definition;

import static dev.wfm.local.stepfunctions.Asl.machine;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

class DefinitionParserTest {

    private static List<String> problems(String definition) {
        return DefinitionParser.validate(definition).stream().map(Diagnostic::toString).toList();
    }

    private static void assertProblem(String definition, String expected) {
        List<String> problems = problems(definition);
        assertTrue(problems.stream().anyMatch(p -> p.contains(expected)), "expected '" + expected + "' in " + problems);
    }

    @Test
    void aCompleteDefinitionCompilesWithItsExpressionsParsed() throws Exception {
        StateMachineDefinition compiled = DefinitionParser.compile(machine("Go", """
                {"Go": {"Type": "Pass", "Output": {"a": "{% 1 + 1 %}", "b": [1, "x"]}, "End": true}}"""));

        State.PassState pass = (State.PassState) compiled.graph().state("Go");
        Template.ObjectTemplate output = assertInstanceOf(Template.ObjectTemplate.class, pass.output());
        assertInstanceOf(Template.Expression.class, output.fields().get("a"));
        assertInstanceOf(Template.Literal.class, output.fields().get("b"));
    }

    @Test
    void jsonPathDefinitionsAreRefusedWithAClearMessage() {
        assertProblem("{\"StartAt\": \"A\", \"States\": {\"A\": {\"Type\": \"Pass\", \"End\": true}}}",
                "runs JSONata only");
        assertProblem(machine("A", "{\"A\": {\"Type\": \"Pass\", \"Parameters\": {}, \"End\": true}}"),
                "'Parameters' belongs to JSONPath");
    }

    @Test
    void statesAllMustBeAloneAndLast() {
        assertProblem(machine("T", """
                {"T": {"Type": "Task", "Resource": "arn:aws:states:::lambda:invoke", "Arguments": {"FunctionName": "f"},
                    "End": true, "Retry": [{"ErrorEquals": ["States.ALL"]}, {"ErrorEquals": ["X"]}]}}"""), "States.ALL must appear alone");
        assertProblem(machine("T", """
                {"T": {"Type": "Task", "Resource": "arn:aws:states:::lambda:invoke", "Arguments": {"FunctionName": "f"},
                    "End": true, "Catch": [{"ErrorEquals": ["States.ALL", "X"], "Next": "T"}]}}"""), "States.ALL must appear alone");
        assertProblem(machine("T", """
                {"T": {"Type": "Task", "Resource": "arn:aws:states:::lambda:invoke", "Arguments": {"FunctionName": "f"},
                    "End": true, "Retry": [{"ErrorEquals": ["States.Typo"]}]}}"""), "Unknown predefined error name");
    }

    @Test
    void transitionsMustNameStatesAndEveryStateMustBeReachable() {
        assertProblem(machine("A", "{\"A\": {\"Type\": \"Pass\", \"Next\": \"Nowhere\"}}"), "MISSING_TRANSITION_TARGET");
        assertProblem(machine("A", "{\"A\": {\"Type\": \"Succeed\"}, \"B\": {\"Type\": \"Succeed\"}}"), "'B' is not reachable");
        assertProblem(machine("A", "{\"A\": {\"Type\": \"Pass\"}}"), "either Next or \"End\": true");
        assertProblem(machine("Missing", "{\"A\": {\"Type\": \"Succeed\"}}"), "StartAt names no state");
    }

    @Test
    void invalidJsonataIsReportedWhereItIs() {
        assertProblem(machine("A", "{\"A\": {\"Type\": \"Pass\", \"Output\": {\"x\": [\"{% 1 + %}\"]}, \"End\": true}}"),
                "at /States/A/Output/x/0");
    }

    @Test
    void unsupportedFeaturesAreNamed() {
        assertProblem(machine("T", """
                {"T": {"Type": "Task", "Resource": "arn:aws:states:::dynamodb:putItem", "End": true}}"""), "not supported here");
        assertProblem(machine("M", """
                {"M": {"Type": "Map", "End": true, "ItemProcessor": {"ProcessorConfig": {"Mode": "DISTRIBUTED"},
                    "StartAt": "P", "States": {"P": {"Type": "Pass", "End": true}}}}}"""), "Only ProcessorConfig Mode INLINE");
        assertProblem(machine("T", """
                {"T": {"Type": "Task", "Resource": "arn:aws:states:::lambda:invoke", "Arguments": {}, "End": true}}"""),
                "'FunctionName' is required");
    }

    @Test
    void fieldValuesAreChecked() {
        assertProblem(machine("W", "{\"W\": {\"Type\": \"Wait\", \"Seconds\": -1, \"End\": true}}"), "Seconds must be an integer");
        assertProblem(machine("W", "{\"W\": {\"Type\": \"Wait\", \"Timestamp\": \"tomorrow\", \"End\": true}}"), "ISO-8601");
        assertProblem(machine("W", "{\"W\": {\"Type\": \"Wait\", \"End\": true}}"), "exactly one of Seconds and Timestamp");
        assertProblem(machine("P", "{\"P\": {\"Type\": \"Pass\", \"Assign\": {\"states\": 1}, \"End\": true}}"),
                "Invalid variable name 'states'");
        assertProblem(machine("T", """
                {"T": {"Type": "Task", "Resource": "arn:aws:states:::lambda:invoke", "Arguments": {"FunctionName": "f"},
                    "TimeoutSeconds": 5, "HeartbeatSeconds": 5, "End": true}}"""), "HeartbeatSeconds must be smaller");
        assertProblem("[]", "INVALID_JSON_DESCRIPTION");
        assertEquals(List.of(), problems(machine("A", "{\"A\": {\"Type\": \"Pass\", \"End\": true}}")));
    }

    @Test
    void stateNamesMustBeUniqueAcrossBranches() {
        assertProblem(machine("P", """
                {"P": {"Type": "Parallel", "End": true, "Branches": [
                    {"StartAt": "P", "States": {"P": {"Type": "Succeed"}}}]}}"""), "DUPLICATE_STATE_NAME");
    }
}
