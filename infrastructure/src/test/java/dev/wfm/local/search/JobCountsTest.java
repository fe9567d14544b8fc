package dev.wfm.local.search;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.wfm.local.ApiClient;
import dev.wfm.local.Await;
import dev.wfm.local.LocalCloud;
import dev.wfm.local.TestCloud;
import dev.wfm.local.TestTable;
import dev.wfm.local.lambda.LambdaResult;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/**
 * Statistics grouped by a job field are answered from the counts the stream keeps (JobCountsFunction),
 * and agree with the same statistics answered by reading the jobs, through creates, updates, closes
 * and deletes; a change the stream gives again counts once.
 */
class JobCountsTest {
    private static final ObjectMapper MAPPER = new ObjectMapper();
    private final LocalCloud cloud = TestCloud.get();
    private final ApiClient api = TestCloud.api();
    private final String admin = cloud.adminToken();
    private final String itemId = api.post("/items", admin, "{\"name\": \"Counted\", \"roles\": {\"admin\": [\"admins\"]}}")
            .created().path("itemId").asText();

    private String path(String rest) {
        return "/items/" + itemId + rest;
    }

    private JsonNode statistics(String body) {
        ApiClient.Response answer = api.post(path("/jobs/statistics"), admin, body);
        assertEquals(200, answer.status(), answer.body().toString());
        return answer.body();
    }

    /** The counts' answer, and the same question put so that only a read of the jobs answers it. */
    private void countsAgreeWithSearch(String groupBy) {
        for (String[] pair : List.of(new String[] {"", "\"q\": \"closed = 0 OR closed = 1\", "},
                new String[] {"\"q\": \"closed = 0\", ", "\"q\": \"closed = 0 AND jobName LIKE '%'\", "},
                new String[] {"\"q\": \"closed = 1\", ", "\"q\": \"closed = 1 AND jobName LIKE '%'\", "})) {
            String counted = "{" + pair[0] + "\"groupBy\": \"" + groupBy + "\"}";
            String searched = "{" + pair[1] + "\"groupBy\": \"" + groupBy + "\"}";
            Await.until(() -> statistics(counted).path("groupedValues").equals(statistics(searched).path("groupedValues")), 20_000,
                    counted + " from the counts agrees with " + searched + " from the jobs: " + statistics(counted) + " vs " + statistics(searched));
            JsonNode fromCounts = statistics(counted);
            assertEquals("counts", fromCounts.path("source").asText(), fromCounts.toString());
            assertEquals("search", statistics(searched).path("source").asText());
            assertEquals(statistics(searched).path("total"), fromCounts.path("total"));
        }
    }

