package dev.wfm.events;

import com.amazonaws.services.lambda.runtime.events.models.dynamodb.AttributeValue;
import com.amazonaws.services.lambda.runtime.events.models.dynamodb.Record;
import dev.wfm.jobs.JobStore;
import dev.wfm.jobs.events.JobEventJson;
import dev.wfm.store.Keys;
import java.util.Map;
import java.util.Optional;

/**
 * Reads the table's stream records as job events. A job's history record, inserted with its change,
 * carries its event ({@link JobStore#EVENT}) and the event's id ({@link JobStore#EVENT_ID}); every other
 * record, and every change but an insert (history records are never modified; a job's deletion
 * removes them), is no event. History records written before events were kept with them have no
 * {@code event}: they are not events either (the history they show stays as it was), and the stream
 * never carries them anyway, as it sees only writes made since it was enabled.
 */
public final class HistoryRecords {
    private HistoryRecords() {}

    /** A history record that cannot be read as its event: it will never be, however often it is delivered. */
    public static final class UnreadableRecord extends RuntimeException {
        private static final long serialVersionUID = 1L;

        UnreadableRecord(String message, Throwable cause) {
            super(message, cause);
        }
    }

    /** The event the record inserted; empty when it is no job event; {@link UnreadableRecord} when it should be but is not readable. */
    public static Optional<StreamedEvent> read(Record record) {
        Map<String, AttributeValue> image = record.getDynamodb() == null ? null : record.getDynamodb().getNewImage();
        if (!"INSERT".equals(record.getEventName()) || image == null || !image.containsKey(JobStore.EVENT)) {
            return Optional.empty();
        }
        try {
            String eventId = text(image, JobStore.EVENT_ID);
            String itemId = Keys.itemIdOf(text(image, Keys.PK));
            String jobId = Keys.jobOfHistoryEntry(text(image, Keys.SK));
            return Optional.of(new StreamedEvent(eventId, itemId, jobId, JobEventJson.read(text(image, JobStore.EVENT))));
        } catch (IllegalArgumentException e) {
            throw new UnreadableRecord("History record " + record.getEventID() + " is not readable as a job event: " + e.getMessage(), e);
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
