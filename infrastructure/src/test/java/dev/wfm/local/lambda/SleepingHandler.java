package dev.wfm.local.lambda;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestHandler;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;

/** A function that works for a minute, longer than any test waits, and counts the times it was interrupted. */
public final class SleepingHandler implements RequestHandler<Map<String, Object>, Map<String, Object>> {
    private static final AtomicInteger INTERRUPTED = new AtomicInteger();

    public static int interruptions() {
        return INTERRUPTED.get();
    }

    @Override
    public Map<String, Object> handleRequest(Map<String, Object> event, Context context) {
        try {
            Thread.sleep(60_000);
        } catch (InterruptedException e) {
            INTERRUPTED.incrementAndGet();
            Thread.currentThread().interrupt();
        }
        return Map.of("statusCode", 200, "body", "{\"slept\": true}");
    }
}
