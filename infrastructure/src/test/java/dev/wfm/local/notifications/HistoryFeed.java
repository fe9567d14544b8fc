package dev.wfm.local.notifications;

import dev.wfm.events.StreamedEvent;
import dev.wfm.jobs.events.JobEventJson;
import dev.wfm.local.TestCloud;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.QueryRequest;

/**
 * A job's events as the stream hands them over, read from its stored history records (each with
 * its change's events and their ids), for the tests that hand a batch over again as a retrying stream
 * does. The cloud's own stream delivers them too; consumers are idempotent on the event id.
 */
final class HistoryFeed {
    private HistoryFeed() {}

    static List<StreamedEvent> events(String itemId, String jobId) {
        List<StreamedEvent> events = new ArrayList<>();
        try (DynamoDbClient dynamo = DynamoDbClient.builder().endpointOverride(TestCloud.get().endpoints().dynamodb()).build()) {
            dynamo.queryPaginator(QueryRequest.builder().tableName("WorkflowTable").consistentRead(true)
                            .keyConditionExpression("pk = :pk AND begins_with(sk, :history)")
                            .expressionAttributeValues(Map.of(":pk", AttributeValue.fromS("ITEM#" + itemId),
                                    ":history", AttributeValue.fromS("JOB#" + jobId + "#H#"))).build())
                    .items().forEach(record -> JobEventJson.readChange(record.get("events").s()).forEach(event -> events.add(
                            new StreamedEvent(event.eventId(), itemId, jobId, event.event()))));
        }
        return events;
    }
}
