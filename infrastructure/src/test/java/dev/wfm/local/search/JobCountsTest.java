package dev.wfm.local.search;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.wfm.jobs.Job;
import dev.wfm.jobs.JobStore;
import dev.wfm.local.ApiClient;
import dev.wfm.local.Await;
import dev.wfm.local.LocalCloud;
import dev.wfm.local.SchedulerTicks;
import dev.wfm.local.TestCloud;
import dev.wfm.local.TestTable;
import dev.wfm.local.lambda.LambdaResult;
import dev.wfm.search.CountsBackfill;
import dev.wfm.search.JobCounts;
import dev.wfm.search.JobField;
import dev.wfm.store.Table;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/**
 * Statistics grouped by a job field are answered from the counts the stream keeps (JobCountsFunction),
 * and agree with the same statistics answered by reading the jobs, through creates, updates, closes
 * and deletes; a change the stream gives again counts once. An item made before counting is counted
 * by a backfill (CountsBackfill, on the scheduler's ticks) while its jobs change, each job once.
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

    /** A template of a diagram of one manual step. */
    private String oneStepTemplate() {
        String diagramId = api.post(path("/diagrams"), admin, "{\"name\": \"One step\", \"start\": \"a\", \"steps\": [{\"id\": \"a\", \"name\": \"A\","
                + " \"type\": \"manual\"}, {\"id\": \"z\", \"name\": \"Z\", \"type\": \"end\"}], \"paths\": [{\"from\": \"a\", \"to\": \"z\"}]}")
                .created().path("diagramId").asText();
        return api.post(path("/job-templates"), admin, "{\"name\": \"t\", \"diagramId\": \"" + diagramId + "\"}").created()
                .path("jobTemplateId").asText();
    }

    /** A job of each priority, in order; their ids. */
    private List<String> jobsOf(String templateId, String... priorities) {
        List<String> jobIds = new ArrayList<>();
        for (String priority : priorities) {
            api.post(path("/jobs"), admin, "{\"jobTemplateId\": \"" + templateId + "\", \"priority\": \"" + priority + "\"}").created()
                    .path("jobIds").forEach(id -> jobIds.add(id.asText()));
        }
        return jobIds;
    }

    private void setPriority(String jobId, String priority) {
        JsonNode job = api.get(path("/jobs/" + jobId), admin).body();
        assertEquals(200, api.send("PUT", path("/jobs/" + jobId), admin, "{\"priority\": \"" + priority + "\", \"revision\": "
                + job.path("revision").asLong() + "}").status());
    }

    @Test
    void statisticsFromTheCountsAgreeWithTheJobsThroughEveryKindOfChange() throws Exception {
        List<String> jobIds = jobsOf(oneStepTemplate(), "High", "High", "Low", "Medium", "Low", "High");
        countsAgreeWithSearch("priority");
        JsonNode created = statistics("{\"groupBy\": \"priority\"}");
        assertEquals(6, created.path("total").asInt(), created.toString());
        assertEquals("High", created.path("groupedValues").path(0).path("value").asText());
        assertEquals(3, created.path("groupedValues").path(0).path("count").asInt());
        assertTrue(created.path("asOf").asText().endsWith("Z"), created.toString());

        setPriority(jobIds.get(2), "High");
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

    /** The item's COUNTS record, as it stands. */
    private Map<String, AttributeValue> countsRecord() {
        return TestTable.records("ITEM#" + itemId, "COUNTS").stream().filter(r -> r.get("sk").s().equals("COUNTS")).findFirst().orElseThrow();
    }

    /** The item made as before counting existed: no COUNTS record, so the stream counts none of its changes. */
    private void madeBeforeCounting() {
        TestTable.delete("ITEM#" + itemId, "COUNTS");
    }

    private static Table table(DynamoDbClient dynamo) {
        return new Table(dynamo, "WorkflowTable");
    }

    private DynamoDbClient dynamo() {
        return DynamoDbClient.builder().endpointOverride(cloud.endpoints().dynamodb()).build();
    }

    @Test
    void changesOfJobsNotCountedYetCountTheJobAsTheyLeaveItAndTheBackfillCountsOnlyWhatNothingCounted() throws Exception {
        // a job record as the stream and the backfill hand them over, of an item (this one) whose jobs are counted
        jobsOf(oneStepTemplate(), "Low");
        ObjectNode doc = (ObjectNode) MAPPER.readTree(TestTable.records("ITEM#" + itemId, "JOB#").stream()
                .filter(r -> r.get("sk").s().indexOf('#', 4) < 0).findFirst().orElseThrow().get("doc").s());
        String older = api.post("/items", admin, "{\"name\": \"Made before counting\", \"roles\": {\"admin\": [\"admins\"]}}")
                .created().path("itemId").asText();
        TestTable.delete("ITEM#" + older, "COUNTS");
        ApiClient.Response first = api.post("/items/" + older + "/jobs/statistics", admin, "{\"groupBy\": \"priority\"}");
        assertEquals("search", first.body().path("source").asText(), first.body().toString());
        assertTrue(TestTable.records("ITEM#" + older, "COUNTS").get(0).containsKey("backfilling"), "its first statistics started the count");
        Instant at = Instant.now();
        try (DynamoDbClient dynamo = dynamo()) {
            JobCounts counts = new JobCounts(table(dynamo));
            java.util.function.Function<JobCounts.Change[], Map<Object, Integer>> count = changes -> {
                assertEquals(changes.length, counts.count(List.of(changes)));
                return counts.counted(older, JobField.PRIORITY, null).groups();
            };
            // the stream first: a change of a job nothing counted counts the job it leaves, not the change (no Low -1)
            Job j1Was = job(doc, "j1", 1, "Low");
            Job j1 = job(doc, "j1", 2, "High");
            assertEquals(Map.of("High", 1), count.apply(new JobCounts.Change[] {new JobCounts.Change(older, j1Was, j1, at)}));
            assertEquals(Map.of("High", 1), count.apply(new JobCounts.Change[] {new JobCounts.Change(older, null, j1, at)}),
                    "the backfill passes a job the stream counted");
            // the backfill first: the stream's change it read already counts nothing, the next one moves the count
            Job j2 = job(doc, "j2", 3, "Medium");
            assertEquals(Map.of("High", 1, "Medium", 1), count.apply(new JobCounts.Change[] {new JobCounts.Change(older, null, j2, at)}));
            assertEquals(Map.of("High", 1, "Medium", 1),
                    count.apply(new JobCounts.Change[] {new JobCounts.Change(older, job(doc, "j2", 2, "Low"), j2, at)}), "a change counted already");
            assertEquals(Map.of("High", 1, "Low", 1),
                    count.apply(new JobCounts.Change[] {new JobCounts.Change(older, j2, job(doc, "j2", 4, "Low"), at)}));
            // a job deleted before anything counted it: the backfill, which read it before the deletion, counts it not
            Job j3 = job(doc, "j3", 5, "High");
            assertEquals(Map.of("High", 1, "Low", 1), count.apply(new JobCounts.Change[] {new JobCounts.Change(older, j3, null, at)}));
            assertEquals(Map.of("High", 1, "Low", 1), count.apply(new JobCounts.Change[] {new JobCounts.Change(older, null, j3, at)}));
            // in one batch, as the stream gives them: a counted job's change and a change of a job not counted yet
            assertEquals(Map.of("High", 1, "Medium", 1, "Low", 1), count.apply(new JobCounts.Change[] {
                    new JobCounts.Change(older, j1, job(doc, "j1", 3, "Medium"), at),
                    new JobCounts.Change(older, job(doc, "j4", 7, "Medium"), job(doc, "j4", 8, "High"), at)}));
        }
    }

    private static Job job(ObjectNode doc, String jobId, long revision, String priority) {
        return JobStore.fromDoc(doc.deepCopy().put("jobId", jobId).put("revision", revision).put("priority", priority).toString());
    }

    @Test
    void anItemMadeBeforeCountingIsCountedPageByPageWhileItsJobsChangeThenAnsweredFromItsCounts() {
        madeBeforeCounting();
        String templateId = oneStepTemplate();
        List<String> jobIds = jobsOf(templateId, "High", "Low", "Medium", "Low", "High", "Low", "Medium");
        setPriority(jobIds.get(1), "High");
        api.post(path("/jobs/close"), admin, "{\"jobIds\": [\"" + jobIds.get(2) + "\"]}");
        api.post(path("/jobs/delete"), admin, "{\"jobIds\": [\"" + jobIds.get(3) + "\"]}");

        assertEquals("search", statistics("{\"groupBy\": \"priority\"}").path("source").asText());
        assertEquals("COUNTS_DUE", countsRecord().get("duePk").s(), "its first statistics started the count: " + countsRecord());
        assertEquals("search", statistics("{\"groupBy\": \"priority\"}").path("source").asText(), "while the count runs");

        Instant due = Instant.now().plus(Duration.ofMinutes(2));
        try (DynamoDbClient dynamo = dynamo()) {
            Table table = table(dynamo);
            // two jobs a page, a page of each due item a run
            CountsBackfill backfill = new CountsBackfill(table, new JobStore(table), new JobCounts(table), 2, 1);
            CountsBackfill.Summary spent = backfill.run(due, Duration.ZERO);
            assertTrue(spent.due() >= 1, "the item is due");
            assertEquals(0, spent.jobsCounted(), "a tick whose time is spent begins no page");
            assertFalse(countsRecord().containsKey("backfillAfter"), countsRecord().toString());
            List<String> passed = new ArrayList<>();
            for (int run = 0; run < 50 && countsRecord().containsKey("backfilling"); run++) {
                backfill.run(due, Duration.ofMinutes(1));
                AttributeValue after = countsRecord().get("backfillAfter");
                if (after != null && !passed.contains(after.s())) {
                    passed.add(after.s());
                    if (passed.size() == 1) {
                        // between pages: a counted job and one not counted yet change, a job is made, another deleted
                        setPriority(passed.get(0), "Low");
                        setPriority(jobIds.get(6), "High");
                        jobIds.addAll(jobsOf(templateId, "Medium"));
                        api.post(path("/jobs/delete"), admin, "{\"jobIds\": [\"" + jobIds.get(5) + "\"]}");
                    }
                }
            }
            assertTrue(passed.size() >= 2, "moved on page by page: " + passed);
            assertEquals(passed.stream().sorted().toList(), passed, "in the listing's order");
        }
        Map<String, AttributeValue> done = countsRecord();
        assertFalse(done.containsKey("backfilling") || done.containsKey("duePk") || done.containsKey("backfillAfter"), done.toString());
        for (String groupBy : List.of("priority", "jobStatus", "closed", "currentStep")) {
            countsAgreeWithSearch(groupBy);
        }
        setPriority(jobIds.get(0), "Medium");
        countsAgreeWithSearch("priority");
        assertEquals(TestTable.jobCount(itemId), statistics("{\"groupBy\": \"priority\"}").path("total").asInt());
    }

    @Test
    void theSchedulerTickCountsTheJobsOfAnItemMadeBeforeCountingOnceItsListingHasCaughtUp() {
        madeBeforeCounting();
        jobsOf(oneStepTemplate(), "High", "Low", "Low");
        Instant asked = Instant.now();
        assertEquals("search", statistics("{\"groupBy\": \"priority\"}").path("source").asText());
        SchedulerTicks.tick(asked);
        assertTrue(countsRecord().containsKey("duePk"), "not due in the minute the count started: " + countsRecord());
        JsonNode summary = SchedulerTicks.tick(asked.plus(Duration.ofMinutes(2)));
        assertTrue(summary.path("jobCounts").path("jobsCounted").asInt() >= 3, summary.toString());
        assertFalse(countsRecord().containsKey("backfilling"), countsRecord().toString());
        countsAgreeWithSearch("priority");
        assertEquals(3, statistics("{\"groupBy\": \"priority\"}").path("total").asInt());
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
