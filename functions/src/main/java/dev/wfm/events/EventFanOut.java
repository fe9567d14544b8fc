package dev.wfm.events;

import com.amazonaws.services.lambda.runtime.events.DynamodbEvent;
import com.amazonaws.services.lambda.runtime.events.StreamsEventResponse;
import com.amazonaws.services.lambda.runtime.events.models.dynamodb.Record;
import dev.wfm.common.Log;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Hands the job events of a batch of stream records to every consumer, in stream order. The stream
 * delivers at least once and consumers are idempotent, so what matters is that nothing is skipped:
 * when a record cannot be read, or a consumer fails on an event, the batch answer names that record
 * (a batch item failure), so the stream checkpoints the records before it and delivers it again,
 * with those after it (bounded retries, then the dead-letter destination). A consumer that failed on
 * the batch is given its events one by one to find the first one it fails on: it has had the ones
 * before it already, and has them again, which it shrugs off.
 */
public final class EventFanOut {
    private final List<EventConsumer> consumers;

    public EventFanOut(List<EventConsumer> consumers) {
        this.consumers = List.copyOf(consumers);
    }

    /** An event and the sequence number of the stream record it came in. */
    private record Delivery(StreamedEvent event, String sequenceNumber) {}

    public StreamsEventResponse handle(DynamodbEvent batch) {
        List<Delivery> deliveries = new ArrayList<>();
        String failedAt = null;
        List<DynamodbEvent.DynamodbStreamRecord> records = batch.getRecords() == null ? List.of() : batch.getRecords();
        for (Record record : records) {
            try {
                Optional<StreamedEvent> event = HistoryRecords.read(record);
                event.ifPresent(e -> deliveries.add(new Delivery(e, sequenceNumber(record))));
            } catch (HistoryRecords.UnreadableRecord unreadable) {
                Log.error("A stream record is not readable as a job event; the stream retries it, then dead-letters it", unreadable,
                        "eventID", record.getEventID(), "sequenceNumber", sequenceNumber(record));
                failedAt = sequenceNumber(record);
                break;
            }
        }
        int delivered = deliver(deliveries);
        if (delivered < deliveries.size()) {
            failedAt = deliveries.get(delivered).sequenceNumber();
        }
        return new StreamsEventResponse(failedAt == null ? List.of() : List.of(new StreamsEventResponse.BatchItemFailure(failedAt)));
    }

    /** Gives the events to every consumer; how many of them, from the first, every consumer took. */
    private int deliver(List<Delivery> deliveries) {
        if (deliveries.isEmpty()) {
            return 0;
        }
        List<StreamedEvent> events = deliveries.stream().map(Delivery::event).toList();
        int taken = events.size();
        for (EventConsumer consumer : consumers) {
            try {
                consumer.consume(events);
            } catch (RuntimeException batchFailed) {
                taken = Math.min(taken, takenOneByOne(consumer, events));
            }
        }
        return taken;
    }

    private static int takenOneByOne(EventConsumer consumer, List<StreamedEvent> events) {
        for (int i = 0; i < events.size(); i++) {
            try {
                consumer.consume(List.of(events.get(i)));
            } catch (RuntimeException failed) {
                Log.warn("A consumer failed on an event; the stream delivers it again", failed,
                        "consumer", consumer.name(), "eventId", events.get(i).eventId());
                return i;
            }
        }
        return events.size();
    }

    /** Lambda names a failed record by its sequence number; a record without one is a malformed event, not a record to retry. */
    private static String sequenceNumber(Record record) {
        if (record.getDynamodb() == null || record.getDynamodb().getSequenceNumber() == null) {
            throw new IllegalArgumentException("Stream record " + record.getEventID() + " has no sequence number");
        }
        return record.getDynamodb().getSequenceNumber();
    }
}
