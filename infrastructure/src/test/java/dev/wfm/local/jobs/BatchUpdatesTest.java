package dev.wfm.local.jobs;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.wfm.local.ApiClient;
import dev.wfm.local.Await;
import dev.wfm.local.TableRecords;
import java.net.URI;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Collectors;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/**
 * Batch updates through the local cloud: accepted with 202, run in the background by the batch
 * function from the table's stream, each job through its own command (its history), with a result
 * per job, read back paged; a retried submit answers the same batch; a chunk given again by the
 * stream changes only its jobs without a result.
 */
class BatchUpdatesTest {
    private final JobsDriver driver = new JobsDriver();
    private String templateId;

    @BeforeEach
    void template() {
        // the jobs stay at define: their notify step, and so its address, is never reached
        templateId = driver.template(driver.diagram(JobsDriver.exampleDiagram("http://127.0.0.1:9/notify")), "");
    }

    @Test
    void aBatchUpdateChangesEachJobThroughItsCommandAndReportsEveryJobsResultPaged() {
        List<String> open = List.of(atDefine(), atDefine(), atDefine());
        String closed = atDefine();
        driver.api.post(driver.path("/jobs/close"), driver.admin, "{\"jobIds\": [\"" + closed + "\"]}");
        List<String> jobIds = new ArrayList<>(open);
        jobIds.addAll(List.of(closed, "no-such-job"));

        ApiClient.Response accepted = submit("{\"jobIds\": " + json(jobIds) + ", \"change\": {\"type\": \"update\", \"priority\": \"High\", "
                + "\"assignedType\": \"User\", \"assignedTo\": \"amy\"}}", Map.of());
        assertEquals(202, accepted.status(), accepted.body().toString());
        assertEquals(5, accepted.body().path("total").asInt());
        assertEquals("admin", accepted.body().path("submittedBy").asText());
        JsonNode done = awaitCompleted(accepted.body().path("batchId").asText());

        assertEquals(3, done.path("succeeded").asInt(), done.toString());
        assertEquals(2, done.path("failed").asInt(), done.toString());
        Map<String, String> codes = new TreeMap<>();
        done.path("results").forEach(result -> codes.put(result.path("jobId").asText(),
                result.path("success").asBoolean() ? "ok" : result.path("code").asText()));
        Map<String, String> expected = new TreeMap<>(Map.of(closed, "JOB_CLOSED", "no-such-job", "NOT_FOUND"));
        open.forEach(jobId -> expected.put(jobId, "ok"));
        assertEquals(expected, codes);
        for (String jobId : open) {
            JsonNode job = driver.get(jobId);
            assertEquals("High", job.path("priority").asText(), job.toString());
            assertEquals("amy", job.path("assignedTo").asText(), job.toString());
            assertEquals(1, Collections.frequency(driver.historyActions(jobId), "JobUpdated"), driver.historyActions(jobId).toString());
        }
        assertEquals("Medium", driver.get(closed).path("priority").asText(), "a refused job is not changed");

        List<String> paged = new ArrayList<>();
        String page = driver.path("/jobs/batches/" + done.path("batchId").asText()) + "?limit=2";
        int pages = 0;
        while (page != null) {
            JsonNode answer = driver.api.get(page, driver.admin).body();
            assertTrue(answer.path("results").size() <= 2, answer.toString());
            answer.path("results").forEach(result -> paged.add(result.path("jobId").asText()));
            page = answer.has("@nextLink") ? relative(answer.path("@nextLink").asText()) : null;
            pages++;
        }
        assertEquals(3, pages);
        assertEquals(new ArrayList<>(expected.keySet()), paged, "pages in job id order, none repeated or skipped");
    }

    @Test
    void aBatchMatchedByQClosesTheJobsItMatchesAndNoOther() {
        String name = "Batch " + System.nanoTime();
        List<String> matched = List.of(named(name), named(name));
        String other = named(name + " other");

        JsonNode accepted = submit("{\"q\": \"jobName = '" + name + "'\", \"change\": {\"type\": \"close\"}}", Map.of()).body();
        assertEquals(2, accepted.path("total").asInt(), accepted.toString());
        JsonNode done = awaitCompleted(accepted.path("batchId").asText());

        assertEquals(2, done.path("succeeded").asInt(), done.toString());
        matched.forEach(jobId -> assertTrue(driver.get(jobId).path("closed").asBoolean(), jobId));
        assertFalse(driver.get(other).path("closed").asBoolean());
    }

    @Test
    void aRetriedSubmitAnswersTheSameBatchAndTheKeyWithAnotherRequestIsRefused() {
        String jobId = atDefine();
        String body = "{\"jobIds\": [\"" + jobId + "\"], \"change\": {\"type\": \"update\", \"jobStatus\": \"In progress\"}}";
        Map<String, String> key = Map.of("Idempotency-Key", "batch-" + System.nanoTime());

        String batchId = submit(body, key).body().path("batchId").asText();
        awaitCompleted(batchId);
        ApiClient.Response retried = submit(body, key);
        ApiClient.Response other = submit(body.replace("In progress", "New"), key);

        assertEquals(202, retried.status(), retried.body().toString());
        assertEquals(batchId, retried.body().path("batchId").asText());
        assertEquals("completed", retried.body().path("status").asText());
        assertEquals(422, other.status(), other.body().toString());
        assertEquals("IDEMPOTENCY_KEY_REUSED", other.code());
        assertEquals(1, Collections.frequency(driver.historyActions(jobId), "JobUpdated"), driver.historyActions(jobId).toString());
    }

