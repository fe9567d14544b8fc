package dev.wfm.local.bench;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.wfm.activity.ActivityCounts;
import dev.wfm.jobs.events.JobEvent;
import dev.wfm.jobs.events.JobEventJson;
import dev.wfm.jobs.events.RecordedEvent;
import dev.wfm.local.LocalCloud;
import dev.wfm.local.lambda.LambdaResult;
import dev.wfm.local.streams.ShardRecord;
import dev.wfm.local.template.SamTemplate;
import dev.wfm.store.Table;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Stream;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.OperationType;
import software.amazon.awssdk.services.dynamodb.model.PutRequest;
import software.amazon.awssdk.services.dynamodb.model.Record;
import software.amazon.awssdk.services.dynamodb.model.StreamRecord;
import software.amazon.awssdk.services.dynamodb.model.StreamViewType;
import software.amazon.awssdk.services.dynamodb.model.WriteRequest;

/**
 * How many job events a second the event fan-out sustains on this machine, through all its
 * consumers (activity counts, notification rules, socket pushes) against DynamoDB Local, in one run:
 * <ul>
 *   <li>the function alone: EventFanOutFunction invoked in process with DynamodbEvent batches of 100
 *       history records, each event new (a fresh id), as the stream hands them over;</li>
 *   <li>the whole path: history records written into the table (BatchWriteItem), read from DynamoDB
 *       Local's stream by the local event source mapping and fanned out, until every one is counted.</li>
 * </ul>
 * <pre>
 *   mvn -q -B package -DskipTests
 *   java -cp infrastructure/target/local-cloud.jar dev.wfm.local.bench.StreamBenchmark [--batches 50] [--events 5000]
 * </pre>
 */
public final class StreamBenchmark {
    private static final ObjectMapper MAPPER = new ObjectMapper();
    private static final int BATCH = 100;
    private static final String TABLE = "WorkflowTable";

    private StreamBenchmark() {}

    public static void main(String[] args) throws Exception {
        int batches = LocalCloudBenchmark.option(args, "--batches", 50);
        int streamed = LocalCloudBenchmark.option(args, "--events", 5000);
        Path dataDir = Files.createTempDirectory("wfm-stream-bench");
        try (LocalCloud cloud = LocalCloud.start(new LocalCloud.Options(0, dataDir, true, SamTemplate.locate(Path.of(""))));
             DynamoDbClient dynamo = DynamoDbClient.builder().endpointOverride(cloud.endpoints().dynamodb()).build()) {
            String streamArn = dynamo.describeTable(builder -> builder.tableName(TABLE)).table().latestStreamArn();
            List<String> report = new ArrayList<>();

            String invokedItem = UUID.randomUUID().toString();
            Stats perBatch = new Stats();
            long began = System.nanoTime();
            for (int b = 0; b < batches; b++) {
                ObjectNode event = MAPPER.createObjectNode();
                for (int i = 0; i < BATCH; i++) {
                    event.withArray("Records").add(lambdaRecord(history(invokedItem, "invoked"), streamArn, b * BATCH + i + 1));
                }
                long t = System.nanoTime();
                LambdaResult result = cloud.lambdas().invoke("EventFanOutFunction", MAPPER.writeValueAsBytes(event));
                perBatch.add(System.nanoTime() - t);
                if (result.functionError() != null || MAPPER.readTree(result.payload()).path("batchItemFailures").size() > 0) {
                    throw new IllegalStateException("A batch was not taken: " + new String(result.payload()));
                }
            }
            double invokedSeconds = (System.nanoTime() - began) / 1e9;
            report.add(perBatch.line("fan-out invoked in process, a batch of " + BATCH + " new events"));
            report.add(String.format("%-58s %,.0f events/s", "fan-out invoked in process", batches * BATCH / invokedSeconds));

            String streamedItem = UUID.randomUUID().toString();
            ActivityCounts counts = new ActivityCounts(new Table(dynamo, TABLE), Clock.systemUTC());
            long start = System.nanoTime();
            List<WriteRequest> writes = new ArrayList<>();
            for (int i = 0; i < streamed; i++) {
                writes.add(WriteRequest.builder().putRequest(PutRequest.builder().item(history(streamedItem, "streamed")).build()).build());
                if (writes.size() == 25 || i == streamed - 1) {
                    List<WriteRequest> chunk = List.copyOf(writes);
                    dynamo.batchWriteItem(builder -> builder.requestItems(Map.of(TABLE, chunk)));
                    writes.clear();
                }
            }
            double writtenSeconds = (System.nanoTime() - start) / 1e9;
            Instant deadline = Instant.now().plus(Duration.ofMinutes(10));
            while (counted(counts, streamedItem) < streamed) {
                if (Instant.now().isAfter(deadline)) {
                    throw new IllegalStateException("Only " + counted(counts, streamedItem) + " of " + streamed + " events counted in 10 minutes");
                }
                Thread.sleep(20);
            }
            double streamedSeconds = (System.nanoTime() - start) / 1e9;
            report.add(String.format("%-58s %,.0f events/s (%,d events; written in %.1f s, all counted after %.1f s)",
                    "table -> stream -> event source mapping -> fan-out", streamed / streamedSeconds, streamed, writtenSeconds, streamedSeconds));

            System.out.println();
            System.out.println("Event stream benchmark (" + Runtime.getRuntime().availableProcessors() + " cores)");
            report.forEach(System.out::println);
        }
    }

    /** A job's history record as the unit of work writes it, carrying a change of one new event. */
    private static Map<String, AttributeValue> history(String itemId, String jobId) {
        String eventId = jobId + "/" + UUID.randomUUID() + "/0";
        Instant at = Instant.now();
        JobEvent event = new JobEvent.StepFinished("review", "bench", at, Duration.ofSeconds(1), "ok", null);
        return Map.of("pk", AttributeValue.fromS("ITEM#" + itemId), "sk", AttributeValue.fromS("JOB#" + jobId + "#H#" + at + "#000#" + eventId),
                "events", AttributeValue.fromS(JobEventJson.writeChange(List.of(new RecordedEvent(eventId, event)))),
                "entries", AttributeValue.fromS(MAPPER.valueToTree(List.of(event.historyEntry())).toString()));
    }

    /** The record as the stream hands it to the function, written as the local event source mapping writes it. */
    private static ObjectNode lambdaRecord(Map<String, AttributeValue> image, String streamArn, long sequence) {
        Record record = Record.builder().eventID(UUID.randomUUID().toString()).eventName(OperationType.INSERT).eventVersion("1.1")
                .eventSource("aws:dynamodb").awsRegion("us-east-1")
                .dynamodb(StreamRecord.builder().approximateCreationDateTime(Instant.now())
                        .keys(Map.of("pk", image.get("pk"), "sk", image.get("sk"))).newImage(image)
                        .sequenceNumber(String.format("%021d", sequence)).sizeBytes(512L).streamViewType(StreamViewType.NEW_IMAGE).build())
                .build();
        return ShardRecord.of(record, streamArn).lambdaJson();
    }

    /** The events counted for the item today and yesterday (UTC), should the run cross midnight. */
    private static long counted(ActivityCounts counts, String itemId) {
        LocalDate today = LocalDate.now(ZoneOffset.UTC);
        return Stream.of(today.minusDays(1), today)
                .flatMap(day -> counts.day(itemId, day).values().stream()).mapToLong(Long::longValue).sum();
    }
}
