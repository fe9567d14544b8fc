package dev.wfm.local.stepfunctions.protocol;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.wfm.local.stepfunctions.definition.JsonValues;
import dev.wfm.local.stepfunctions.definition.StateMachine;
import dev.wfm.local.stepfunctions.execution.Execution;
import dev.wfm.local.stepfunctions.execution.ExecutionStart;
import dev.wfm.local.stepfunctions.history.HistoryEvent;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.Comparator;
import java.util.List;
import java.util.UUID;

/** StartExecution, DescribeExecution, ListExecutions, StopExecution, GetExecutionHistory. */
final class ExecutionOperations {

    private final Engine engine;

    ExecutionOperations(Engine engine) {
        this.engine = engine;
    }

    ObjectNode start(Request request) {
        StateMachine machine = engine.stateMachine(request.required("stateMachineArn"));
        String name = request.optional("name");
        if (name == null) {
            name = UUID.randomUUID().toString();
        }
        Arns.checkName(name, "execution");
        String input = request.optional("input");
        if (input == null) {
            input = "{}";
        }
        Object parsed = parseInput(input);
        Execution execution = engine.startExecution(machine, name, input, parsed);
        return JsonValues.object().put("executionArn", execution.start().arn())
                .put("startDate", HistoryEvent.epochSeconds(execution.start().startDate()));
    }

    private static Object parseInput(String input) {
        if (JsonValues.exceedsPayloadLimit(input)) {
            throw new SfnApiException(ApiError.INVALID_EXECUTION_INPUT,
                    "Invalid State Machine Execution Input: 'The input exceeds 262144 bytes'");
        }
        try {
            return JsonValues.parse(input);
        } catch (JsonProcessingException e) {
            throw new SfnApiException(ApiError.INVALID_EXECUTION_INPUT,
                    "Invalid State Machine Execution Input: '" + e.getOriginalMessage() + "'");
        }
    }

    ObjectNode describe(Request request) {
        Execution execution = engine.execution(request.required("executionArn"));
        ExecutionStart start = execution.start();
        Execution.Outcome outcome = execution.outcome();
        ObjectNode response = summary(execution).put("input", start.input());
        response.putObject("inputDetails").put("included", true);
        if (outcome.output() != null) {
            response.put("output", outcome.output());
            response.putObject("outputDetails").put("included", true);
        }
        if (outcome.error() != null) {
            response.put("error", outcome.error());
        }
        if (outcome.cause() != null) {
            response.put("cause", outcome.cause());
        }
        return response.put("redriveCount", 0).put("redriveStatus", "NOT_REDRIVABLE");
    }

    /** Newest first, as AWS lists them. */
    ObjectNode list(Request request) {
        StateMachine machine = engine.stateMachine(request.required("stateMachineArn"));
        String statusFilter = request.optional("statusFilter");
        Execution.Status status = statusFilter == null ? null : status(statusFilter);
        List<Execution> matching = engine.executions().stream()
                .filter(execution -> execution.start().stateMachineArn().equals(machine.arn()))
                .filter(execution -> status == null || execution.outcome().status() == status)
                .sorted(Comparator.comparingLong((Execution execution) -> execution.start().startDate()).reversed()
                        .thenComparing(execution -> execution.start().name()))
                .toList();
        return Pages.page(request, matching, 100, "executions", this::summary);
    }

    private static Execution.Status status(String name) {
        try {
            return Execution.Status.valueOf(name);
        } catch (IllegalArgumentException e) {
            throw SfnApiException.constraint("statusFilter", name,
                    "Member must satisfy enum value set: " + Arrays.toString(Execution.Status.values()));
        }
    }

    private ObjectNode summary(Execution execution) {
        ExecutionStart start = execution.start();
        Execution.Outcome outcome = execution.outcome();
        ObjectNode item = JsonValues.object().put("executionArn", start.arn()).put("stateMachineArn", start.stateMachineArn())
                .put("name", start.name()).put("status", outcome.status().name())
                .put("startDate", HistoryEvent.epochSeconds(start.startDate()));
        if (outcome.stopDate() != null) {
            item.put("stopDate", HistoryEvent.epochSeconds(outcome.stopDate()));
        }
        return item;
    }

    /** Stopping a finished execution changes nothing and answers its stop date. */
    ObjectNode stop(Request request) {
        Execution execution = engine.execution(request.required("executionArn"));
        execution.fail(Execution.Status.ABORTED, request.optional("error"), request.optional("cause"));
        return JsonValues.object().put("stopDate", HistoryEvent.epochSeconds(execution.outcome().stopDate()));
    }

    ObjectNode history(Request request) {
        Execution execution = engine.execution(request.required("executionArn"));
        boolean includeData = request.optionalBoolean("includeExecutionData", true);
        List<HistoryEvent> events = new ArrayList<>(execution.history().events());
        if (request.optionalBoolean("reverseOrder", false)) {
            Collections.reverse(events);
        }
        return Pages.page(request, events, 100, "events", event -> {
            ObjectNode json = event.toApi();
            if (!includeData) {
                json.findParents("input").forEach(parent -> ((ObjectNode) parent).remove("input"));
                json.findParents("output").forEach(parent -> ((ObjectNode) parent).remove("output"));
            }
            return json;
        });
    }
}
