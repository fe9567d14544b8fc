package dev.wfm.local.stepfunctions.execution;

import dev.wfm.local.stepfunctions.definition.StatesError;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.Map;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The task tokens of waitForTaskToken tasks. A token is answered once: by SendTaskSuccess or
 * SendTaskFailure, or by the task's own end (timeout, failed invocation, stopped execution).
 */
public final class TaskTokens {

    private static final int TOKEN_BYTES = 48;

    /** How an answer to a token fared; the protocol tells the caller. */
    public enum Delivery {
        DELIVERED,
        /** The task timed out before the answer came. */
        TASK_TIMED_OUT,
        /** No task has this token: never issued, already answered, or its execution stopped. */
        INVALID_TOKEN
    }

    /** A task waiting for its token. */
    record Waiter(CompletableFuture<Object> outcome, Runnable onHeartbeat) {}

    private final SecureRandom random = new SecureRandom();
    private final Map<String, Waiter> waiting = new ConcurrentHashMap<>();
    // Tokens whose task ended, and whether it timed out: SendTask* answers TaskTimedOut for those.
    private final Map<String, Boolean> retired = new ConcurrentHashMap<>();

    String newToken() {
        byte[] bytes = new byte[TOKEN_BYTES];
        random.nextBytes(bytes);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }

    void register(String token, Waiter waiter) {
        waiting.put(token, waiter);
    }

    /** The task ended, answered or not; its token stays known so late answers get the right error. */
    void retire(String token, boolean timedOut) {
        waiting.remove(token);
        retired.put(token, timedOut);
    }

    /** SendTaskSuccess. */
    public Delivery succeed(String token, Object output) {
        Waiter waiter = waiting.remove(token);
        if (waiter == null) {
            return gone(token);
        }
        return waiter.outcome().complete(output) ? Delivery.DELIVERED : endedFirst(waiter);
    }

    /** SendTaskFailure. */
    public Delivery fail(String token, String error, String cause) {
        Waiter waiter = waiting.remove(token);
        if (waiter == null) {
            return gone(token);
        }
        return waiter.outcome().completeExceptionally(new StatesError(error, cause)) ? Delivery.DELIVERED : endedFirst(waiter);
    }

    /** SendTaskHeartbeat. */
    public Delivery heartbeat(String token) {
        Waiter waiter = waiting.get(token);
        if (waiter == null) {
            return gone(token);
        }
        waiter.onHeartbeat().run();
        return Delivery.DELIVERED;
    }

    /** The task ended (typically timed out) between the claim and the answer. */
    private static Delivery endedFirst(Waiter waiter) {
        try {
            waiter.outcome().getNow(null);
        } catch (CompletionException e) {
            if (e.getCause() instanceof StatesError error && isTimeout(error)) {
                return Delivery.TASK_TIMED_OUT;
            }
        } catch (CancellationException e) {
            // cancelled with its execution: an invalid token, as below
        }
        return Delivery.INVALID_TOKEN;
    }

    static boolean isTimeout(StatesError error) {
        return StatesError.TIMEOUT.equals(error.error()) || StatesError.HEARTBEAT_TIMEOUT.equals(error.error());
    }

    private Delivery gone(String token) {
        return Boolean.TRUE.equals(retired.get(token)) ? Delivery.TASK_TIMED_OUT : Delivery.INVALID_TOKEN;
    }
}
