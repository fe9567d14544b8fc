package dev.wfm.local.stepfunctions;

import static dev.wfm.local.stepfunctions.Asl.json;
import static dev.wfm.local.stepfunctions.Asl.machine;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.sfn.model.CreateStateMachineResponse;
import software.amazon.awssdk.services.sfn.model.DescribeStateMachineResponse;
import software.amazon.awssdk.services.sfn.model.ExecutionAlreadyExistsException;
import software.amazon.awssdk.services.sfn.model.ExecutionDoesNotExistException;
import software.amazon.awssdk.services.sfn.model.ExecutionListItem;
import software.amazon.awssdk.services.sfn.model.ExecutionStatus;
import software.amazon.awssdk.services.sfn.model.InvalidArnException;
import software.amazon.awssdk.services.sfn.model.InvalidDefinitionException;
import software.amazon.awssdk.services.sfn.model.InvalidExecutionInputException;
import software.amazon.awssdk.services.sfn.model.InvalidNameException;
import software.amazon.awssdk.services.sfn.model.InvalidTokenException;
import software.amazon.awssdk.services.sfn.model.StartExecutionResponse;
import software.amazon.awssdk.services.sfn.model.StateMachineAlreadyExistsException;
import software.amazon.awssdk.services.sfn.model.StateMachineDoesNotExistException;
import software.amazon.awssdk.services.sfn.model.ValidateStateMachineDefinitionResponse;
import software.amazon.awssdk.services.sfn.model.ValidateStateMachineDefinitionResultCode;
import software.amazon.awssdk.services.sfn.model.ValidationException;

/** The API surface: operations, idempotency, and every error answered with the SDK's exception class. */
class ApiTest {

    private static final String WAITING = machine("Hold", """
            {"Hold": {"Type": "Wait", "Seconds": 60, "End": true}}""");
    private static final String PASS = machine("P", """
            {"P": {"Type": "Pass", "End": true}}""");

    private static LocalSfn local;
    private static final HttpClient HTTP = HttpClient.newHttpClient();

    @BeforeAll
    static void start() {
        local = new LocalSfn();
    }

    @AfterAll
    static void stop() {
        local.close();
    }

    @Test
    void createIsIdempotentForTheSameDefinitionAndRefusesAnother() {
        String name = "orders-" + UUID.randomUUID();
        CreateStateMachineResponse first = local.sfn.createStateMachine(b -> b.name(name).definition(PASS).roleArn(LocalSfn.ROLE));
        CreateStateMachineResponse again = local.sfn.createStateMachine(b -> b.name(name).definition(PASS).roleArn(LocalSfn.ROLE));

        assertEquals(first.stateMachineArn(), again.stateMachineArn());
        assertEquals("arn:aws:states:us-east-1:000000000000:stateMachine:" + name, first.stateMachineArn());
        assertThrows(StateMachineAlreadyExistsException.class,
                () -> local.sfn.createStateMachine(b -> b.name(name).definition(WAITING).roleArn(LocalSfn.ROLE)));
    }

    @Test
    void describeUpdateListAndDeleteAStateMachine() {
        String arn = local.create(PASS);
        local.sfn.updateStateMachine(b -> b.stateMachineArn(arn).definition(WAITING));

        DescribeStateMachineResponse described = local.sfn.describeStateMachine(b -> b.stateMachineArn(arn));
        assertEquals(WAITING, described.definition());
        assertEquals(LocalSfn.ROLE, described.roleArn());
        assertEquals("ACTIVE", described.statusAsString());
        assertTrue(local.sfn.listStateMachinesPaginator(b -> b.maxResults(1)).stateMachines().stream()
                .anyMatch(item -> item.stateMachineArn().equals(arn)));

        local.sfn.deleteStateMachine(b -> b.stateMachineArn(arn));
        assertThrows(StateMachineDoesNotExistException.class, () -> local.sfn.describeStateMachine(b -> b.stateMachineArn(arn)));
    }

    @Test
    void startExecutionIsIdempotentOnNameAndInputWhileRunning() {
        String machineArn = local.create(WAITING);
        StartExecutionResponse first = local.sfn.startExecution(b -> b.stateMachineArn(machineArn).name("job-1").input("{\"a\": 1}"));
        StartExecutionResponse same = local.sfn.startExecution(b -> b.stateMachineArn(machineArn).name("job-1").input("{ \"a\" : 1 }"));

        assertEquals(first.executionArn(), same.executionArn());
        assertEquals(first.startDate(), same.startDate());
        assertThrows(ExecutionAlreadyExistsException.class,
                () -> local.sfn.startExecution(b -> b.stateMachineArn(machineArn).name("job-1").input("{\"a\": 2}")));
        local.sfn.stopExecution(b -> b.executionArn(first.executionArn()));
        assertThrows(ExecutionAlreadyExistsException.class,
                () -> local.sfn.startExecution(b -> b.stateMachineArn(machineArn).name("job-1").input("{\"a\": 1}")));
    }

    @Test
    void listExecutionsFiltersByStatusAndPages() {
        String machineArn = local.create(WAITING);
        List<String> started = IntStream.range(0, 3).mapToObj(i -> local.start(machineArn, "{}")).toList();
        local.sfn.stopExecution(b -> b.executionArn(started.get(0)));

        List<ExecutionListItem> running = local.sfn.listExecutionsPaginator(b -> b.stateMachineArn(machineArn)
                .statusFilter(ExecutionStatus.RUNNING).maxResults(1)).executions().stream().toList();
        List<ExecutionListItem> aborted = local.sfn.listExecutions(b -> b.stateMachineArn(machineArn)
                .statusFilter(ExecutionStatus.ABORTED)).executions();

        assertEquals(2, running.size());
        assertEquals(List.of(started.get(0)), aborted.stream().map(ExecutionListItem::executionArn).toList());
        started.forEach(arn -> local.sfn.stopExecution(b -> b.executionArn(arn)));
    }

