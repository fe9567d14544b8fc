package dev.wfm.local.stepfunctions;

import dev.wfm.local.DaemonThreads;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.SynchronousQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;

/**
 * The service's threads. Waiting costs no thread: token waits, Wait states, retry delays and
 * timeouts are futures completed by one timer thread or by an API call. Only Lambda invocations
 * block, each on a thread of its own (on AWS each runs on its own too), so a slow function never
 * stalls the interpreter nor delays an unrelated invocation.
 */
final class Workers implements AutoCloseable {

    private final ThreadPoolExecutor steps;
    private final ThreadPoolExecutor lambdas;
    private final ScheduledThreadPoolExecutor timers;

    Workers() {
        int cores = Math.max(2, Runtime.getRuntime().availableProcessors());
        steps = new ThreadPoolExecutor(cores, cores, 30, TimeUnit.SECONDS, new LinkedBlockingQueue<>(), DaemonThreads.named("sfn-step"));
        steps.allowCoreThreadTimeOut(true);
        lambdas = new ThreadPoolExecutor(0, Integer.MAX_VALUE, 30, TimeUnit.SECONDS, new SynchronousQueue<>(),
                DaemonThreads.named("sfn-lambda"));
        timers = new ScheduledThreadPoolExecutor(1, DaemonThreads.named("sfn-timer"));
        timers.setRemoveOnCancelPolicy(true);
    }

    /** Where interpreter steps run: short, never blocking. */
    Executor steps() {
        return steps;
    }

    /** Where Lambda functions run: they block for as long as the function does. */
    Executor lambdas() {
        return lambdas;
    }

    ScheduledFuture<?> schedule(Runnable action, long delayMillis) {
        return timers.schedule(action, Math.max(0, delayMillis), TimeUnit.MILLISECONDS);
    }

    /** Completes at the given time, or at once if it has passed; cancelled with the scope. */
    CompletableFuture<Void> sleepUntil(long epochMillis, Cancellation scope) {
        CompletableFuture<Void> done = scope.track(new CompletableFuture<>());
        long delay = epochMillis - System.currentTimeMillis();
        if (delay <= 0) {
            done.complete(null);
            return done;
        }
        ScheduledFuture<?> timer = schedule(() -> done.complete(null), delay);
        done.whenComplete((ignored, error) -> timer.cancel(false));
        return done;
    }

    @Override
    public void close() {
        timers.shutdownNow();
        steps.shutdownNow();
        lambdas.shutdownNow();
    }
}
