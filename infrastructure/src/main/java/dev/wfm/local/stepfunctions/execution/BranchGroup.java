package dev.wfm.local.stepfunctions.execution;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;
import java.util.function.IntFunction;

/**
 * Runs the branches of a Parallel state or the iterations of a Map state: at most {@code limit} at
 * once (0 = no limit), results in index order, failing with the first failure. Each branch starts
 * on a step thread, so a thousand quick iterations never nest on one stack.
 */
final class BranchGroup {

    private final int count;
    private final int limit;
    private final Executor executor;
    private final IntFunction<CompletableFuture<Object>> launcher;
    private final Object[] results;
    private final CompletableFuture<List<Object>> done = new CompletableFuture<>();
    private int next;
    private int running;
    private int finished;

    private BranchGroup(int count, int limit, Executor executor, IntFunction<CompletableFuture<Object>> launcher) {
        this.count = count;
        this.limit = limit;
        this.executor = executor;
        this.launcher = launcher;
        this.results = new Object[count];
    }

    static CompletableFuture<List<Object>> run(int count, int limit, Executor executor,
            IntFunction<CompletableFuture<Object>> launcher) {
        BranchGroup group = new BranchGroup(count, limit, executor, launcher);
        if (count == 0) {
            group.done.complete(List.of());
        } else {
            group.launchMore();
        }
        return group.done;
    }

    private void launchMore() {
        List<Integer> starting = new ArrayList<>();
        synchronized (this) {
            while (!done.isDone() && next < count && (limit == 0 || running < limit)) {
                starting.add(next++);
                running++;
            }
        }
        try {
            for (int index : starting) {
                executor.execute(() -> launcher.apply(index).whenComplete((value, error) -> finished(index, value, error)));
            }
        } catch (RejectedExecutionException e) {
            done.completeExceptionally(new Cancellation.Cancelled());
        }
    }

    private void finished(int index, Object value, Throwable error) {
        if (error != null) {
            done.completeExceptionally(Futures.unwrap(error));
            return;
        }
        boolean all;
        synchronized (this) {
            results[index] = value;
            running--;
            all = ++finished == count;
        }
        if (all) {
            done.complete(Arrays.asList(results));
        } else {
            launchMore();
        }
    }
}