    @Test
    void aChunkGivenAgainByTheStreamChangesOnlyItsJobsWithoutAResult() {
        String done = atDefine();
        String notReached = atDefine();
        String batchId = submit("{\"jobIds\": [\"" + done + "\"], \"change\": {\"type\": \"update\", \"priority\": \"Low\"}}", Map.of())
                .body().path("batchId").asText();
        awaitCompleted(batchId);

        // The chunk again, holding a job its first run had not reached: as the stream gives a chunk whose run crashed.
        try (DynamoDbClient dynamo = DynamoDbClient.builder().endpointOverride(driver.cloud.endpoints().dynamodb()).build()) {
            Map<String, AttributeValue> key = Map.of("pk", AttributeValue.fromS("ITEM#" + driver.itemId),
                    "sk", AttributeValue.fromS("BATCHCHUNK#" + batchId + "#0000"));
            Map<String, AttributeValue> chunk = new HashMap<>(dynamo.getItem(b -> b.tableName("WorkflowTable").key(key)).item());
            chunk.put("jobIds", AttributeValue.fromL(List.of(AttributeValue.fromS(done), AttributeValue.fromS(notReached))));
            dynamo.deleteItem(b -> b.tableName("WorkflowTable").key(key));
            dynamo.putItem(b -> b.tableName("WorkflowTable").item(chunk));
        }

        driver.await(notReached, job -> "Low".equals(job.path("priority").asText()), "priority Low from the chunk given again");
        assertEquals(List.of(1, 1), List.of(done, notReached).stream()
                .map(jobId -> Collections.frequency(driver.historyActions(jobId), "JobUpdated")).toList());
    }

    @Test
    void aBadBatchIsRefusedAndNothingIsWritten() {
        String jobId = atDefine();
        String jobs = "\"jobIds\": [\"" + jobId + "\"]";
        Map<String, String> refusals = new TreeMap<>(Map.of(
                "{" + jobs + "}", "change",
                "{" + jobs + ", \"change\": {\"type\": \"rename\"}}", "change.type",
                "{" + jobs + ", \"change\": {\"type\": \"update\"}}", "change",
                "{" + jobs + ", \"change\": {\"type\": \"update\", \"priority\": \"Urgent!\"}}", "priority",
                "{" + jobs + ", \"change\": {\"type\": \"close\", \"priority\": \"High\"}}", "change.priority",
                "{\"q\": \"closed = 0\", " + jobs + ", \"change\": {\"type\": \"close\"}}", "jobIds",
                "{\"jobIds\": [], \"change\": {\"type\": \"close\"}}", "jobIds",
                "{\"jobIds\": " + json(Collections.nCopies(3001, "x").stream().map(x -> "j" + Math.random()).toList())
                        + ", \"change\": {\"type\": \"close\"}}", "jobIds",
                "{" + jobs + ", \"change\": {\"type\": \"close\"}, \"dryRun\": true}", "dryRun"));
        try (var table = new TableRecords(driver.cloud.endpoints().dynamodb())) {
            var before = TableRecords.writtenByRequests(table.partition("ITEM#" + driver.itemId));
            refusals.forEach((body, target) -> {
                ApiClient.Response refused = submit(body, Map.of());
                assertEquals(400, refused.status(), body + " → " + refused.body());
                assertEquals(target, refused.body().path("target").asText(), refused.body().toString());
            });
            assertEquals(before, TableRecords.writtenByRequests(table.partition("ITEM#" + driver.itemId)));
        }
        String worker = driver.cloud.token("wendy", List.of("workers"));
        assertEquals(403, driver.api.post(driver.path("/jobs/batch"), worker, "{" + jobs + ", \"change\": {\"type\": \"close\"}}").status());
        assertEquals(404, driver.api.get(driver.path("/jobs/batches/nobatch"), driver.admin).status());
    }

    private ApiClient.Response submit(String body, Map<String, String> headers) {
        return driver.api.send("POST", driver.path("/jobs/batch"), driver.admin, body, headers);
    }

    private JsonNode awaitCompleted(String batchId) {
        JsonNode[] batch = new JsonNode[1];
        Await.until(() -> {
            ApiClient.Response read = driver.api.get(driver.path("/jobs/batches/" + batchId), driver.admin);
            batch[0] = read.body();
            return read.status() == 200 && "completed".equals(read.body().path("status").asText());
        }, 30_000, "batch " + batchId + " completed");
        return batch[0];
    }

    private String atDefine() {
        String jobId = driver.job(templateId);
        driver.awaitCurrent(jobId, "define");
        return jobId;
    }

    private String named(String jobName) {
        ApiClient.Response created = driver.api.post(driver.path("/jobs"), driver.admin,
                "{\"jobTemplateId\": \"" + templateId + "\", \"jobName\": \"" + jobName + "\"}");
        String jobId = created.created().path("jobIds").path(0).asText();
        driver.awaitCurrent(jobId, "define");
        return jobId;
    }

    private static String relative(String link) {
        URI uri = URI.create(link);
        return uri.getRawPath() + "?" + uri.getRawQuery();
    }

    private static String json(List<String> values) {
        return values.stream().map(value -> "\"" + value + "\"").collect(Collectors.joining(", ", "[", "]"));
    }
}
