package dev.wfm.handlers;

import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.wfm.local.LocalCloud;
import dev.wfm.local.TableRecords;
import dev.wfm.local.TestCloud;
import dev.wfm.local.lambda.CallCounts;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** SnapStart priming runs the paths an invocation takes through the real clients, and writes nothing. */
class PrimingTest {
    private final LocalCloud cloud = TestCloud.get();

    @Test
    void primingReadsThroughTheDynamoDbClientAndWritesNothing() {
        try (TableRecords table = new TableRecords(cloud.endpoints().dynamodb())) {
            Map<String, Long> before = CallCounts.snapshot();

            Priming.prime(Services.get());

            Map<String, Long> after = CallCounts.snapshot();
            String reads = "(other threads) DynamoDb.GetItem";
            assertTrue(after.getOrDefault(reads, 0L) - before.getOrDefault(reads, 0L) >= 2,
                    "the item and the job were read through the SDK: " + after);
            assertTrue(table.partition("ITEM#" + Priming.NOTHING).isEmpty(),
                    "the only place it reads (the item and a job under it) holds nothing afterwards: no member recorded, no job");
        }
    }
}
