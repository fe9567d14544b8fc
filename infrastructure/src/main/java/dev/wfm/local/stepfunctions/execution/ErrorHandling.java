package dev.wfm.local.stepfunctions.execution;

import dev.wfm.local.stepfunctions.definition.JsonValues;
import dev.wfm.local.stepfunctions.definition.State.Catcher;
import dev.wfm.local.stepfunctions.definition.State.Retrier;
import dev.wfm.local.stepfunctions.definition.StatesError;
import dev.wfm.local.stepfunctions.history.HistoryEvent;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ThreadLocalRandom;

/** Retry and Catch of Task, Parallel and Map states. */
final class ErrorHandling {

    private static final String RETRY_DUE = "@RetryDue";

    private final StateContext context;

    ErrorHandling(StateContext context) {
        this.context = context;
    }

    /** Attempt number n of a state's work. */
    interface Attempt {
        CompletableFuture<Object> start(int number) throws StatesError;
    }

    /**
     * Runs attempt 0, then 1, 2... while the first retrier matching the error has attempts left. The
     * time a retry is due is recorded, so a replay neither waits again nor retries early. An
     * attempt that throws fails like one whose future fails.
     */
    CompletableFuture<Object> retrying(Visit visit, List<Retrier> retriers, Attempt attempt) {
        return attemptFrom(visit, retriers, attempt, 0, new int[retriers.size()]);
    }

    private CompletableFuture<Object> attemptFrom(Visit visit, List<Retrier> retriers,
            Attempt attempt, int number, int[] retriesDone) {
        visit.retryCount = number;
        return Futures.compose(() -> attempt.start(number)).exceptionallyCompose(failure -> {
            Throwable cause = Futures.unwrap(failure);
            int index = cause instanceof StatesError error ? firstMatching(retriers, error) : -1;
            if (index < 0 || retriesDone[index] >= retriers.get(index).maxAttempts()) {
                return CompletableFuture.failedFuture(cause);
            }
            long delay = delayMillis(retriers.get(index), retriesDone[index]++);
            HistoryEvent due = context.mark(visit.attemptKey(number + 1), RETRY_DUE,
                    JsonValues.object().put("at", System.currentTimeMillis() + delay));
            return context.sleepUntil(due.internal().get("at").asLong(), visit.branch.cancellation)
                    .thenComposeAsync(ignored -> attemptFrom(visit, retriers, attempt, number + 1, retriesDone), context.steps());
        });
    }

    private static int firstMatching(List<Retrier> retriers, StatesError error) {
        for (int i = 0; i < retriers.size(); i++) {
            if (error.matchesAny(retriers.get(i).errorEquals())) {
                return i;
            }
        }
        return -1;
    }

    /** IntervalSeconds × BackoffRate^retries, capped by MaxDelaySeconds; FULL jitter draws from [0, delay]. */
    static long delayMillis(Retrier retrier, int retriesDone) {
        double seconds = retrier.intervalSeconds() * Math.pow(retrier.backoffRate(), retriesDone);
        if (retrier.maxDelaySeconds() != null) {
            seconds = Math.min(seconds, retrier.maxDelaySeconds());
        }
        long millis = (long) (seconds * 1000);
        return retrier.fullJitter() ? ThreadLocalRandom.current().nextLong(millis + 1) : millis;
    }

    /** A caught error leaves the state for the catcher's Next; an uncaught one fails it. */
    CompletableFuture<Transition> catching(Visit visit, List<Catcher> catchers, CompletableFuture<Transition> state) {
        return state.exceptionallyCompose(failure -> {
            Throwable cause = Futures.unwrap(failure);
            if (cause instanceof StatesError error) {
                for (Catcher catcher : catchers) {
                    if (error.matchesAny(catcher.errorEquals())) {
                        return Futures.call(() -> context.leave(visit, context.bindings(visit, "errorOutput", error.errorOutput()),
                                catcher.output(), catcher.assign(), error.errorOutput(), catcher.next()));
                    }
                }
            }
            return CompletableFuture.failedFuture(cause);
        });
    }
}
