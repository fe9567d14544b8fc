package dev.wfm.events;

import com.amazonaws.services.lambda.runtime.events.DynamodbEvent;
import com.amazonaws.services.lambda.runtime.events.models.dynamodb.AttributeValue;
import com.amazonaws.services.lambda.runtime.events.models.dynamodb.StreamRecord;
import dev.wfm.jobs.events.JobEvent;
import dev.wfm.jobs.events.JobEventJson;
import dev.wfm.jobs.events.RecordedEvent;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/** Stream records as the table's stream has them: a job's history records, and others. */
final class StreamBatches {
    static final Instant AT = Instant.parse("2026-03-02T09:00:00Z");

    private StreamBatches() {}

    static DynamodbEvent batch(DynamodbEvent.DynamodbStreamRecord... records) {
        DynamodbEvent event = new DynamodbEvent();
        event.setRecords(Arrays.asList(records));
        return event;
    }

    /** The history record of job j1's change at {@code revision} in item i1 (events {@code j1/{revision}/{i}}), inserted at sequence number {@code sequence}. */
    static DynamodbEvent.DynamodbStreamRecord history(String sequence, int revision, JobEvent... events) {
        List<RecordedEvent> recorded = new ArrayList<>();
        for (int i = 0; i < events.length; i++) {
            recorded.add(new RecordedEvent(RecordedEvent.id("j1", revision, i), events[i]));
        }
        return history(sequence, JobEventJson.writeChange(recorded));
    }

    /** A change's history record whose {@code events} attribute is {@code eventsJson}. */
    static DynamodbEvent.DynamodbStreamRecord history(String sequence, String eventsJson) {
        Map<String, AttributeValue> image = historyKeys(sequence);
        image.put("entries", new AttributeValue("[]"));
        image.put("events", new AttributeValue(eventsJson));
        return record("INSERT", sequence, image);
    }

    /**
     * A history record as written before a change's events shared one: one entry, and, once events were kept, its
     * event and the event's id ({@code eventJson} null: written before that).
     */
    static DynamodbEvent.DynamodbStreamRecord olderHistory(String sequence, String eventId, String eventJson) {
        Map<String, AttributeValue> image = historyKeys(sequence);
        image.put("doc", new AttributeValue("{}"));
        if (eventJson != null) {
            image.put("eventId", new AttributeValue(eventId));
            image.put("event", new AttributeValue(eventJson));
        }
        return record("INSERT", sequence, image);
    }

    private static Map<String, AttributeValue> historyKeys(String sequence) {
        return new HashMap<>(Map.of(
                "pk", new AttributeValue("ITEM#i1"),
                "sk", new AttributeValue("JOB#j1#H#2026-03-02T09:00:00Z#000#" + sequence)));
    }

    static DynamodbEvent.DynamodbStreamRecord record(String eventName, String sequence, Map<String, AttributeValue> newImage) {
        DynamodbEvent.DynamodbStreamRecord record = new DynamodbEvent.DynamodbStreamRecord();
        record.setEventID("id-" + sequence);
        record.setEventName(eventName);
        record.setEventSource("aws:dynamodb");
        record.setDynamodb(new StreamRecord().withSequenceNumber(sequence).withNewImage(newImage)
                .withKeys(newImage == null ? Map.of() : Map.of("pk", newImage.get("pk"), "sk", newImage.get("sk"))));
        return record;
    }

    static JobEvent finished(String stepId) {
        return new JobEvent.StepFinished(stepId, "amy", AT, java.time.Duration.ofSeconds(5), "yes", null);
    }

    static List<String> ids(List<StreamedEvent> events) {
        return events.stream().map(StreamedEvent::eventId).toList();
    }
}
