package dev.wfm.events;

import static dev.wfm.events.StreamBatches.finished;
import static dev.wfm.events.StreamBatches.history;
import static dev.wfm.events.StreamBatches.record;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.amazonaws.services.lambda.runtime.events.models.dynamodb.AttributeValue;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** Which stream records are job events, and what they say. */
class HistoryRecordsTest {
    @Test
    void anInsertedHistoryRecordIsItsEventWithItsIdItemAndJob() {
        assertEquals(Optional.of(new StreamedEvent("j1/4/0", "i1", "j1", finished("review"))),
                HistoryRecords.read(history("100", 4, finished("review"))));
    }

    @Test
    void otherRecordsAndOtherChangesAreNoEvents() {
        var job = record("INSERT", "101", Map.of("pk", new AttributeValue("ITEM#i1"), "sk", new AttributeValue("JOB#j1"),
                "doc", new AttributeValue("{}")));
        assertEquals(Optional.empty(), HistoryRecords.read(job));
        var modified = history("102", 4, finished("review"));
        modified.setEventName("MODIFY");
        assertEquals(Optional.empty(), HistoryRecords.read(modified));
        assertEquals(Optional.empty(), HistoryRecords.read(record("REMOVE", "103", null)));
    }

    @Test
    void aHistoryRecordWrittenBeforeEventsWereKeptIsNoEvent() {
        assertEquals(Optional.empty(), HistoryRecords.read(history("104", "j1/1/0", null)));
    }

    @Test
    void aHistoryRecordWhoseEventCannotBeReadIsRefusedNamingTheRecord() {
        var unknown = assertThrows(HistoryRecords.UnreadableRecord.class,
                () -> HistoryRecords.read(history("105", "j1/1/0", "{\"type\":\"StepVanished\"}")));
        assertTrue(unknown.getMessage().contains("id-105"), unknown.getMessage());
        assertThrows(HistoryRecords.UnreadableRecord.class, () -> HistoryRecords.read(history("106", "j1/1/0", "{not json")));
        var noId = history("107", 4, finished("review"));
        noId.getDynamodb().getNewImage().remove("eventId");
        assertThrows(HistoryRecords.UnreadableRecord.class, () -> HistoryRecords.read(noId));
    }
}
