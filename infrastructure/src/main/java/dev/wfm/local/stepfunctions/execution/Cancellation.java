package dev.wfm.local.stepfunctions.execution;

import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Ends the pending work of an execution or of one branch (timers, token waits, Lambda calls in
 * flight) by completing their futures with {@link Cancelled}. Cancelling a parent cancels its children.
 */
final class Cancellation {

    /** The signal that stops a walk; never an error of the workflow. */
    static final class Cancelled extends RuntimeException {
        private static final long serialVersionUID = 1L;

        Cancelled() {
            super("cancelled", null, false, false);
        }
    }

    private final Set<CompletableFuture<?>> pending = ConcurrentHashMap.newKeySet();
    private final CompletableFuture<Void> linkToParent;
    private volatile boolean cancelled;

    private Cancellation(CompletableFuture<Void> linkToParent) {
        this.linkToParent = linkToParent;
    }

    static Cancellation root() {
        return new Cancellation(new CompletableFuture<>());
    }

    Cancellation child() {
        CompletableFuture<Void> link = new CompletableFuture<>();
        Cancellation child = new Cancellation(link);
        link.whenComplete((ignored, error) -> {
            if (error != null) {
                child.cancel();
            }
        });
        track(link);
        return child;
    }

    boolean isCancelled() {
        return cancelled;
    }

    /** The future is cancelled with this scope; it is forgotten once complete. */
    <T> CompletableFuture<T> track(CompletableFuture<T> future) {
        pending.add(future);
        future.whenComplete((value, error) -> pending.remove(future));
        // Checked after adding: a concurrent cancel() either sees the future or is seen here.
        if (cancelled) {
            future.completeExceptionally(new Cancelled());
        }
        return future;
    }

    void cancel() {
        cancelled = true;
        for (CompletableFuture<?> future : pending) {
            future.completeExceptionally(new Cancelled());
        }
    }

    /** The branch is finished: its parent need not remember it any longer. */
    void release() {
        linkToParent.complete(null);
    }
}
