package dev.wfm.local.stepfunctions.execution;

import dev.wfm.local.lambda.LambdaInvoker;
import dev.wfm.local.stepfunctions.definition.StateMachineDefinition;
import java.util.concurrent.RejectedExecutionException;

/**
 * What every execution runs on: the service's threads ({@link Workers}), its task tokens and its
 * Lambda calls. Each execution is walked by an {@link ExecutionRunner} of its own.
 */
public final class Interpreter implements AutoCloseable {

    private final Workers workers = new Workers();
    private final TaskTokens tokens = new TaskTokens();
    private final LambdaCalls lambdas;
    private final String region;

    /** @param region the region the service runs in, which task events name */
    public Interpreter(LambdaInvoker invoker, String region) {
        this.lambdas = new LambdaCalls(invoker, workers.lambdas());
        this.region = region;
    }

    /**
     * Runs a new execution, or replays a resumed one against its recorded history, on a step thread.
     *
     * @throws RejectedExecutionException once the interpreter is closed
     */
    public void run(Execution execution, StateMachineDefinition definition, Object input) {
        workers.steps().execute(() -> new ExecutionRunner(this, execution, definition, input).start());
    }

    /** The tokens of the tasks that wait for one: what SendTaskSuccess, SendTaskFailure and SendTaskHeartbeat answer. */
    public TaskTokens tokens() {
        return tokens;
    }

    Workers workers() {
        return workers;
    }

    LambdaCalls lambdas() {
        return lambdas;
    }

    String region() {
        return region;
    }

    @Override
    public void close() {
        workers.close();
    }
}
