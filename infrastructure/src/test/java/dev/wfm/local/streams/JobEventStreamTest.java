package dev.wfm.local.streams;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.wfm.common.Json;
import dev.wfm.events.StreamedEvent;
import dev.wfm.jobs.events.JobEvent;
import dev.wfm.jobs.events.JobEventJson;
import dev.wfm.local.Await;
import dev.wfm.local.LocalCloud;
import dev.wfm.local.TableRecords;
import dev.wfm.local.TestCloud;
import dev.wfm.local.lambda.LambdaResult;
import dev.wfm.local.template.StreamSource;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.Record;

/**
 * Job changes made over HTTP leave the table through its stream: the local event source mapping
 * reads DynamoDB Local's stream and invokes the fan-out with real DynamodbEvents. A recording
 * consumer (its own function, fed by its own mapping) sees what a consumer is given; the template's
 * EventFanOutFunction, run by the cloud, keeps the activity counts.
 */
class JobEventStreamTest {
    private static final LocalCloud CLOUD = TestCloud.get();
    private static final StreamedJobs JOBS = new StreamedJobs(TestCloud.api(), CLOUD.adminToken(), CLOUD.endpoints().dynamodb());
    private static RecordingFanOut.Running recording;

    @BeforeAll
    static void startRecording() {
        recording = RecordingFanOut.start(CLOUD.endpoints().dynamodb(), null);
    }

    @AfterAll
    static void stopRecording() {
        recording.close();
    }

    @Test
    void aJobsEventsReachAConsumerInTheOrderOfItsHistoryOnceEachWithTheirIds() {
        List<String> item = JOBS.itemWithTemplate("Streamed");
        String jobId = JOBS.walkedJob(item.get(0), item.get(1));
        List<JsonNode> history = JOBS.history(item.get(0), jobId);

        Await.until(() -> RecordingFanOut.recorded(item.get(0)).size() >= history.size(), 30_000, "the job's events to reach the consumer");
        List<StreamedEvent> events = RecordingFanOut.recorded(item.get(0));

        assertEquals(history.stream().map(JsonNode::toString).toList(),
                events.stream().map(event -> Json.MAPPER.valueToTree(event.event().historyEntry()).toString()).toList(),
                "the events the history shows, in its order, each once");
        events.forEach(event -> {
            assertEquals(jobId, event.jobId());
            assertTrue(event.eventId().matches(jobId + "/\\d+/\\d+"), event.eventId());
        });
        assertEquals(events.size(), events.stream().map(StreamedEvent::eventId).distinct().count(), "every id names one event");
    }

    @Test
    void aBatchDeliveredTwiceHasOneEffect() throws Exception {
        List<String> item = JOBS.itemWithTemplate("Delivered twice");
        String jobId = JOBS.walkedJob(item.get(0), item.get(1));
        List<JsonNode> history = JOBS.history(item.get(0), jobId);
        List<Record> records = JOBS.streamRecords(item.get(0));
        Map<String, Long> expected = new TreeMap<>();
        for (Record record : records) {
            Json.read(record.dynamodb().newImage().get("events").s())
                    .forEach(event -> expected.merge(event.path("event").path("type").asText(), 1L, Long::sum));
        }
        assertEquals(history.size(), expected.values().stream().mapToLong(Long::longValue).sum(), "the records' events are the history's entries");
        assertTrue(records.size() < history.size(), "a history record per change, not per event: the creation's two events are one");
        Await.until(() -> JOBS.counts(item.get(0), history).equals(expected), 30_000, "the stream's delivery to be counted: " + expected);

        String streamArn = JOBS.dynamo().describeTable(builder -> builder.tableName(TableRecords.TABLE)).table().latestStreamArn();
        ObjectNode batch = Json.object();
        records.forEach(record -> batch.withArray("Records").add(ShardRecord.of(record, streamArn).lambdaJson()));
        for (int delivery = 1; delivery <= 2; delivery++) {
            LambdaResult result = CLOUD.lambdas().invoke("EventFanOutFunction", Json.MAPPER.writeValueAsBytes(batch));
            assertNull(result.functionError(), new String(result.payload()));
            assertEquals(0, Json.MAPPER.readTree(result.payload()).path("batchItemFailures").size());
        }

        assertEquals(expected, JOBS.counts(item.get(0), history), "three deliveries, one count per event");
    }

