package dev.wfm.local;

import static org.junit.jupiter.api.Assertions.assertNull;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.wfm.local.lambda.LambdaResult;
import dev.wfm.local.scheduler.LocalScheduler;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;

/**
 * Scheduler ticks as EventBridge Scheduled Events whose {@code time} a test chooses, invoked on the
 * test cloud's SchedulerFunction: tests drive time by the events they send.
 */
public final class SchedulerTicks {
    private static final ObjectMapper MAPPER = new ObjectMapper();
    private static final LocalScheduler.Rule TICK = new LocalScheduler.Rule("SchedulerFunction", "test-tick", Duration.ofMinutes(1));

    private SchedulerTicks() {}

    /** One scheduler tick at {@code time}; the function's summary. */
    public static JsonNode tick(Instant time) {
        try {
            LambdaResult result = TestCloud.get().lambdas().invoke("SchedulerFunction", MAPPER.writeValueAsBytes(LocalScheduler.event(TICK, time)));
            String payload = new String(result.payload(), StandardCharsets.UTF_8);
            assertNull(result.functionError(), payload);
            return MAPPER.readTree(payload);
        } catch (Exception e) {
            throw new IllegalStateException("The tick at " + time + " failed", e);
        }
    }
}
