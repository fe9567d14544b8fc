package dev.wfm.local.streams;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.databind.JsonNode;
import dev.wfm.activity.ActivityCounts;
import dev.wfm.local.ApiClient;
import dev.wfm.local.Await;
import dev.wfm.local.Fixtures;
import dev.wfm.local.TableRecords;
import dev.wfm.local.template.FunctionSpec;
import dev.wfm.local.template.Intrinsics;
import dev.wfm.local.template.SamTemplate;
import dev.wfm.store.Table;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.TreeSet;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.Record;
import software.amazon.awssdk.services.dynamodb.model.Shard;
import software.amazon.awssdk.services.dynamodb.model.ShardIteratorType;
import software.amazon.awssdk.services.dynamodb.streams.DynamoDbStreamsClient;

/** Jobs walked over HTTP, and what the table's stream and its consumers made of them, read as a test may. */
final class StreamedJobs implements AutoCloseable {
    private final ApiClient api;
    private final String admin;
    private final DynamoDbClient dynamo;
    private final DynamoDbStreamsClient streams;

    StreamedJobs(ApiClient api, String admin, URI dynamoEndpoint) {
        this.api = api;
        this.admin = admin;
        var credentials = StaticCredentialsProvider.create(AwsBasicCredentials.create("local", "local"));
        dynamo = DynamoDbClient.builder().endpointOverride(dynamoEndpoint).region(Region.of(Intrinsics.REGION)).credentialsProvider(credentials).build();
        streams = DynamoDbStreamsClient.builder().endpointOverride(dynamoEndpoint).region(Region.of(Intrinsics.REGION))
                .credentialsProvider(credentials).build();
    }

    static FunctionSpec templateFunction(String logicalId) {
        try {
            return SamTemplate.load(SamTemplate.locate(Path.of(""))).functions().stream()
                    .filter(function -> function.logicalId().equals(logicalId)).findFirst().orElseThrow();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** A new item with a template of the address verification diagram; its id and the template's. */
    List<String> itemWithTemplate(String name) {
        String itemId = api.post("/items", admin, "{\"name\": \"" + name + "\", \"roles\": {\"admin\": [\"admins\"]}}").created()
                .path("itemId").asText();
        String diagramId = api.post("/items/" + itemId + "/diagrams", admin, Fixtures.text("diagrams/address-verification.json")).created()
                .path("diagramId").asText();
        String templateId = api.post("/items/" + itemId + "/job-templates", admin, "{\"name\": \"t\", \"diagramId\": \"" + diagramId + "\"}")
                .created().path("jobTemplateId").asText();
        return List.of(itemId, templateId);
    }

    /** A job created and its first step finished, once the next step is current: a few changes, each with its events. */
    String walkedJob(String itemId, String templateId) {
        String jobId = api.post("/items/" + itemId + "/jobs", admin, "{\"jobTemplateId\": \"" + templateId + "\"}").created()
                .path("jobIds").path(0).asText();
        awaitCurrent(itemId, jobId, "define");
        ApiClient.Response finished = api.post("/items/" + itemId + "/jobs/" + jobId + "/action", admin,
                "{\"type\": \"Finish\", \"stepIds\": [\"define\"]}");
        assertEquals(200, finished.status(), finished.body().toString());
        awaitCurrent(itemId, jobId, "review");
        return jobId;
    }

    private void awaitCurrent(String itemId, String jobId, String stepId) {
        Await.until(() -> {
            JsonNode steps = api.get("/items/" + itemId + "/jobs/" + jobId, admin).body().path("currentSteps");
            return steps.size() == 1 && steps.get(0).path("stepId").asText().equals(stepId);
        }, 30_000, "job " + jobId + " at step " + stepId);
    }

    /** The job's history as the API answers it. */
    List<JsonNode> history(String itemId, String jobId) {
        List<JsonNode> entries = new ArrayList<>();
        api.get("/items/" + itemId + "/jobs/" + jobId + "/history", admin).body().forEach(entries::add);
        return entries;
    }

    /** The item's activity counts, by event type, over the days of these history entries. */
    Map<String, Long> counts(String itemId, List<JsonNode> history) {
        ActivityCounts counts = new ActivityCounts(new Table(dynamo, TableRecords.TABLE), Clock.systemUTC());
        Map<String, Long> total = new TreeMap<>();
        new TreeSet<>(history.stream().map(entry -> LocalDate.ofInstant(Instant.parse(entry.path("date").asText()), ZoneOffset.UTC)).toList())
                .forEach(day -> counts.day(itemId, day).forEach((type, count) -> total.merge(type, count, Long::sum)));
        return total;
    }

    /** The item's history records as the table's stream holds them, in stream order (every shard, from its oldest record). */
    List<Record> streamRecords(String itemId) {
        String streamArn = dynamo.describeTable(builder -> builder.tableName(TableRecords.TABLE)).table().latestStreamArn();
        List<Record> records = new ArrayList<>();
        for (Shard shard : streams.describeStream(builder -> builder.streamArn(streamArn)).streamDescription().shards()) {
            String iterator = streams.getShardIterator(builder -> builder.streamArn(streamArn).shardId(shard.shardId())
                    .shardIteratorType(ShardIteratorType.TRIM_HORIZON)).shardIterator();
            while (iterator != null) {
                String current = iterator;
                var page = streams.getRecords(builder -> builder.shardIterator(current));
                page.records().stream()
                        .filter(record -> record.dynamodb().hasNewImage() && record.dynamodb().newImage().containsKey("events")
                                && record.dynamodb().newImage().get("pk").s().equals("ITEM#" + itemId))
                        .forEach(records::add);
                iterator = page.records().isEmpty() ? null : page.nextShardIterator();
            }
        }
        return records;
    }

    /** The record at a sequence number of a shard, as an operator finds the record a dead letter names. */
    Record recordAt(String streamArn, String shardId, String sequenceNumber) {
        String iterator = streams.getShardIterator(builder -> builder.streamArn(streamArn).shardId(shardId)
                .shardIteratorType(ShardIteratorType.AT_SEQUENCE_NUMBER).sequenceNumber(sequenceNumber)).shardIterator();
        return streams.getRecords(builder -> builder.shardIterator(iterator).limit(1)).records().get(0);
    }

    DynamoDbClient dynamo() {
        return dynamo;
    }

    @Override
    public void close() {
        streams.close();
        dynamo.close();
    }
}
