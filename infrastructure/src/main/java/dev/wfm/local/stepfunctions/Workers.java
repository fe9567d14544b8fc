package dev.wfm.local.stepfunctions;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The service's threads. Waiting costs no thread: token waits, Wait states, retry delays and
 * timeouts are futures completed by one timer thread or by an API call. Only Lambda invocations
 * block, on their own bounded pool, so a slow function never stalls the interpreter.
 */
final class Workers implements AutoCloseable {

    private static final int LAMBDA_CONCURRENCY = 16;

    private final ThreadPoolExecutor steps;
    private final ThreadPoolExecutor lambdas;
    private final ScheduledThreadPoolExecutor timers;

    Workers() {
        int cores = Math.max(2, Runtime.getRuntime().availableProcessors());
        steps = pool("sfn-step", cores);
        lambdas = pool("sfn-lambda", LAMBDA_CONCURRENCY);
        timers = new ScheduledThreadPoolExecutor(1, threads("sfn-timer"));
        timers.setRemoveOnCancelPolicy(true);
    }

    private static ThreadPoolExecutor pool(String name, int size) {
        ThreadPoolExecutor pool = new ThreadPoolExecutor(size, size, 30, TimeUnit.SECONDS, new LinkedBlockingQueue<>(),
                threads(name));
        pool.allowCoreThreadTimeOut(true);
        return pool;
    }

    private static ThreadFactory threads(String name) {
        AtomicInteger count = new AtomicInteger();
        return runnable -> {
            Thread thread = new Thread(runnable, name + "-" + count.incrementAndGet());
            thread.setDaemon(true);
            return thread;
        };
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
