package dev.wfm.local;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.Map;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/** Jobs for tests that act on them once they stand at their first step. */
public final class TestJobs {
    private static final ObjectMapper MAPPER = new ObjectMapper();

    private TestJobs() {}

    /** A new job of the template, once its execution has entered its first step (see {@link #awaitEntered}). */
    public static String started(ApiClient api, String token, String itemId, String templateId) {
        String jobId = api.post("/items/" + itemId + "/jobs", token, "{\"jobTemplateId\": \"" + templateId + "\"}").created()
                .path("jobIds").path(0).asText();
        awaitEntered(itemId, jobId);
        return jobId;
    }

    /**
     * Waits until the job's execution has entered its current steps (each holds the execution's
     * task token) and the job owes it no call: the execution's own writes are done, and a test that
     * compares revisions sees only its own. Tokens are kept in the job record only, so it is read there.
     */
    public static void awaitEntered(String itemId, String jobId) {
        try (DynamoDbClient dynamo = DynamoDbClient.builder().endpointOverride(TestCloud.get().endpoints().dynamodb()).build()) {
            Await.until(() -> {
                Map<String, AttributeValue> record = dynamo.getItem(b -> b.tableName("WorkflowTable").key(Map.of(
                        "pk", AttributeValue.fromS("ITEM#" + itemId), "sk", AttributeValue.fromS("JOB#" + jobId)))).item();
                JsonNode job = record.containsKey("doc") ? read(record.get("doc").s()) : MAPPER.createObjectNode();
                JsonNode steps = job.path("currentSteps");
                if (steps.isEmpty() || !job.path("owedCalls").isEmpty()) {
                    return false;
                }
                for (JsonNode step : steps) {
                    if (!step.hasNonNull("taskToken")) {
                        return false;
                    }
                }
                return true;
            }, 20_000, "job " + jobId + "'s execution to enter its first step");
        }
    }

    private static JsonNode read(String json) {
        try {
            return MAPPER.readTree(json);
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }
}
