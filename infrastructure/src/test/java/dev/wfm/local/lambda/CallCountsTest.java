package dev.wfm.local.lambda;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.wfm.local.ApiClient;
import dev.wfm.local.LocalCloud;
import dev.wfm.local.TestCloud;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The calls a request costs, counted in the local cloud by function, service and operation: what the benchmarks report. */
class CallCountsTest {
    private final LocalCloud cloud = TestCloud.get();
    private final ApiClient api = TestCloud.api();

    @Test
    void aRequestIsCountedAsAnInvocationOfItsFunctionWithTheSdkCallsItMade() {
        String itemId = api.post("/items", cloud.adminToken(), "{\"name\": \"Counted\", \"roles\": {\"admin\": [\"admins\"]}}").created()
                .path("itemId").asText();
        api.get("/items/" + itemId, cloud.adminToken()); // the member record is written on the first request: not measured

        Map<String, Long> before = CallCounts.snapshot();
        Map<String, Long> nanosBefore = CallCounts.nanos();
        assertEquals(200, api.get("/items/" + itemId + "/diagrams", cloud.adminToken()).status());
        Map<String, Long> after = CallCounts.snapshot();
        Map<String, Long> nanosAfter = CallCounts.nanos();

        assertEquals(1, delta(before, after, "ConfigApiFunction invocation"));
        assertEquals(1, delta(before, after, "ConfigApiFunction DynamoDb.Query"), "one Query of the item's diagrams: " + after);
        assertEquals(0, delta(before, after, "ConfigApiFunction DynamoDb.GetItem"), "the item's roles as the container read them just now");
        assertTrue(after.keySet().stream().noneMatch(key -> key.startsWith("ConfigApiFunction DynamoDb.Put")
                && delta(before, after, key) > 0), "a member seen within the hour is not written again");

        long queryNanos = delta(nanosBefore, nanosAfter, "ConfigApiFunction DynamoDb.Query");
        long invocationNanos = delta(nanosBefore, nanosAfter, "ConfigApiFunction invocation");
        assertTrue(queryNanos > 0, "the Query's time is measured");
        assertTrue(invocationNanos >= queryNanos, "the invocation's time includes its Query's: " + invocationNanos + " < " + queryNanos);
    }

    private static long delta(Map<String, Long> before, Map<String, Long> after, String key) {
        return after.getOrDefault(key, 0L) - before.getOrDefault(key, 0L);
    }
}
