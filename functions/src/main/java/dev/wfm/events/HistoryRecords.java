package dev.wfm.events;

import com.amazonaws.services.lambda.runtime.events.models.dynamodb.AttributeValue;
import com.amazonaws.services.lambda.runtime.events.models.dynamodb.Record;
import dev.wfm.jobs.JobStore;
import dev.wfm.jobs.events.JobEventJson;
import dev.wfm.store.Keys;
import java.util.List;
import java.util.Map;

/**
 * Reads the table's stream records as job events. A change's history record, inserted with the change, carries
 * its events with their ids ({@link JobStore#EVENTS}); a history record written before a change's events shared
 * one record carries one event ({@link JobStore#EVENT}) and its id ({@link JobStore#EVENT_ID}). Every other
 * record, and every change but an insert (history records are never modified; a job's deletion removes them), is
 * no event. History records written before events were kept with them have neither: they are not events either
 * (the history they show stays as it was), and the stream never carries them anyway, as it sees only writes made
 * since it was enabled.
 */
public final class HistoryRecords {
    private HistoryRecords() {}

    /** A history record that cannot be read as its events: it will never be, however often it is delivered. */
    public static final class UnreadableRecord extends RuntimeException {
        private static final long serialVersionUID = 1L;

        UnreadableRecord(String message, Throwable cause) {
            super(message, cause);
        }
    }

    /** The events the record inserted, in their order; none when it is no job event; {@link UnreadableRecord} when it should be but is not readable. */
    public static List<StreamedEvent> read(Record record) {
        Map<String, AttributeValue> image = record.getDynamodb() == null ? null : record.getDynamodb().getNewImage();
        if (!"INSERT".equals(record.getEventName()) || image == null
                || !(image.containsKey(JobStore.EVENTS) || image.containsKey(JobStore.EVENT))) {
            return List.of();
        }
        try {
            String itemId = Keys.itemIdOf(text(image, Keys.PK));
            String jobId = Keys.jobOfHistoryRecord(text(image, Keys.SK));
            if (image.containsKey(JobStore.EVENTS)) {
                return JobEventJson.readChange(text(image, JobStore.EVENTS)).stream()
                        .map(event -> new StreamedEvent(event.eventId(), itemId, jobId, event.event())).toList();
            }
            return List.of(new StreamedEvent(text(image, JobStore.EVENT_ID), itemId, jobId, JobEventJson.read(text(image, JobStore.EVENT))));
        } catch (IllegalArgumentException e) {
            throw new UnreadableRecord("History record " + record.getEventID() + " is not readable as job events: " + e.getMessage(), e);
        }
    }

    private static String text(Map<String, AttributeValue> image, String attribute) {
        AttributeValue value = image.get(attribute);
        if (value == null || value.getS() == null) {
            throw new IllegalArgumentException("it has no text attribute '" + attribute + "'");
        }
        return value.getS();
    }
}
