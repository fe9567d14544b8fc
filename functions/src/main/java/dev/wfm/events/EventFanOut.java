package dev.wfm.events;

import com.amazonaws.services.lambda.runtime.events.DynamodbEvent;
import com.amazonaws.services.lambda.runtime.events.StreamsEventResponse;
import com.amazonaws.services.lambda.runtime.events.models.dynamodb.Record;
import dev.wfm.common.Log;
import dev.wfm.common.Parallel;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;

/**
 * Hands the job events of a batch of stream records to every consumer (side by side), in stream order. The stream
 * delivers at least once and consumers are idempotent, so what matters is that nothing is skipped:
 * <ul>
 *   <li>a consumer that fails on an event makes its record the batch item failure: the stream
 *       checkpoints the records before it and delivers it again with those after it (bounded retries,
 *       then the dead-letter destination). A consumer that failed on the batch is given its events one
 *       by one to find the first it fails on; it has had those before it, and has them again (those of
 *       its own record too: a change's events share one), which it shrugs off;</li>
 *   <li>a record that can never be read as an event fails the whole invocation, before any consumer
 *       is bothered: the stream splits the batch (BisectBatchOnFunctionError) until the record is alone,
 *       the records beside it flow, and only that record, after its retries, is dead-lettered.</li>
 * </ul>
 */
public final class EventFanOut {
    /** Consumers take a batch side by side: a slow web request of a rule does not hold a socket push back. */
    private static final ExecutorService CONSUMING = Parallel.pool("event-consumers", 4);

    private final List<EventConsumer> consumers;

    public EventFanOut(List<EventConsumer> consumers) {
        this.consumers = List.copyOf(consumers);
    }

    /** An event and the sequence number of the stream record it came in. */
    private record Delivery(StreamedEvent event, String sequenceNumber) {}

    public StreamsEventResponse handle(DynamodbEvent batch) {
        List<Delivery> deliveries = new ArrayList<>();
        List<DynamodbEvent.DynamodbStreamRecord> records = batch.getRecords() == null ? List.of() : batch.getRecords();
        for (Record record : records) {
            try {
                HistoryRecords.read(record).forEach(event -> deliveries.add(new Delivery(event, sequenceNumber(record))));
            } catch (HistoryRecords.UnreadableRecord unreadable) {
                Log.error("A stream record is not readable as a job event; the stream splits its batch to set it apart", unreadable,
                        "eventID", record.getEventID(), "sequenceNumber", sequenceNumber(record));
                throw unreadable;
            }
        }
        int delivered = deliver(deliveries);
        return new StreamsEventResponse(delivered == deliveries.size() ? List.of()
                : List.of(new StreamsEventResponse.BatchItemFailure(deliveries.get(delivered).sequenceNumber())));
    }

    /** Gives the events to every consumer; how many of them, from the first, every consumer took. */
    private int deliver(List<Delivery> deliveries) {
        if (deliveries.isEmpty()) {
            return 0;
        }
        List<StreamedEvent> events = deliveries.stream().map(Delivery::event).toList();
        return Parallel.map(CONSUMING, consumers, consumer -> taken(consumer, events)).stream().mapToInt(Integer::intValue)
                .min().orElse(events.size());
    }

    private static int taken(EventConsumer consumer, List<StreamedEvent> events) {
        try {
            consumer.consume(events);
            return events.size();
        } catch (RuntimeException batchFailed) {
            return takenOneByOne(consumer, events);
        }
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
