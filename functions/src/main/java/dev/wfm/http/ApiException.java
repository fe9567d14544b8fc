package dev.wfm.http;

import dev.wfm.common.Refusal;

/**
 * A refusal as the functions that executions and the scheduler invoke throw it: Lambda names a
 * function error after the exception's class, an execution's Retry and Catch match on that name,
 * and it has been {@code dev.wfm.http.ApiException} from the start (see handlers.FunctionErrors).
 * Everything else throws {@link Refusal} itself.
 */
public final class ApiException extends Refusal {
    private ApiException(Refusal refusal) {
        super(refusal.kind(), refusal.getMessage(), refusal.target(), refusal.details(), refusal.meta());
    }

    public static ApiException of(Refusal refusal) {
        return refusal instanceof ApiException same ? same : new ApiException(refusal);
    }
}
