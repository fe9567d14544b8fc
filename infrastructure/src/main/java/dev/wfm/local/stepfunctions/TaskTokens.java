package dev.wfm.local.stepfunctions;

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
final class TaskTokens {

    private static final int TOKEN_BYTES = 48;

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

    void succeed(String token, Object output) {
        Waiter waiter = claim(token);
        if (!waiter.outcome().complete(output)) {
            throw endedFirst(waiter);
        }
    }

    void fail(String token, String error, String cause) {
        Waiter waiter = claim(token);
        if (!waiter.outcome().completeExceptionally(new StatesError(error, cause))) {
            throw endedFirst(waiter);
        }
    }

    void heartbeat(String token) {
        Waiter waiter = waiting.get(token);
        if (waiter == null) {
            throw gone(token);
        }
        waiter.onHeartbeat().run();
    }

    private Waiter claim(String token) {
        Waiter waiter = waiting.remove(token);
        if (waiter == null) {
            throw gone(token);
        }
        return waiter;
    }

    /** The task ended (typically timed out) between the claim and the answer. */
    private static ApiException endedFirst(Waiter waiter) {
        try {
            waiter.outcome().getNow(null);
        } catch (CompletionException e) {
            if (e.getCause() instanceof StatesError error && isTimeout(error)) {
                return timedOut();
            }
        } catch (CancellationException e) {
            // cancelled with its execution: an invalid token, as below
        }
        return invalid();
    }

    static boolean isTimeout(StatesError error) {
        return StatesError.TIMEOUT.equals(error.error()) || StatesError.HEARTBEAT_TIMEOUT.equals(error.error());
    }

    private ApiException gone(String token) {
        return Boolean.TRUE.equals(retired.get(token)) ? timedOut() : invalid();
    }

    private static ApiException timedOut() {
        return new ApiException(ApiError.TASK_TIMED_OUT, "Task Timed Out: 'Provided task does not exist anymore'");
    }

    private static ApiException invalid() {
        return new ApiException(ApiError.INVALID_TOKEN, "Invalid Token: 'Provided task token is not valid or has been used'");
    }
}
