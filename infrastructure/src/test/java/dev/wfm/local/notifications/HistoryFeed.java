package dev.wfm.local.notifications;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.wfm.events.StreamedEvent;
import dev.wfm.jobs.events.JobEvent;
import dev.wfm.local.TestCloud;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.QueryRequest;

/**
 * A job's events as the stream would hand them over, read from its stored history records (each
 * with its event id) until the stream's fan-out reads the records' typed events itself: only the
 * kinds these tests walk through are rebuilt from their history lines.
 */
final class HistoryFeed {
    private static final ObjectMapper MAPPER = new ObjectMapper();

    private HistoryFeed() {}

    static List<StreamedEvent> events(String itemId, String jobId) {
        List<StreamedEvent> events = new ArrayList<>();
        try (DynamoDbClient dynamo = DynamoDbClient.builder().endpointOverride(TestCloud.get().endpoints().dynamodb()).build()) {
            dynamo.queryPaginator(QueryRequest.builder().tableName("WorkflowTable").consistentRead(true)
                            .keyConditionExpression("pk = :pk AND begins_with(sk, :history)")
                            .expressionAttributeValues(Map.of(":pk", AttributeValue.fromS("ITEM#" + itemId),
                                    ":history", AttributeValue.fromS("JOB#" + jobId + "#H#"))).build())
                    .items().forEach(record -> {
                        JobEvent event = event(read(record.get("doc").s()));
                        if (event != null) {
                            events.add(new StreamedEvent(record.get("eventId").s(), itemId, jobId, event));
                        }
                    });
        }
        return events;
    }

    private static JobEvent event(JsonNode entry) {
        String stepId = entry.path("stepId").asText(null);
        String user = entry.path("user").asText();
        Instant at = Instant.parse(entry.path("date").asText());
        JsonNode details = entry.path("details");
        return switch (entry.path("action").asText()) {
            case "JobCreated" -> new JobEvent.JobCreated(user, at);
            case "StepBecameCurrent" -> new JobEvent.StepBecameCurrent(stepId, user, at);
            case "StepStarted" -> new JobEvent.StepStarted(stepId, user, at);
            case "StepFinished" -> new JobEvent.StepFinished(stepId, user, at, Duration.ofSeconds(entry.path("durationSeconds").asLong()),
                    details.path("returnCode").asText(null), details.path("comment").asText(null));
            case "JobCompleted" -> new JobEvent.JobCompleted(stepId, user, at);
            case "JobClosed" -> new JobEvent.JobClosed(user, at);
            default -> null;
        };
    }

    private static JsonNode read(String json) {
        try {
            return MAPPER.readTree(json);
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }
}
