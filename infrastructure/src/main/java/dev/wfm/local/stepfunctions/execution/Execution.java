package dev.wfm.local.stepfunctions.execution;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.wfm.local.stepfunctions.definition.JsonValues;
import dev.wfm.local.stepfunctions.history.History;
import dev.wfm.local.stepfunctions.history.HistoryEvent;
import java.util.concurrent.CompletableFuture;
import java.util.function.Consumer;
import java.util.function.Supplier;

/** One execution: its start, its status and outcome, its history, and what stops its work. */
public final class Execution {

    public enum Status { RUNNING, SUCCEEDED, FAILED, TIMED_OUT, ABORTED }

    /** The outcome fields DescribeExecution shows; null where they do not apply. */
    public record Outcome(Status status, Long stopDate, String output, String error, String cause) {
        public static final Outcome RUNNING = new Outcome(Status.RUNNING, null, null, null, null);
    }

    private final ExecutionStart start;
    private final Supplier<History> historyLoader;
    private final Consumer<Execution> onFinish;
    private final Cancellation cancellation = Cancellation.root();
    private final CompletableFuture<Status> finished = new CompletableFuture<>();
    private History history;
    private Outcome outcome;

    /**
     * @param historyLoader called once, when the history is first needed: finished executions loaded
     *     from disk read theirs only if someone asks
     * @param onFinish persists the outcome
     */
    public Execution(ExecutionStart start, Outcome outcome, Supplier<History> historyLoader, Consumer<Execution> onFinish) {
        this.start = start;
        this.outcome = outcome;
        this.historyLoader = historyLoader;
        this.onFinish = onFinish;
        if (outcome.status() != Status.RUNNING) {
            finished.complete(outcome.status());
        }
    }

    public ExecutionStart start() {
        return start;
    }

    public synchronized Outcome outcome() {
        return outcome;
    }

    public synchronized History history() {
        if (history == null) {
            history = historyLoader.get();
        }
        return history;
    }

    Cancellation cancellation() {
        return cancellation;
    }

    public CompletableFuture<Status> whenFinished() {
        return finished;
    }

    boolean succeed(String output) {
        ObjectNode details = JsonValues.object().put("output", output);
        details.putObject("outputDetails").put("truncated", false);
        return finish(new Outcome(Status.SUCCEEDED, null, output, null, null), "ExecutionSucceeded", details);
    }

    /** Ends a running execution as failed, timed out or aborted; false if it had ended already. */
    public boolean fail(Status status, String error, String cause) {
        String type = switch (status) {
            case FAILED -> "ExecutionFailed";
            case TIMED_OUT -> "ExecutionTimedOut";
            case ABORTED -> "ExecutionAborted";
            default -> throw new IllegalArgumentException(status + " is not a failure");
        };
        ObjectNode details = JsonValues.object();
        if (error != null) {
            details.put("error", error);
        }
        if (cause != null) {
            details.put("cause", cause);
        }
        return finish(new Outcome(status, null, null, error, cause), type, details);
    }

    /** Ends the execution once; later attempts (a stop racing a success) answer false. */
    private boolean finish(Outcome result, String eventType, ObjectNode details) {
        synchronized (this) {
            if (outcome.status() != Status.RUNNING) {
                return false;
            }
            History events = history();
            HistoryEvent last = events.close(eventType, events.size(), details);
            outcome = new Outcome(result.status(), last.timestamp(), result.output(), result.error(), result.cause());
        }
        cancellation.cancel();
        onFinish.accept(this);
        finished.complete(outcome.status());
        return true;
    }
}
