package dev.wfm.events;

import com.amazonaws.services.lambda.runtime.events.DynamodbEvent;
import com.amazonaws.services.lambda.runtime.events.models.dynamodb.AttributeValue;
import com.amazonaws.services.lambda.runtime.events.models.dynamodb.StreamRecord;
import dev.wfm.jobs.events.JobEvent;
import dev.wfm.jobs.events.JobEventJson;
import java.time.Instant;
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

    /** The history record of job j1's event {@code j1/{revision}/0} in item i1, inserted at sequence number {@code sequence}. */
    static DynamodbEvent.DynamodbStreamRecord history(String sequence, int revision, JobEvent event) {
        return history(sequence, "j1/" + revision + "/0", JobEventJson.write(event));
    }

    static DynamodbEvent.DynamodbStreamRecord history(String sequence, String eventId, String eventJson) {
        Map<String, AttributeValue> image = new HashMap<>(Map.of(
                "pk", new AttributeValue("ITEM#i1"),
                "sk", new AttributeValue("JOB#j1#H#2026-03-02T09:00:00Z#000#" + sequence),
                "doc", new AttributeValue("{}"),
                "eventId", new AttributeValue(eventId)));
        if (eventJson != null) {
            image.put("event", new AttributeValue(eventJson));
        }
        return record("INSERT", sequence, image);
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
