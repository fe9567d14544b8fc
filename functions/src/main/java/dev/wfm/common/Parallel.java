package dev.wfm.common;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Future;
import java.util.function.Function;

/** Work that waits on the network, done side by side on a pool: the results in the order of the inputs. */
public final class Parallel {
    private Parallel() {}

    /** A daemon pool of {@code threads} named {@code name}, for a container's lifetime. */
    public static ExecutorService pool(String name, int threads) {
        return java.util.concurrent.Executors.newFixedThreadPool(threads, runnable -> {
            Thread thread = new Thread(runnable, name);
            thread.setDaemon(true);
            return thread;
        });
    }

    /**
     * Applies {@code function} to every input on {@code pool}; a failure is rethrown as it was thrown, after all have ended.
     * A single input is worked on the calling thread: there is nothing to overlap it with.
     */
    public static <T, R> List<R> map(ExecutorService pool, List<T> inputs, Function<T, R> function) {
        if (inputs.size() == 1) {
            return Collections.singletonList(function.apply(inputs.get(0)));
        }
        // Each piece logs as part of the invocation that asked for it.
        List<Future<R>> futures = inputs.stream().map(input -> pool.submit(Log.carried(() -> function.apply(input)))).toList();
        List<R> results = new ArrayList<>(inputs.size());
        RuntimeException failure = null;
        for (Future<R> future : futures) {
            try {
                results.add(future.get());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("Interrupted while waiting for parallel work", e);
            } catch (ExecutionException e) {
                if (failure == null) {
                    failure = e.getCause() instanceof RuntimeException runtime ? runtime : new IllegalStateException(e.getCause());
                }
            }
        }
        if (failure != null) {
            throw failure;
        }
        return results;
    }
}
