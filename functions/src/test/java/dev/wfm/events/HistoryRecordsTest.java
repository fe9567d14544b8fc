package dev.wfm.events;

import static dev.wfm.events.StreamBatches.AT;
import static dev.wfm.events.StreamBatches.finished;
import static dev.wfm.events.StreamBatches.history;
import static dev.wfm.events.StreamBatches.olderHistory;
import static dev.wfm.events.StreamBatches.record;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.amazonaws.services.lambda.runtime.events.models.dynamodb.AttributeValue;
import dev.wfm.jobs.events.JobEvent;
import dev.wfm.jobs.events.JobEventJson;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Which stream records are job events, and what they say. */
class HistoryRecordsTest {
    @Test
    void anInsertedHistoryRecordIsItsChangesEventsInOrderWithTheirIdsItemAndJob() {
        JobEvent created = new JobEvent.JobCreated("amy", AT);
        JobEvent current = new JobEvent.StepBecameCurrent("review", "system", AT);
        assertEquals(List.of(new StreamedEvent("j1/1/0", "i1", "j1", created), new StreamedEvent("j1/1/1", "i1", "j1", current)),
                HistoryRecords.read(history("100", 1, created, current)));
        assertEquals(List.of(new StreamedEvent("j1/4/0", "i1", "j1", finished("review"))),
                HistoryRecords.read(history("101", 4, finished("review"))));
    }

    @Test
    void aHistoryRecordOfOneEventWrittenBeforeAChangesEventsSharedOneIsThatEvent() {
        assertEquals(List.of(new StreamedEvent("j1/4/0", "i1", "j1", finished("review"))),
                HistoryRecords.read(olderHistory("102", "j1/4/0", JobEventJson.write(finished("review")))));
    }

    @Test
    void otherRecordsAndOtherChangesAreNoEvents() {
        var job = record("INSERT", "103", Map.of("pk", new AttributeValue("ITEM#i1"), "sk", new AttributeValue("JOB#j1"),
                "doc", new AttributeValue("{}")));
        assertEquals(List.of(), HistoryRecords.read(job));
        var modified = history("104", 4, finished("review"));
        modified.setEventName("MODIFY");
        assertEquals(List.of(), HistoryRecords.read(modified));
        assertEquals(List.of(), HistoryRecords.read(record("REMOVE", "105", null)));
    }

    @Test
    void aHistoryRecordWrittenBeforeEventsWereKeptIsNoEvent() {
        assertEquals(List.of(), HistoryRecords.read(olderHistory("106", "j1/1/0", null)));
    }

    @Test
    void aHistoryRecordWhoseEventsCannotBeReadIsRefusedNamingTheRecord() {
        var unknown = assertThrows(HistoryRecords.UnreadableRecord.class,
                () -> HistoryRecords.read(history("107", "[{\"eventId\":\"j1/1/0\",\"event\":{\"type\":\"StepVanished\"}}]")));
        assertTrue(unknown.getMessage().contains("id-107"), unknown.getMessage());
        assertThrows(HistoryRecords.UnreadableRecord.class, () -> HistoryRecords.read(history("108", "{not json")));
        assertThrows(HistoryRecords.UnreadableRecord.class, () -> HistoryRecords.read(history("109", "[]")), "a change records events");
        assertThrows(HistoryRecords.UnreadableRecord.class,
                () -> HistoryRecords.read(history("110", "[{\"event\":" + JobEventJson.write(finished("review")) + "}]")), "each with its id");
        assertThrows(HistoryRecords.UnreadableRecord.class, () -> HistoryRecords.read(olderHistory("111", "j1/1/0", "{not json")));
        var noId = olderHistory("112", "j1/1/0", JobEventJson.write(finished("review")));
        noId.getDynamodb().getNewImage().remove("eventId");
        assertThrows(HistoryRecords.UnreadableRecord.class, () -> HistoryRecords.read(noId));
    }
}
