package dev.wfm.jobs;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * A Step Functions call the job owes its execution, written in the same transaction as the state
 * change that made it owed (a transactional outbox) and cleared once made. If the call fails
 * after the write, the next action on the job, RefreshStatus, or the scheduler makes it again;
 * every kind is safe to repeat: a used task token answers InvalidToken/TaskTimedOut, a started
 * execution name answers with the same execution, a stopped execution stays stopped.
 */
public record OwedCall(Kind kind, String taskToken, JsonNode output, String error, String executionArn,
                       String stateMachineArn, String executionName, JsonNode input) {

    public enum Kind { SendTaskSuccess, SendTaskFailure, StopExecution, StartExecution }

    public static OwedCall success(String token, JsonNode output) {
        return new OwedCall(Kind.SendTaskSuccess, token, output, null, null, null, null, null);
    }

    public static OwedCall stop(String executionArn) {
        return new OwedCall(Kind.StopExecution, null, null, null, executionArn, null, null, null);
    }

    public static OwedCall start(String stateMachineArn, String executionName, JsonNode input) {
        return new OwedCall(Kind.StartExecution, null, null, null, null, stateMachineArn, executionName, input);
    }
}