    @Test
    void eachApiErrorRaisesTheMatchingSdkException() {
        String machineArn = local.create(PASS);
        String missingMachine = "arn:aws:states:us-east-1:000000000000:stateMachine:missing";
        String missingExecution = "arn:aws:states:us-east-1:000000000000:execution:missing:nope";

        assertThrows(StateMachineDoesNotExistException.class, () -> local.start(missingMachine, "{}"));
        assertThrows(ExecutionDoesNotExistException.class,
                () -> local.sfn.describeExecution(b -> b.executionArn(missingExecution)));
        assertThrows(InvalidArnException.class, () -> local.sfn.describeExecution(b -> b.executionArn("not-an-arn")));
        assertThrows(InvalidNameException.class,
                () -> local.sfn.startExecution(b -> b.stateMachineArn(machineArn).name("has space")));
        assertThrows(InvalidExecutionInputException.class, () -> local.start(machineArn, "{not json"));
        assertThrows(InvalidTokenException.class, () -> local.sfn.sendTaskSuccess(b -> b.taskToken("x").output("{}")));
        assertThrows(ValidationException.class, () -> local.sfn.describeExecution(b -> { }));
        InvalidDefinitionException invalid = assertThrows(InvalidDefinitionException.class, () -> local.create(
                machine("Bad", "{\"Bad\": {\"Type\": \"Pass\", \"Output\": \"{% $states.input. %}\", \"End\": true}}")));
        assertTrue(invalid.getMessage().contains("/States/Bad/Output"), invalid.getMessage());
    }

    @Test
    void validateReportsOkOrEveryProblemWithItsLocation() {
        ValidateStateMachineDefinitionResponse ok = local.sfn.validateStateMachineDefinition(b -> b.definition(PASS));
        ValidateStateMachineDefinitionResponse bad = local.sfn.validateStateMachineDefinition(b -> b.definition(machine("A", """
                {"A": {"Type": "Pass", "Next": "Nowhere"}, "B": {"Type": "Pass", "InputPath": "$.x", "End": true}}""")));

        assertEquals(ValidateStateMachineDefinitionResultCode.OK, ok.result());
        assertEquals(ValidateStateMachineDefinitionResultCode.FAIL, bad.result());
        assertEquals(List.of("/States/B/InputPath"), bad.diagnostics().stream().map(d -> d.location()).toList());
    }

    @Test
    void getExecutionHistoryPagesInBothOrdersAndCanOmitData() {
        String executionArn = local.start(local.create(PASS), "{\"secret\": 1}");
        local.awaitEnd(executionArn);

        var forward = local.sfn.getExecutionHistory(b -> b.executionArn(executionArn).maxResults(2));
        var backward = local.sfn.getExecutionHistory(b -> b.executionArn(executionArn).reverseOrder(true)
                .includeExecutionData(false));

        assertEquals(2, forward.events().size());
        assertTrue(forward.nextToken() != null);
        assertEquals(List.of(4L, 3L, 2L, 1L), backward.events().stream().map(e -> e.id()).toList());
        assertEquals(null, backward.events().get(3).executionStartedEventDetails().input());
    }

    @Test
    void malformedRequestsGetAwsErrorShapesAndTheServiceKeepsServing() throws Exception {
        assertError(post("AWSStepFunctions.StartExecution", "{not json"), 400, "SerializationException");
        assertError(post("AWSStepFunctions.StartExecution", "[1, 2]"), 400, "SerializationException");
        assertError(post("AWSStepFunctions.StartExecution", "{\"stateMachineArn\": 42}"), 400, "SerializationException");
        assertError(post("AWSStepFunctions.DescribeExecution", "{}"), 400, "ValidationException");
        assertError(post("AWSStepFunctions.TagResource", "{}"), 400, "UnknownOperationException");
        assertError(post(null, "{}"), 400, "UnknownOperationException");
        assertError(post("AWSStepFunctions.ListExecutions",
                "{\"stateMachineArn\": \"" + local.create(PASS) + "\", \"nextToken\": \"garbage\"}"), 400, "InvalidToken");

        HttpResponse<String> listed = post("AWSStepFunctions.ListStateMachines", "{}");
        assertEquals(200, listed.statusCode());
        assertEquals("application/x-amz-json-1.0", listed.headers().firstValue("Content-Type").orElseThrow());
    }

    private static void assertError(HttpResponse<String> response, int status, String type) {
        assertEquals(status, response.statusCode(), response.body());
        JsonNode body = json(response.body());
        assertEquals(type, body.get("__type").asText(), response.body());
        assertTrue(body.get("message").isTextual());
    }

    private static HttpResponse<String> post(String target, String body) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(local.endpoint + "/"))
                .header("Content-Type", "application/x-amz-json-1.0")
                .POST(HttpRequest.BodyPublishers.ofString(body));
        if (target != null) {
            request.header("X-Amz-Target", target);
        }
        return HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    @Test
    void assignedVariablesAndOutputAppearInStateExitedEvents() {
        String executionArn = local.start(local.create(machine("P", """
                {"P": {"Type": "Pass", "Assign": {"who": "{% $states.input.who %}"}, "Output": {"ok": true}, "End": true}}""")),
                "{\"who\": \"ana\"}");
        local.awaitEnd(executionArn);

        var exited = local.history(executionArn).get(2).stateExitedEventDetails();
        assertEquals(Map.of("who", "\"ana\""), exited.assignedVariables());
        assertEquals(json("{\"ok\": true}"), json(exited.output()));
    }
}
