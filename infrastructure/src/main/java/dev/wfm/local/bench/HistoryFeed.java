package dev.wfm.local.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.wfm.events.EventConsumer;
import dev.wfm.events.StreamedEvent;
import dev.wfm.jobs.events.JobEvent;
import dev.wfm.local.runtime.DaemonThreads;
import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/**
 * A stand-in for the event stream until its runner is in the local cloud: polls the history of
 * the jobs it watches, turns each new history record back into its typed event (for the events
 * the history can tell; others are passed over) and hands them, in order, to a consumer, as the
 * stream's fan-out will. For the tests and the benchmark of live notifications only; the stream
 * replaces it.
 */
public final class HistoryFeed implements AutoCloseable {
    private static final ObjectMapper MAPPER = new ObjectMapper();

    private record Watched(String itemId, String jobId) {}

    private final DynamoDbClient dynamo;
    private final EventConsumer consumer;
    private final Map<Watched, Set<String>> delivered = new ConcurrentHashMap<>();
    private final ScheduledExecutorService poller = Executors.newSingleThreadScheduledExecutor(DaemonThreads.named("history-feed"));

    public HistoryFeed(URI dynamoEndpoint, EventConsumer consumer, Duration pollEvery) {
        this.dynamo = DynamoDbClient.builder().endpointOverride(dynamoEndpoint).region(Region.US_EAST_1)
                .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create("local", "local"))).build();
        this.consumer = consumer;
        poller.scheduleWithFixedDelay(this::poll, 0, pollEvery.toMillis(), TimeUnit.MILLISECONDS);
    }

    /** From now on, the job's events (those written already too) are delivered. */
    public void watch(String itemId, String jobId) {
        delivered.putIfAbsent(new Watched(itemId, jobId), ConcurrentHashMap.newKeySet());
    }

    private void poll() {
        try {
            delivered.forEach((job, seen) -> {
                List<StreamedEvent> batch = new ArrayList<>();
                dynamo.queryPaginator(b -> b.tableName("WorkflowTable").consistentRead(true)
                                .keyConditionExpression("pk = :pk AND begins_with(sk, :h)")
                                .expressionAttributeValues(Map.of(":pk", AttributeValue.fromS("ITEM#" + job.itemId()),
                                        ":h", AttributeValue.fromS("JOB#" + job.jobId() + "#H#"))))
                        .items().forEach(record -> {
                            String eventId = record.get("eventId").s();
                            if (seen.add(eventId)) {
                                event(record.get("doc").s()).ifPresent(event -> batch.add(new StreamedEvent(eventId, job.itemId(), job.jobId(), event)));
                            }
                        });
                if (!batch.isEmpty()) {
                    consumer.consume(batch);
                }
            });
        } catch (RuntimeException e) {
            System.err.println("history feed: " + e);
        }
    }

    /** The typed event a history entry records, where the entry tells it. */
    static Optional<JobEvent> event(String doc) {
        JsonNode entry;
        try {
            entry = MAPPER.readTree(doc);
        } catch (Exception e) {
            return Optional.empty();
        }
        String step = entry.path("stepId").asText(null);
        String user = entry.path("user").asText();
        Instant at = Instant.parse(entry.path("date").asText());
        JsonNode details = entry.path("details");
        Duration took = Duration.ofSeconds(entry.path("durationSeconds").asLong(0));
        JobEvent event = switch (entry.path("action").asText()) {
            case "JobCreated" -> new JobEvent.JobCreated(user, at);
            case "JobUpdated" -> new JobEvent.JobUpdated(user, at);
            case "JobClosed" -> new JobEvent.JobClosed(user, at);
            case "JobReopened" -> new JobEvent.JobReopened(step, user, at);
            case "JobCompleted" -> new JobEvent.JobCompleted(step, user, at);
            case "StepBecameCurrent" -> new JobEvent.StepBecameCurrent(step, user, at);
            case "CurrentStepSet" -> new JobEvent.CurrentStepSet(step, user, at);
            case "StepStarted" -> new JobEvent.StepStarted(step, user, at);
            case "StepStopped" -> new JobEvent.StepStopped(step, user, at);
            case "StepFinished" -> new JobEvent.StepFinished(step, user, at, took, text(details, "returnCode"), text(details, "comment"));
            case "StepFailed" -> new JobEvent.StepFailed(step, user, at, text(details, "error"));
            case "StepHeld" -> new JobEvent.StepHeld(step, user, at, text(details, "scheduledRelease"), text(details, "comment"));
            case "HoldReleased" -> new JobEvent.StepHoldReleased(step, user, at, text(details, "comment"));
            case "StepAssigned" -> new JobEvent.StepAssigned(step, user, at, text(details, "assignedType"), text(details, "assignedTo"),
                    text(details, "comment"));
            case "CommentAdded" -> new JobEvent.CommentAdded(user, at, text(details, "commentId"), text(details, "comment"));
            case "AttachmentAdded" -> new JobEvent.AttachmentAdded(user, at, text(details, "attachmentId"), text(details, "name"));
            case "AttachmentRemoved" -> new JobEvent.AttachmentRemoved(user, at, text(details, "attachmentId"), text(details, "name"));
            default -> null;
        };
        return Optional.ofNullable(event);
    }

    private static String text(JsonNode details, String field) {
        return details.path(field).isTextual() ? details.get(field).asText() : null;
    }

    @Override
    public void close() {
        poller.shutdownNow();
        dynamo.close();
    }
}