    @Test
    void statisticsFromTheCountsAgreeWithTheJobsThroughEveryKindOfChange() throws Exception {
        String diagramId = api.post(path("/diagrams"), admin, "{\"name\": \"One step\", \"start\": \"a\", \"steps\": [{\"id\": \"a\", \"name\": \"A\","
                + " \"type\": \"manual\"}, {\"id\": \"z\", \"name\": \"Z\", \"type\": \"end\"}], \"paths\": [{\"from\": \"a\", \"to\": \"z\"}]}")
                .created().path("diagramId").asText();
        String templateId = api.post(path("/job-templates"), admin, "{\"name\": \"t\", \"diagramId\": \"" + diagramId + "\"}").created()
                .path("jobTemplateId").asText();
        List<String> jobIds = new ArrayList<>();
        for (String priority : List.of("High", "High", "Low", "Medium", "Low", "High")) {
            api.post(path("/jobs"), admin, "{\"jobTemplateId\": \"" + templateId + "\", \"priority\": \"" + priority + "\"}").created()
                    .path("jobIds").forEach(id -> jobIds.add(id.asText()));
        }
        countsAgreeWithSearch("priority");
        JsonNode created = statistics("{\"groupBy\": \"priority\"}");
        assertEquals(6, created.path("total").asInt(), created.toString());
        assertEquals("High", created.path("groupedValues").path(0).path("value").asText());
        assertEquals(3, created.path("groupedValues").path(0).path("count").asInt());
        assertTrue(created.path("asOf").asText().endsWith("Z"), created.toString());

        JsonNode job = api.get(path("/jobs/" + jobIds.get(2)), admin).body();
        assertEquals(200, api.send("PUT", path("/jobs/" + jobIds.get(2)), admin, "{\"priority\": \"High\", \"revision\": "
                + job.path("revision").asLong() + "}").status());
        api.post(path("/jobs/close"), admin, "{\"jobIds\": [\"" + jobIds.get(0) + "\", \"" + jobIds.get(3) + "\"]}");
        api.post(path("/jobs/delete"), admin, "{\"jobIds\": [\"" + jobIds.get(5) + "\"]}");
        Await.until(() -> api.get(path("/jobs/" + jobIds.get(5)), admin).status() == 404, 20_000, "deleted");
        for (String groupBy : List.of("priority", "jobStatus", "closed", "currentStep", "assignedType", "jobTemplateId")) {
            countsAgreeWithSearch(groupBy);
        }
        JsonNode open = statistics("{\"q\": \"closed = 0\", \"groupBy\": \"priority\"}");
        assertEquals(3, open.path("total").asInt(), open.toString());
        assertEquals("[{\"value\":\"High\",\"count\":2},{\"value\":\"Low\",\"count\":1}]", open.path("groupedValues").toString());
        JsonNode closed = statistics("{\"groupBy\": \"closed\"}");
        assertEquals("[{\"value\":false,\"count\":3},{\"value\":true,\"count\":2}]", closed.path("groupedValues").toString(),
                "values typed as search types them");

        // a change the stream gives again counts nothing: the latest change of a job, fed to the function once more
        JsonNode before = statistics("{\"groupBy\": \"priority\"}");
        Map<String, AttributeValue> record = TestTable.scan().stream()
                .filter(r -> r.get("pk").s().equals("ITEM#" + itemId) && r.get("sk").s().equals("JOB#" + jobIds.get(2))).findFirst().orElseThrow();
        ObjectNode doc = (ObjectNode) MAPPER.readTree(record.get("doc").s());
        ObjectNode older = doc.deepCopy().put("priority", "Low").put("revision", doc.path("revision").asLong() - 1);
        LambdaResult repeat = cloud.lambdas().invoke("JobCountsFunction", streamEvent(itemId, jobIds.get(2), older, doc)
                .getBytes(StandardCharsets.UTF_8));
        assertNull(repeat.functionError(), new String(repeat.payload(), StandardCharsets.UTF_8));
        assertEquals(0, MAPPER.readTree(repeat.payload()).path("batchItemFailures").size());
        assertEquals(before, statistics("{\"groupBy\": \"priority\"}"), "the repeat counted nothing");
    }

    @Test
    void whatTheCountsCannotAnswerIsSearched() {
        assertEquals("search", statistics("{\"q\": \"priority = 'High'\", \"groupBy\": \"jobStatus\"}").path("source").asText());
        assertEquals("search", statistics("{\"search\": \"x\", \"groupBy\": \"jobStatus\"}").path("source").asText());
        assertEquals("search", statistics("{\"groupBy\": \"overdue\"}").path("source").asText(), "overdue depends on the time of asking");
        JsonNode explained = statistics("{\"groupBy\": \"jobStatus\", \"explain\": true}");
        assertEquals("jobCounts", explained.path("plan").path("index").asText(), explained.toString());
        // an item made before counting existed has no counts: its statistics are searched
        TestTable.delete("ITEM#" + itemId, "COUNTS");
        assertEquals("search", statistics("{\"groupBy\": \"jobStatus\"}").path("source").asText());
    }

    /** A MODIFY of the job record as the stream hands it to the function, old and new images. */
    private static String streamEvent(String itemId, String jobId, JsonNode older, JsonNode newer) {
        ObjectNode event = MAPPER.createObjectNode();
        ObjectNode record = event.putArray("Records").addObject().put("eventID", "repeat-1").put("eventName", "MODIFY")
                .put("eventVersion", "1.1").put("eventSource", "aws:dynamodb").put("awsRegion", "us-east-1");
        ObjectNode change = record.putObject("dynamodb").put("ApproximateCreationDateTime", 1772438700).put("SequenceNumber", "1")
                .put("StreamViewType", "NEW_AND_OLD_IMAGES");
        change.putObject("Keys").<ObjectNode>set("pk", s("ITEM#" + itemId)).set("sk", s("JOB#" + jobId));
        for (var image : Map.of("OldImage", older, "NewImage", newer).entrySet()) {
            change.putObject(image.getKey()).<ObjectNode>set("pk", s("ITEM#" + itemId)).<ObjectNode>set("sk", s("JOB#" + jobId))
                    .<ObjectNode>set("gsi1pk", s("ITEM#" + itemId + "#JOBS")).set("doc", s(image.getValue().toString()));
        }
        record.put("eventSourceARN", "arn:aws:dynamodb:us-east-1:000000000000:table/WorkflowTable/stream/repeat");
        return event.toString();
    }

    private static ObjectNode s(String value) {
        return MAPPER.createObjectNode().put("S", value);
    }
}
