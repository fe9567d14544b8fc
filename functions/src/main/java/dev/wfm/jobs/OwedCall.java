package dev.wfm.jobs;

import com.fasterxml.jackson.databind.JsonNode;
import dev.wfm.execution.ExecutionContract;
import dev.wfm.execution.ExecutionContract.ExecutionInput;
import dev.wfm.execution.ExecutionContract.Receipt;
import dev.wfm.execution.ExecutionContract.TaskAnswer;
import dev.wfm.execution.ExecutionContract.TokenKind;
import java.util.List;

/**
 * A Step Functions call the job owes its execution, written in the same transaction as the state
 * change that made it owed (a transactional outbox) and cleared once made; a start is also cleared
 * by the first call the started execution makes ({@link Job#startedAs}), and an answer sent is
 * cleared by the execution's next call, which carries its receipt ({@link Job#received}), not by a
 * write of its own. If the call fails
 * after the write, the next action on the job, RefreshStatus, or the scheduler makes it again;
 * every kind is safe to repeat: a used task token answers InvalidToken/TaskTimedOut, a started
 * execution name answers with the same execution, a stopped execution stays stopped.
 *
 * <p>A {@code SendTaskSuccess} answers step {@code stepId}'s token of {@code tokenKind}. It may
 * have no token yet: the step was answered (finished, retried, its wait ended) before its
 * execution entered it and told the job the token (right after the job was created, or after the
 * execution was restarted). It then waits, is not made, until the execution enters the step;
 * the token it brings is given to the call, which is made at once.
 */
public record OwedCall(Kind kind, String taskToken, JsonNode output, String error, String executionArn,
                       String stateMachineArn, String executionName, JsonNode input, String stepId, TokenKind tokenKind) {

    public enum Kind { SendTaskSuccess, SendTaskFailure, StopExecution, StartExecution }

    /**
     * Answers the step's token (or its next one, when it has none yet), with the answer's receipt:
     * the step, and the job revision the answer carries, which is the revision this call is saved at.
     */
    public static OwedCall success(CurrentStep step, TaskAnswer answer) {
        Receipt receipt = new Receipt(step.stepId(), answer.job().path(ExecutionContract.JOB_REVISION).asLong());
        return new OwedCall(Kind.SendTaskSuccess, step.taskToken(), receipt.on(answer.toJson()), null, null, null, null, null,
                step.stepId(), step.tokenKind());
    }

    public static OwedCall stop(String executionArn) {
        return new OwedCall(Kind.StopExecution, null, null, null, executionArn, null, null, null, null, null);
    }

    public static OwedCall start(String stateMachineArn, String executionName, ExecutionInput input) {
        return new OwedCall(Kind.StartExecution, null, null, null, null, stateMachineArn, executionName, input.toJson(), null, null);
    }

    /** Whether this call starts the execution {@code executionArn}. */
    public boolean starts(String executionArn) {
        return kind == Kind.StartExecution && executionArn.equals(Job.executionArn(stateMachineArn, executionName));
    }

    /** An answer to a step (calls stored before answers named their step do not say). */
    public boolean answersStep() {
        return kind == Kind.SendTaskSuccess && stepId != null;
    }

    /**
     * An answer sent to its token, which a call from the execution carrying one of {@code receipts}
     * shows arrived. An answer made before receipts (it carries none) is never shown so.
     */
    public boolean receiptIn(List<Receipt> receipts) {
        return answersStep() && taskToken != null && Receipt.carried(output).stream().anyMatch(receipts::contains);
    }

    /** An answer waiting for its step's task token: not made until the execution enters the step. */
    public boolean awaitsToken() {
        return answersStep() && taskToken == null;
    }

    public OwedCall withToken(String token) {
        return new OwedCall(kind, token, output, error, executionArn, stateMachineArn, executionName, input, stepId, tokenKind);
    }
}
