package dev.wfm.local.stepfunctions.protocol;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.wfm.local.stepfunctions.definition.DefinitionParser;
import dev.wfm.local.stepfunctions.definition.Diagnostic;
import dev.wfm.local.stepfunctions.definition.InvalidDefinitionException;
import dev.wfm.local.stepfunctions.definition.JsonValues;
import dev.wfm.local.stepfunctions.definition.StateMachine;
import dev.wfm.local.stepfunctions.definition.StateMachineDefinition;
import dev.wfm.local.stepfunctions.history.HistoryEvent;
import java.util.Comparator;
import java.util.List;
import java.util.UUID;

/** CreateStateMachine, UpdateStateMachine, DescribeStateMachine, ListStateMachines, DeleteStateMachine, ValidateStateMachineDefinition. */
final class StateMachineOperations {

    private static final String STANDARD = "STANDARD";
    private static final int MAX_DEFINITION_BYTES = 1024 * 1024;

    private final Engine engine;
    // Create, update and delete each read then write the machine: one at a time.
    private final Object lock = new Object();

    StateMachineOperations(Engine engine) {
        this.engine = engine;
    }

    /** Idempotent as in AWS: the same name and definition answer the existing machine. */
    ObjectNode create(Request request) {
        String name = request.required("name");
        String definition = request.required("definition");
        String roleArn = request.required("roleArn");
        String type = request.optional("type");
        Arns.checkName(name, "state machine");
        if (type != null && !type.equals(STANDARD)) {
            throw SfnApiException.constraint("type", type, "Only STANDARD state machines are supported by this service");
        }
        StateMachineDefinition compiled = compile(definition);
        synchronized (lock) {
            StateMachine existing = engine.findStateMachine(Arns.stateMachine(name));
            if (existing != null) {
                if (!existing.definition().equals(definition)) {
                    throw new SfnApiException(ApiError.STATE_MACHINE_ALREADY_EXISTS,
                            "State Machine Already Exists: '" + existing.arn() + "'");
                }
                return created(existing);
            }
            long now = System.currentTimeMillis();
            StateMachine machine = new StateMachine(name, Arns.stateMachine(name), definition, roleArn, now, now,
                    UUID.randomUUID().toString(), compiled);
            engine.saveStateMachine(machine);
            return created(machine);
        }
    }

    private static ObjectNode created(StateMachine machine) {
        return JsonValues.object().put("stateMachineArn", machine.arn())
                .put("creationDate", HistoryEvent.epochSeconds(machine.creationDate()));
    }

    /** Running executions keep the definition they started with. */
    ObjectNode update(Request request) {
        String arn = request.required("stateMachineArn");
        String definition = request.optional("definition");
        String roleArn = request.optional("roleArn");
        if (definition == null && roleArn == null) {
            throw new SfnApiException(ApiError.VALIDATION, "Either the definition or the roleArn must be specified");
        }
        StateMachineDefinition compiled = definition == null ? null : compile(definition);
        synchronized (lock) {
            StateMachine current = engine.stateMachine(arn);
            long now = System.currentTimeMillis();
            StateMachine updated = new StateMachine(current.name(), current.arn(),
                    definition == null ? current.definition() : definition, roleArn == null ? current.roleArn() : roleArn,
                    current.creationDate(), now, UUID.randomUUID().toString(), compiled == null ? current.compiled() : compiled);
            engine.saveStateMachine(updated);
            return JsonValues.object().put("updateDate", HistoryEvent.epochSeconds(now)).put("revisionId", updated.revisionId());
        }
    }

    ObjectNode describe(Request request) {
        StateMachine machine = engine.stateMachine(request.required("stateMachineArn"));
        ObjectNode response = JsonValues.object().put("stateMachineArn", machine.arn()).put("name", machine.name())
                .put("status", "ACTIVE").put("definition", machine.definition()).put("roleArn", machine.roleArn())
                .put("type", STANDARD).put("creationDate", HistoryEvent.epochSeconds(machine.creationDate()))
                .put("revisionId", machine.revisionId());
        response.putObject("loggingConfiguration").put("level", "OFF").put("includeExecutionData", false);
        response.putObject("tracingConfiguration").put("enabled", false);
        return response;
    }

    ObjectNode list(Request request) {
        List<StateMachine> machines = engine.stateMachines().stream()
                .sorted(Comparator.comparing(StateMachine::name)).toList();
        return Pages.page(request, machines, 100, "stateMachines", machine -> JsonValues.object()
                .put("stateMachineArn", machine.arn()).put("name", machine.name()).put("type", STANDARD)
                .put("creationDate", HistoryEvent.epochSeconds(machine.creationDate())));
    }

    /** Deleting a machine that is already gone succeeds, as in AWS. */
    ObjectNode delete(Request request) {
        String arn = request.required("stateMachineArn");
        Arns.stateMachineName(arn);
        synchronized (lock) {
            StateMachine machine = engine.findStateMachine(arn);
            if (machine != null) {
                engine.deleteStateMachine(machine);
            }
        }
        return JsonValues.object();
    }

    ObjectNode validate(Request request) {
        String definition = request.required("definition");
        Integer maxResults = request.optionalInt("maxResults");
        List<Diagnostic> diagnostics = DefinitionParser.validate(definition);
        int limit = maxResults == null || maxResults <= 0 ? 100 : maxResults;
        ObjectNode response = JsonValues.object().put("result", diagnostics.isEmpty() ? "OK" : "FAIL");
        ArrayNode list = response.putArray("diagnostics");
        diagnostics.stream().limit(limit).forEach(diagnostic -> {
            ObjectNode item = list.addObject().put("severity", "ERROR").put("code", diagnostic.code())
                    .put("message", diagnostic.message());
            if (diagnostic.location() != null) {
                item.put("location", diagnostic.location());
            }
        });
        return response.put("truncated", diagnostics.size() > limit);
    }

    private static StateMachineDefinition compile(String definition) {
        if (definition.length() > MAX_DEFINITION_BYTES) {
            throw new SfnApiException(ApiError.INVALID_DEFINITION, "Invalid State Machine Definition: the definition exceeds 1 MB");
        }
        try {
            return DefinitionParser.compile(definition);
        } catch (InvalidDefinitionException e) {
            throw new SfnApiException(ApiError.INVALID_DEFINITION, "Invalid State Machine Definition: '" + e.getMessage() + "'");
        }
    }
}
