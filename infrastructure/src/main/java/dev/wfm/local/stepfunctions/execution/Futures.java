package dev.wfm.local.stepfunctions.execution;

import dev.wfm.local.stepfunctions.definition.StatesError;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;

/** Small bridges between code that throws {@link StatesError} and futures. */
final class Futures {

    @FunctionalInterface
    interface StatesCall<T> {
        T call() throws StatesError;
    }

    private Futures() {}

    static <T> CompletableFuture<T> call(StatesCall<T> body) {
        try {
            return CompletableFuture.completedFuture(body.call());
        } catch (StatesError | RuntimeException e) {
            return CompletableFuture.failedFuture(e);
        }
    }

    /** For bodies that start asynchronous work but may fail before they do. */
    static <T> CompletableFuture<T> compose(StatesCall<CompletableFuture<T>> body) {
        try {
            return body.call();
        } catch (StatesError | RuntimeException e) {
            return CompletableFuture.failedFuture(e);
        }
    }

    /** The failure itself, without the wrappers futures add. */
    static Throwable unwrap(Throwable error) {
        Throwable cause = error;
        while ((cause instanceof CompletionException || cause instanceof ExecutionException) && cause.getCause() != null) {
            cause = cause.getCause();
        }
        return cause;
    }
}
