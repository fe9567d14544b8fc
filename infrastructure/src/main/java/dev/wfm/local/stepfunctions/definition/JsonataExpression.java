package dev.wfm.local.stepfunctions.definition;

import com.dashjoin.jsonata.JException;
import com.dashjoin.jsonata.Jsonata;

/**
 * A JSONata expression, parsed once per definition and safe to evaluate from many threads at once:
 * every evaluation gets its own frame of bindings.
 */
final class JsonataExpression {

    private static final long EVALUATION_TIMEOUT_MILLIS = 10_000;
    private static final int MAX_EVALUATION_DEPTH = 500;

    private final String source;
    private final Jsonata compiled;

    private JsonataExpression(String source, Jsonata compiled) {
        this.source = source;
        this.compiled = compiled;
    }

    /** @throws IllegalArgumentException with the parser's message when the expression is not JSONata */
    static JsonataExpression parse(String source) {
        try {
            Jsonata compiled = Jsonata.jsonata(source);
            AwsJsonataFunctions.register(compiled);
            return new JsonataExpression(source, compiled);
        } catch (JException e) {
            throw new IllegalArgumentException(e.getMessage(), e);
        } finally {
            forgetThreadInstance();
        }
    }

    /**
     * dashjoin's constructor makes the new instance its thread's "current" one, and an evaluation on
     * that thread then writes its frames into the shared instance: bindings leak into later
     * evaluations and concurrent ones corrupt each other. A throwaway parse takes that place instead.
     */
    private static void forgetThreadInstance() {
        Jsonata.jsonata("$");
    }

    String source() {
        return source;
    }

    Object evaluate(Bindings bindings) throws StatesError {
        Jsonata.Frame frame = compiled.createFrame();
        bindings.variables().forEach(frame::bind);
        frame.bind("states", bindings.states());
        AwsJsonataFunctions.bindClock(frame, bindings.nowMillis());
        // Runaway recursion ends as an evaluation error, not as a stuck or crashed worker thread.
        frame.setRuntimeBounds(EVALUATION_TIMEOUT_MILLIS, MAX_EVALUATION_DEPTH);
        Object result;
        try {
            result = compiled.evaluate(null, frame);
        } catch (JException e) {
            throw failure(e.getMessage());
        } catch (RuntimeException | StackOverflowError e) {
            throw failure(String.valueOf(e.getMessage()));
        }
        if (!JsonValues.isJsonValue(result)) {
            throw failure("the result is not a JSON value (a function?)");
        }
        return result;
    }

    private StatesError failure(String reason) {
        return new StatesError(StatesError.QUERY_EVALUATION_ERROR,
                "An error occurred while evaluating the expression '" + source + "': " + reason);
    }
}