    @Test
    void aHistoryRecordOfOneEventAsAnEarlierVersionWroteItStillFlows() {
        String olderItem = UUID.randomUUID().toString();
        String at = Instant.now().toString();
        JOBS.dynamo().putItem(builder -> builder.tableName(TableRecords.TABLE).item(Map.of(
                "pk", AttributeValue.fromS("ITEM#" + olderItem),
                "sk", AttributeValue.fromS("JOB#older#H#" + at + "#000#x"),
                "doc", AttributeValue.fromS("{\"action\":\"JobCreated\",\"user\":\"amy\",\"date\":\"" + at + "\"}"),
                "eventId", AttributeValue.fromS("older/1/0"),
                "event", AttributeValue.fromS(JobEventJson.write(new JobEvent.JobCreated("amy", Instant.parse(at)))))));

        Await.until(() -> !RecordingFanOut.recorded(olderItem).isEmpty(), 30_000, "the older record's event to reach the consumer");
        assertEquals(List.of(new StreamedEvent("older/1/0", olderItem, "older", new JobEvent.JobCreated("amy", Instant.parse(at)))),
                RecordingFanOut.recorded(olderItem));
    }

    @Test
    void aPoisonedRecordIsDeadLetteredAloneAfterItsRetriesAndTheRecordsAfterItStillFlow() throws Exception {
        String poisonedItem = UUID.randomUUID().toString();
        JOBS.dynamo().putItem(builder -> builder.tableName(TableRecords.TABLE).item(Map.of(
                "pk", AttributeValue.fromS("ITEM#" + poisonedItem),
                "sk", AttributeValue.fromS("JOB#poisoned#H#" + Instant.now() + "#000#x"),
                "entries", AttributeValue.fromS("[]"),
                "events", AttributeValue.fromS("[{\"eventId\":\"poisoned/1/0\",\"event\":{\"type\":\"StepFinished\",\"at\":\"not a time\"}}]"))));
        List<String> item = JOBS.itemWithTemplate("After the poison");
        String jobId = JOBS.walkedJob(item.get(0), item.get(1));
        List<JsonNode> history = JOBS.history(item.get(0), jobId);

        Await.until(() -> RecordingFanOut.recorded(item.get(0)).size() >= history.size(), 60_000, "the records after the poison to flow");
        Await.until(() -> JOBS.counts(item.get(0), history).values().stream().mapToLong(Long::longValue).sum() == history.size(), 60_000,
                "the cloud's fan-out to count the events after the poison");
        DeadLetters deadLetters = CLOUD.streams().deadLetters("EventDeadLetterQueue");
        Await.until(() -> !deadLetters.messages().isEmpty(), 60_000, "the poisoned record's dead letter");

        List<JsonNode> messages = deadLetters.messages();
        assertEquals(1, messages.size(), messages.toString());
        JsonNode message = Json.read(messages.get(0).path("Body").asText());
        JsonNode batch = message.path("DDBStreamBatchInfo");
        StreamSource mapping = StreamedJobs.templateFunction("EventFanOutFunction").streams().get(0);
        assertEquals("RetryAttemptsExhausted", message.path("requestContext").path("condition").asText());
        assertEquals(mapping.maximumRetryAttempts() + 1, message.path("requestContext").path("approximateInvokeCount").asInt(),
                "the first invocation and its bounded retries");
        assertEquals("Unhandled", message.path("responseContext").path("functionError").asText());
        assertEquals(1, batch.path("batchSize").asInt(), "split off from the records beside it");
        assertEquals(batch.path("startSequenceNumber"), batch.path("endSequenceNumber"));
        Record named = JOBS.recordAt(batch.path("streamArn").asText(), batch.path("shardId").asText(), batch.path("startSequenceNumber").asText());
        assertEquals("ITEM#" + poisonedItem, named.dynamodb().newImage().get("pk").s(), "the dead letter names the poisoned record");
    }

    @Test
    void aMappingStartedAgainResumesAfterItsCheckpoint(@TempDir Path dataDir) {
        List<String> item = JOBS.itemWithTemplate("Checkpointed");
        String first;
        try (RecordingFanOut.Running before = RecordingFanOut.start(CLOUD.endpoints().dynamodb(), dataDir)) {
            first = JOBS.walkedJob(item.get(0), item.get(1));
            int events = JOBS.history(item.get(0), first).size();
            // the shared recording mapping and this one each deliver them once
            Await.until(() -> RecordingFanOut.recorded(item.get(0)).size() >= 2 * events, 30_000, "both mappings to deliver the first job");
        }
        String second = JOBS.walkedJob(item.get(0), item.get(1));
        int firstEvents = JOBS.history(item.get(0), first).size();
        int secondEvents = JOBS.history(item.get(0), second).size();

        try (RecordingFanOut.Running after = RecordingFanOut.start(CLOUD.endpoints().dynamodb(), dataDir)) {
            Await.until(() -> count(item.get(0), second) >= 2 * secondEvents, 30_000, "the second job's events, written while it was stopped");
            assertEquals(2 * firstEvents, count(item.get(0), first), "the first job's events are not delivered again after the restart");
            assertEquals(2 * secondEvents, count(item.get(0), second));
        }
    }

    private static long count(String itemId, String jobId) {
        return RecordingFanOut.recorded(itemId).stream().filter(event -> event.jobId().equals(jobId)).count();
    }
}
