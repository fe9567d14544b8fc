package dev.wfm.store;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.wfm.common.Refusal;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

class RecordSizeTest {
    @Test
    void aRecordIsCountedAsDynamoDbCountsIt() {
        assertEquals(3 + 4, RecordSize.bytes(Map.of("doc", AttributeValue.fromS("\uD83D\uDE00"))), "an emoji is 4 bytes of UTF-8");
        assertEquals(2 + 3 + (1 + 1) + (1 + 2), RecordSize.bytes(Map.of("ll", AttributeValue.fromL(List.of(
                AttributeValue.fromS("a"), AttributeValue.fromS("bc"))))));
        assertEquals(1 + 1, RecordSize.bytes(Map.of("b", AttributeValue.fromBool(true))));
    }

    @Test
    void aRecordOverFourHundredKilobytesIsRefusedWith413() {
        RecordSize.requireFits(Map.of("pk", AttributeValue.fromS("ITEM#x"), "doc", AttributeValue.fromS("x".repeat(400 * 1024 - 20))));
        Refusal refused = assertThrows(Refusal.class,
                () -> RecordSize.requireFits(Map.of("pk", AttributeValue.fromS("ITEM#x"), "doc", AttributeValue.fromS("é".repeat(210 * 1024)))));
        assertEquals(Refusal.Kind.PAYLOAD_TOO_LARGE, refused.kind());
    }
}
