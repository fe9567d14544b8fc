package dev.wfm.local.stepfunctions.protocol;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.Map;
import java.util.function.Function;

/** The API's operations by name, as named in X-Amz-Target after "AWSStepFunctions.". */
final class Operations {

    private final Map<String, Function<Request, ObjectNode>> byName;

    Operations(Engine engine) {
        StateMachineOperations machines = new StateMachineOperations(engine);
        ExecutionOperations executions = new ExecutionOperations(engine);
        TaskOperations tasks = new TaskOperations(engine.tokens());
        byName = Map.ofEntries(
                Map.entry("CreateStateMachine", machines::create),
                Map.entry("UpdateStateMachine", machines::update),
                Map.entry("DescribeStateMachine", machines::describe),
                Map.entry("ListStateMachines", machines::list),
                Map.entry("DeleteStateMachine", machines::delete),
                Map.entry("ValidateStateMachineDefinition", machines::validate),
                Map.entry("StartExecution", executions::start),
                Map.entry("DescribeExecution", executions::describe),
                Map.entry("ListExecutions", executions::list),
                Map.entry("StopExecution", executions::stop),
                Map.entry("GetExecutionHistory", executions::history),
                Map.entry("SendTaskSuccess", tasks::success),
                Map.entry("SendTaskFailure", tasks::failure),
                Map.entry("SendTaskHeartbeat", tasks::heartbeat));
    }

    Function<Request, ObjectNode> find(String name) {
        Function<Request, ObjectNode> operation = byName.get(name);
        if (operation == null) {
            throw new SfnApiException(ApiError.UNKNOWN_OPERATION, "Operation " + name + " is not supported");
        }
        return operation;
    }
}
