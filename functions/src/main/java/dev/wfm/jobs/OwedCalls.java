package dev.wfm.jobs;

import dev.wfm.common.Json;
import dev.wfm.common.Log;
import dev.wfm.execution.ExecutionContract.Receipt;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Supplier;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.services.sfn.SfnClient;
import software.amazon.awssdk.services.sfn.model.ExecutionAlreadyExistsException;
import software.amazon.awssdk.services.sfn.model.ExecutionDoesNotExistException;
import software.amazon.awssdk.services.sfn.model.InvalidTokenException;
import software.amazon.awssdk.services.sfn.model.TaskDoesNotExistException;
import software.amazon.awssdk.services.sfn.model.TaskTimedOutException;

/** Makes the Step Functions calls a job owes; answers those that are done (or can never be done). */
public final class OwedCalls {
    /** Built on first use: a function that only reads jobs never loads the Step Functions client. */
    private final Supplier<SfnClient> sfn;

    public OwedCalls(Supplier<SfnClient> sfn) {
        this.sfn = sfn;
    }

    /** The status of an execution as Step Functions reports it, or MISSING. */
    public String executionStatus(String executionArn) {
        try {
            return sfn.get().describeExecution(b -> b.executionArn(executionArn)).statusAsString();
        } catch (ExecutionDoesNotExistException missing) {
            return "MISSING";
        }
    }

    /**
     * What making the calls came to: {@code remaining} still need making (a transient failure, or
     * no task token yet); {@code delivered} are answers to steps that the token took just now, which
     * stay owed until the execution's next call shows their receipt ({@link Job#received}).
     */
    public record Made(List<OwedCall> remaining, List<OwedCall> delivered) {
        /** Whether the job still owes {@code call}: every call but those done before now (or that never can be). */
        public boolean stillOwes(OwedCall call) {
            return remaining.contains(call) || delivered.contains(call);
        }
    }

    /**
     * Makes each call {@code job}, as saved, owes. Its answers and starts carry the job's stored
     * document ({@link Receipt#sentWith}, {@link Receipt#startedWith}), so the call of the execution
     * each leads to need not read it.
     */
    public Made make(Job job) {
        boolean carries = job.owedCalls().stream()
                .anyMatch(call -> call.kind() == OwedCall.Kind.SendTaskSuccess || call.kind() == OwedCall.Kind.StartExecution);
        return make(job.owedCalls(), carries ? new Saved(job.revision(), Json.write(job)) : null);
    }

    /** Makes each call. */
    public Made make(List<OwedCall> calls) {
        return make(calls, null);
    }

    /** The job's stored document at its revision, as the calls it owes carry it. */
    private record Saved(long revision, String doc) {}

    private Made make(List<OwedCall> calls, Saved saved) {
        List<OwedCall> remaining = new ArrayList<>();
        List<OwedCall> delivered = new ArrayList<>();
        for (OwedCall call : calls) {
            if (call.awaitsToken()) {
                remaining.add(call);
                continue;
            }
            try {
                make(call, saved);
                if (call.answersStep()) {
                    delivered.add(call);
                }
            } catch (InvalidTokenException | TaskTimedOutException | TaskDoesNotExistException
                     | ExecutionAlreadyExistsException | ExecutionDoesNotExistException settled) {
                // the token was answered, the execution exists or is gone: the call's purpose is met
            } catch (SdkException transientFailure) {
                Log.warn("A Step Functions call failed; it stays owed", transientFailure, "call", call.kind());
                remaining.add(call);
            }
        }
        return new Made(List.copyOf(remaining), List.copyOf(delivered));
    }

    private void make(OwedCall call, Saved saved) {
        switch (call.kind()) {
            case SendTaskSuccess -> sfn.get().sendTaskSuccess(b -> b.taskToken(call.taskToken())
                    .output(Json.write(saved == null ? call.output() : Receipt.sentWith(call.output(), saved.doc()))));
            case SendTaskFailure -> sfn.get().sendTaskFailure(b -> b.taskToken(call.taskToken()).error(call.error()));
            case StopExecution -> sfn.get().stopExecution(b -> b.executionArn(call.executionArn()).cause("Stopped by the job runtime"));
            case StartExecution -> sfn.get().startExecution(b -> b.stateMachineArn(call.stateMachineArn())
                    .name(call.executionName())
                    .input(Json.write(saved == null ? call.input() : Receipt.startedWith(call.input(), saved.revision(), saved.doc()))));
        }
    }
}
