package dev.wfm.handlers;

import dev.wfm.common.Refusal;
import dev.wfm.http.ApiException;
import java.util.function.Supplier;

/**
 * A function invoked by an execution or the scheduler fails with an exception, whose class name is
 * the Lambda error name the caller sees (an execution's Retry and Catch match on it): a refusal
 * (a job gone meanwhile) keeps the name it has always had, {@code dev.wfm.http.ApiException}.
 */
final class FunctionErrors {
    private FunctionErrors() {}

    static <T> T named(Supplier<T> invocation) {
        try {
            return invocation.get();
        } catch (Refusal refused) {
            throw ApiException.of(refused);
        }
    }
}
