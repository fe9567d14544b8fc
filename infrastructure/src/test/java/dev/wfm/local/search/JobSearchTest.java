package dev.wfm.local.search;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.wfm.common.Refusal;
import dev.wfm.jobs.Job;
import dev.wfm.local.ApiClient;
import dev.wfm.local.Await;
import dev.wfm.local.LocalCloud;
import dev.wfm.local.TestCloud;
import dev.wfm.local.TestTable;
import dev.wfm.local.bench.JobSeeder;
import dev.wfm.search.JobCounts;
import dev.wfm.search.JobSearch;
import dev.wfm.store.Keys;
import dev.wfm.store.Table;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.function.Predicate;
import java.util.stream.Collectors;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/**
 * Search and statistics over a few hundred jobs written straight into the local cloud's table;
 * every expected answer is computed here from the jobs the test wrote, never by the code under test.
 */
class JobSearchTest {
    private static final ObjectMapper MAPPER = new ObjectMapper();
    private static final LocalCloud cloud = TestCloud.get();
    private static final ApiClient api = TestCloud.api();
    private static final String admin = cloud.adminToken();
    private static String itemId;
    private static List<Job> jobs;

    @BeforeAll
    static void seed() {
        itemId = newItem("Search test");
        try (DynamoDbClient dynamo = DynamoDbClient.builder().endpointOverride(cloud.endpoints().dynamodb()).build()) {
            jobs = new JobSeeder(dynamo, "WorkflowTable").seed(itemId, 300, 42);
        }
        countedAll(itemId, 300);
    }

    /** Statistics without a q are answered from the job counts, which follow the stream: they count the seeded jobs seconds later. */
    private static void countedAll(String itemId, int jobs) {
        Await.until(() -> api.post("/items/" + itemId + "/jobs/statistics", admin, "{\"groupBy\": \"priority\"}").body()
                .path("total").asInt() == jobs, 30_000, "the job counts caught up with the " + jobs + " seeded jobs");
    }

    private static String newItem(String name) {
        return api.post("/items", admin, "{\"name\": \"" + name + "\", \"roles\": {\"admin\": [\"admins\"], \"worker\": [\"workers\"]}}")
                .body().path("itemId").asText();
    }

    private static ApiClient.Response search(ObjectNode body) {
        return api.post("/items/" + itemId + "/jobs/search", admin, body.toString());
    }

    private static ObjectNode body(String q) {
        ObjectNode body = MAPPER.createObjectNode().put("num", 500);
        if (q != null) {
            body.put("q", q);
        }
        return body;
    }

    private static Set<String> ids(JsonNode results) {
        Set<String> ids = new TreeSet<>();
        results.forEach(row -> ids.add(row.path("jobId").asText()));
        return ids;
    }

    private static Set<String> expected(Predicate<Job> predicate) {
        return jobs.stream().filter(predicate).map(Job::jobId).collect(Collectors.toCollection(TreeSet::new));
    }

    private static boolean before(String time, String bound) {
        return time != null && Instant.parse(time).isBefore(Instant.parse(bound));
    }

    private void assertFinds(String q, Predicate<Job> predicate) {
        ApiClient.Response response = search(body(q));
        assertEquals(200, response.status(), response.body().toString());
        Set<String> expected = expected(predicate);
        assertFalse(expected.isEmpty(), "the seeded jobs should have matches for " + q);
        assertEquals(expected.size(), response.body().path("total").asInt(), q);
        assertEquals(expected, ids(response.body().path("results")), q);
    }

    @Test
    void queriesFindExactlyTheJobsThatSatisfyThem() {
        assertFinds("assignedType='User' AND closed=0 AND assignedTo IN ('cjones','amy')",
                job -> "User".equals(job.assignedType()) && !job.closed() && Set.of("cjones", "amy").contains(job.assignedTo()));
        assertFinds("priority='High' OR priority='Critical' AND jobStatus='New'",
                job -> job.priority().equals("High") || job.priority().equals("Critical") && job.jobStatus().equals("New"));
        assertFinds("(priority='High' OR priority='Critical') AND NOT jobStatus IN ('Done', 'New')",
                job -> Set.of("High", "Critical").contains(job.priority()) && !Set.of("Done", "New").contains(job.jobStatus()));
        assertFinds("assignedTo IS NULL AND jobTemplateId='tmpl-roads'",
                job -> job.assignedTo() == null && job.jobTemplateId().equals("tmpl-roads"));
        assertFinds("dueDate < DATE '2026-03-01' AND description LIKE '%BRIDGE%'",
                job -> before(job.dueDate(), "2026-03-01T00:00:00Z") && job.description() != null && job.description().contains("bridge"));
        assertFinds("assignedTo = 'o''brien' AND paused = 1", job -> "o'brien".equals(job.assignedTo()) && job.paused());
        assertFinds("dueDate IS NULL OR created >= '2026-01-01T04:00:00Z'",
                job -> job.dueDate() == null || !before(job.created(), "2026-01-01T04:00:00Z"));
    }

    @Test
    void freeTextSearchMatchesTermsInTextPropertiesAndCombinesWithQ() {
        ObjectNode body = body("closed = 0").put("search", "RIVER cjones");
        ApiClient.Response response = search(body);
        assertEquals(200, response.status(), response.body().toString());
        Set<String> expected = expected(job -> !job.closed() && "cjones".equals(job.assignedTo())
                && job.description() != null && job.description().contains("river"));
        assertFalse(expected.isEmpty());
        assertEquals(expected, ids(response.body().path("results")));
    }

    @Test
    void anEqualityOnAnIndexedFieldIsAnsweredFromItsIndexAndOtherwiseFromTheItemsJobListing() {
        JsonNode byAssignee = search(body("closed=0 AND priority='Low' AND assignedTo='amy'").put("explain", true)).body();
        assertEquals("jobsByAssignee", byAssignee.path("plan").path("index").asText());
        assertEquals("assignedTo", byAssignee.path("plan").path("field").asText());
        JsonNode byStatus = search(body("jobStatus='Open' AND closed=0").put("explain", true)).body();
        assertEquals("jobsByStatus", byStatus.path("plan").path("index").asText());
        JsonNode byTemplates = search(body("jobTemplateId IN ('tmpl-roads', 'tmpl-parcels')").put("explain", true)).body();
        assertEquals("jobsByTemplate", byTemplates.path("plan").path("index").asText());
        assertEquals(2, byTemplates.path("plan").path("queries").asInt());
        assertEquals(expected(job -> !job.jobTemplateId().equals("tmpl-addresses")), ids(byTemplates.path("results")));
        JsonNode listing = search(body("priority <> 'Low'").put("explain", true)).body();
        assertEquals("gsi1", listing.path("plan").path("index").asText());
    }

    @Test
    void aStatusWithAPriorityIsAQueryOfThePairsIndexAndFindsExactlyTheJobsWithBoth() {
        JsonNode pair = search(body("jobStatus = 'Open' AND priority = 'High'").put("explain", true)).body();
        assertEquals("jobsByStatusAndPriority", pair.path("plan").path("index").asText(), pair.path("plan").toString());
        Set<String> expected = expected(job -> "Open".equals(job.jobStatus()) && "High".equals(job.priority()));
        assertFalse(expected.isEmpty());
        assertEquals(expected, ids(pair.path("results")));
        JsonNode pairs = search(body("jobStatus IN ('New', 'Done') AND priority IN ('Low', 'Critical') AND closed = 0").put("explain", true))
                .body();
        assertEquals(4, pairs.path("plan").path("queries").asInt());
        assertEquals(expected(job -> List.of("New", "Done").contains(job.jobStatus()) && List.of("Low", "Critical").contains(job.priority())
                && !job.closed()), ids(pairs.path("results")));
    }

    @Test
    void theCurrentStepsAssigneeIsAQueryOfItsIndexAndFindsExactlyTheJobsWhoseFirstStepIsTheirs() {
        JsonNode amys = search(body("currentStepAssignedTo = 'amy'").put("explain", true)).body();
        assertEquals("jobsByCurrentStepAssignee", amys.path("plan").path("index").asText(), amys.path("plan").toString());
        Set<String> expected = expected(job -> job.currentSteps().stream().findFirst().map(step -> "amy".equals(step.assignedTo())).orElse(false));
        assertFalse(expected.isEmpty());
        assertTrue(jobs.stream().anyMatch(job -> expected.contains(job.jobId()) && !"amy".equals(job.assignedTo())),
                "some of amy's steps belong to jobs assigned to someone else");
        assertEquals(expected, ids(amys.path("results")));
        JsonNode groups = search(body("currentStepAssignedTo IN ('editors', 'reviewers') AND priority = 'High'").put("explain", true)).body();
        assertEquals("jobsByCurrentStepAssignee", groups.path("plan").path("index").asText());
        assertEquals(2, groups.path("plan").path("queries").asInt());
        assertEquals(expected(job -> "High".equals(job.priority()) && job.currentSteps().stream().findFirst()
                .map(step -> "editors".equals(step.assignedTo()) || "reviewers".equals(step.assignedTo())).orElse(false)), ids(groups.path("results")));
    }

    @Test
    void aDueDateRangeIsARangeQueryOfTheDueDateIndexAndFindsExactlyTheJobsDueInIt() {
        JsonNode march = search(body("dueDate >= DATE '2026-03-01' AND dueDate < DATE '2026-04-01'").put("explain", true)).body();
        assertEquals("jobsByDueDate", march.path("plan").path("index").asText(), march.path("plan").toString());
        assertEquals("2026-03-01T00:00:00Z", march.path("plan").path("from").asText());
        assertEquals("2026-04-01T00:00:00Z", march.path("plan").path("upTo").asText());
        Set<String> expected = expected(job -> job.dueDate() != null && !before(job.dueDate(), "2026-03-01T00:00:00Z")
                && before(job.dueDate(), "2026-04-01T00:00:00Z"));
        assertFalse(expected.isEmpty());
        assertEquals(expected, ids(march.path("results")));
        JsonNode early = search(body("dueDate < '2026-02-01' AND closed = 0").put("explain", true)).body();
        assertEquals("jobsByDueDate", early.path("plan").path("index").asText());
        assertEquals(expected(job -> !job.closed() && before(job.dueDate(), "2026-02-01T00:00:00Z")), ids(early.path("results")));
    }

    @Test
    void pagesFollowTheSortOrderAndTheNextStartOrTokenWalksThemAll() {
        List<Job> expected = new ArrayList<>(jobs.stream().filter(job -> !job.closed()).toList());
        List<String> priorityOrder = List.of("Medium", "Low", "High", "Critical"); // text order, descending
        expected.sort(Comparator.<Job>comparingInt(job -> priorityOrder.indexOf(job.priority()))
                .thenComparing(Job::created).thenComparing(Job::jobId));
        List<String> seen = new ArrayList<>();
        ObjectNode body = body("closed = FALSE").put("num", 40);
        body.putArray("fields").add("jobId").add("priority");
        body.putArray("sortFields").add(MAPPER.createObjectNode().put("field", "priority").put("sortOrder", "Desc"))
                .add(MAPPER.createObjectNode().put("field", "created").put("sortOrder", "Asc"));
        boolean useToken = false;
        while (true) {
            JsonNode page = search(body).body();
            assertEquals(expected.size(), page.path("total").asInt());
            page.path("results").forEach(row -> {
                assertEquals(Set.of("jobId", "priority"), fieldNames(row));
                seen.add(row.path("jobId").asText());
            });
            if (!page.has("nextStart")) {
                break;
            }
            body.remove("start");
            body.remove("nextToken");
            if (useToken) {
                body.put("nextToken", page.path("nextToken").asText());
            } else {
                body.put("start", page.path("nextStart").asInt());
            }
            useToken = !useToken;
        }
        assertEquals(expected.stream().map(Job::jobId).toList(), seen);
    }

    @Test
    void statisticsCountTheMatchesByTheGroupedField() {
        ObjectNode body = MAPPER.createObjectNode().put("q", "closed = 0").put("groupBy", "priority");
        JsonNode answer = api.post("/items/" + itemId + "/jobs/statistics", admin, body.toString()).body();
        Map<String, Long> expected = jobs.stream().filter(job -> !job.closed())
                .collect(Collectors.groupingBy(Job::priority, TreeMap::new, Collectors.counting()));
        Map<String, Long> actual = new TreeMap<>();
        answer.path("groupedValues").forEach(group -> actual.put(group.path("value").asText(), group.path("count").asLong()));
        assertEquals(expected, actual);
        assertEquals(expected.values().stream().mapToLong(Long::longValue).sum(), answer.path("total").asLong());

        JsonNode byAssignee = api.post("/items/" + itemId + "/jobs/statistics", admin, "{\"groupBy\": \"assignedTo\"}").body();
        long unassigned = jobs.stream().filter(job -> job.assignedTo() == null).count();
        JsonNode nullGroup = null;
        for (JsonNode group : byAssignee.path("groupedValues")) {
            if (group.path("value").isNull()) {
                nullGroup = group;
            }
        }
        assertEquals(unassigned, nullGroup.path("count").asLong());
        assertEquals(jobs.size(), byAssignee.path("total").asInt());
        JsonNode byClosed = api.post("/items/" + itemId + "/jobs/statistics", admin, "{\"groupBy\": \"closed\"}").body();
        assertTrue(byClosed.path("groupedValues").path(0).path("value").isBoolean());
    }

    @Test
    void aSearchNoIndexNarrowsIsRefusedPastTheJobsItMayReadNamingWhatWouldIndexIt() {
        String big = newItem("Unindexed past the limit");
        List<Job> many;
        try (DynamoDbClient dynamo = DynamoDbClient.builder().endpointOverride(cloud.endpoints().dynamodb()).build()) {
            many = new JobSeeder(dynamo, "WorkflowTable").seed(big, 501, 7); // the tests' limit is 500 (infrastructure/pom.xml)
        }
        ApiClient.Response unindexed = api.post("/items/" + big + "/jobs/search", admin, "{\"q\": \"jobName LIKE 'Job 1%'\"}");
        assertEquals(400, unindexed.status(), unindexed.body().toString());
        assertEquals("q", unindexed.body().path("target").asText());
        assertTrue(unindexed.body().path("message").asText().contains("assignedTo, jobTemplateId, jobStatus, priority or closed"),
                unindexed.body().toString());
        assertEquals(400, api.post("/items/" + big + "/jobs/statistics", admin, "{\"q\": \"jobName LIKE 'Job 1%'\", \"groupBy\": \"priority\"}")
                .status(), "statistics with nothing indexed read every job too");
        countedAll(big, 501); // statistics with no q read the counts, however many jobs

        ApiClient.Response indexed = api.post("/items/" + big + "/jobs/search", admin,
                "{\"q\": \"priority = 'High' AND jobName LIKE 'Job 1%'\", \"num\": 1000}");
        assertEquals(200, indexed.status(), indexed.body().toString());
        assertEquals(many.stream().filter(job -> "High".equals(job.priority()) && job.jobName().startsWith("Job 1")).count(),
                indexed.body().path("total").asLong());
        assertEquals(300, api.post("/items/" + itemId + "/jobs/statistics", admin, "{\"groupBy\": \"priority\"}").body()
                .path("total").asInt(), "an item within the limit is read whole, as before");
    }

    @Test
    void anItemsCountsPastTheJobsASearchMayReadRefuseItPastItsFirstPageAndAnItemNotCountedIsReadUpToThem() {
        // counts that say more jobs than the listing holds: only the counts can refuse these searches
        String counted = newItem("Counted past the limit");
        List<Job> seeded;
        try (DynamoDbClient dynamo = DynamoDbClient.builder().endpointOverride(cloud.endpoints().dynamodb()).build()) {
            seeded = new JobSeeder(dynamo, "WorkflowTable").seed(counted, 120, 8); // more than a first page: 50, a tenth of 500
        }
        countedAll(counted, 120);
        String unindexed = "{\"q\": \"jobName LIKE 'Job%'\"}";
        String open = "{\"q\": \"closed = 0\"}";
        String levels = "{\"q\": \"priority IN ('High', 'Medium', 'Low')\", \"num\": 1000}";
        assertEquals(120, api.post("/items/" + counted + "/jobs/search", admin, unindexed).body().path("total").asInt());
        assertEquals(seeded.stream().filter(job -> !job.closed()).count(),
                api.post("/items/" + counted + "/jobs/search", admin, open).body().path("total").asLong());
        long leveled = seeded.stream().filter(job -> List.of("High", "Medium", "Low").contains(job.priority())).count();
        assertTrue(leveled > 50, "more than a first page: " + leveled);
        assertEquals(leveled, api.post("/items/" + counted + "/jobs/search", admin, levels).body().path("total").asLong());
        inflate(counted, "closed", "false", false);
        ApiClient.Response refused = api.post("/items/" + counted + "/jobs/search", admin, unindexed);
        assertEquals(400, refused.status(), refused.body().toString());
        assertEquals("q", refused.body().path("target").asText());
        ApiClient.Response openRefused = api.post("/items/" + counted + "/jobs/search", admin, open);
        assertEquals(400, openRefused.status(), openRefused.body().toString());
        assertTrue(openRefused.body().path("message").asText().contains("q's term on closed matches more than the 500 jobs"),
                openRefused.body().toString());
        assertEquals(leveled, api.post("/items/" + counted + "/jobs/search", admin, levels).body().path("total").asLong(),
                "the counts of other fields do not refuse it");
        inflate(counted, "priority", "Critical", "Critical");
        assertEquals(leveled, api.post("/items/" + counted + "/jobs/search", admin, levels).body().path("total").asLong(),
                "nor those of the other priority");
        inflate(counted, "priority", "High", "High");
        assertEquals(400, api.post("/items/" + counted + "/jobs/search", admin, levels).status());

        // an item made before counting: its listing is read up to the limit
        String older = newItem("Not counted past the limit");
        TestTable.delete("ITEM#" + older, "COUNTS");
        try (DynamoDbClient dynamo = DynamoDbClient.builder().endpointOverride(cloud.endpoints().dynamodb()).build()) {
            new JobSeeder(dynamo, "WorkflowTable").seed(older, 501, 9);
        }
        ApiClient.Response read = api.post("/items/" + older + "/jobs/search", admin, unindexed);
        assertEquals(400, read.status(), read.body().toString());
        assertTrue(read.body().path("message").asText().contains("more than 500"), read.body().toString());
        assertTrue(TestTable.records("ITEM#" + older, "COUNTS").get(0).containsKey("backfilling"), "the search started the item's count");
    }

    @Test
    void aReadOfAnItemNotCountedYetThatPassesItsTimeIsRefusedRatherThanLeftToTimeOut() {
        String older = newItem("Not counted, read past its time");
        TestTable.delete("ITEM#" + older, "COUNTS"); // nothing but the time can stop its read before the bound
        try (DynamoDbClient dynamo = DynamoDbClient.builder().endpointOverride(cloud.endpoints().dynamodb()).build()) {
            new JobSeeder(dynamo, "WorkflowTable").seed(older, 120, 12); // more than a first page: 50, a tenth of 500
            Table table = new Table(dynamo, "WorkflowTable");
            String q = "jobName LIKE 'Job%'";
            Refusal late = assertThrows(Refusal.class, () -> new JobSearch(table, new JobCounts(table), 500, Duration.ZERO)
                    .jobIds(older, q, Map::of, 1000, Instant.now()));
            assertEquals("q", late.target());
            assertTrue(late.getMessage().startsWith("This search read 50 jobs in 0 s"), late.getMessage());
            assertEquals(120, new JobSearch(table, new JobCounts(table), 500, Duration.ofMinutes(1))
                    .jobIds(older, q, Map::of, 1000, Instant.now()).size(), "read whole within its time");
        }
    }

    /** Sets a counter shard of the item's open jobs whose {@code field} is {@code value} to 600: the counts then say more than 500. */
    private static void inflate(String itemId, String field, String keyValue, Object value) {
        TestTable.put(Map.of("pk", AttributeValue.fromS("ITEM#" + itemId), "sk", AttributeValue.fromS(Keys.jobCount(field, 3, false, keyValue)),
                "n", AttributeValue.fromN("600"), "field", AttributeValue.fromS(field), "closed", AttributeValue.fromBool(false),
                "value", value instanceof Boolean flag ? AttributeValue.fromBool(flag) : AttributeValue.fromS((String) value),
                "asOf", AttributeValue.fromS(Instant.now().toString())));
    }

    @Test
    void anIndexedSearchIsRefusedPastTheJobsASearchMayReadNamingItsTerm() {
        String big = newItem("Indexed past the limit");
        TestTable.delete("ITEM#" + big, "COUNTS"); // not counted: the read itself finds the bound
        List<Job> many;
        try (DynamoDbClient dynamo = DynamoDbClient.builder().endpointOverride(cloud.endpoints().dynamodb()).build()) {
            many = new JobSeeder(dynamo, "WorkflowTable").seed(big, 1100, 11);
        }
        List<String> statuses = List.of("New", "Open", "InProgress");
        long matching = many.stream().filter(job -> statuses.contains(job.jobStatus())).count();
        assertTrue(matching > 500, "the seeded jobs pass the limit: " + matching);
        ApiClient.Response refused = api.post("/items/" + big + "/jobs/search", admin, "{\"q\": \"jobStatus IN ('New', 'Open', 'InProgress')\"}");
        assertEquals(400, refused.status(), refused.body().toString());
        assertEquals("q", refused.body().path("target").asText());
        assertTrue(refused.body().path("message").asText().contains("q's term on jobStatus matches more than the 500 jobs"),
                refused.body().toString());
        List<String> assignees = List.of("amy", "bob", "cjones", "dana", "editors", "reviewers");
        assertTrue(many.stream().filter(job -> !job.currentSteps().isEmpty() && job.currentSteps().get(0).assignedTo() != null
                && assignees.contains(job.currentSteps().get(0).assignedTo())).count() > 500, "the seeded jobs pass the limit");
        ApiClient.Response keysOnly = api.post("/items/" + big + "/jobs/search", admin,
                "{\"q\": \"currentStepAssignedTo IN ('amy', 'bob', 'cjones', 'dana', 'editors', 'reviewers')\"}");
        assertEquals(400, keysOnly.status(), "an index of keys only is bounded as well: " + keysOnly.body());
        assertTrue(keysOnly.body().path("message").asText().contains("q's term on currentStepAssignedTo"), keysOnly.body().toString());
        ApiClient.Response narrower = api.post("/items/" + big + "/jobs/search", admin,
                "{\"q\": \"jobStatus IN ('New', 'Open', 'InProgress') AND jobTemplateId = 'tmpl-roads'\", \"num\": 1000}");
        assertEquals(200, narrower.status(), narrower.body().toString());
        assertEquals(many.stream().filter(job -> statuses.contains(job.jobStatus()) && "tmpl-roads".equals(job.jobTemplateId())).count(),
                narrower.body().path("total").asLong());
    }

    @Test
    void theSeedProductsExamplesWorkAsWritten() {
        ApiClient.Response thousand = search(body("closed = 0").put("num", 1000));
        assertEquals(200, thousand.status(), thousand.body().toString());
        assertEquals(Math.min(1000, jobs.stream().filter(job -> !job.closed()).count()), thousand.body().path("results").size());

        String q = "assignedType='User' AND closed=0";
        JsonNode plain = search(body(q)).body();
        JsonNode quoted = search(body("\"" + q + " \"")).body(); // as the seed's examples wrap it
        assertEquals(jobs.stream().filter(job -> "User".equals(job.assignedType()) && !job.closed()).count(), plain.path("total").asLong());
        assertEquals(plain.path("total"), quoted.path("total"));
        assertEquals(plain.path("results"), quoted.path("results"));
        ApiClient.Response fault = search(body("\"closed = 0 AND (priority = 'High'\""));
        assertEquals("34", fault.body().path("meta").path("position").asText(), "the position in the text as sent, quote included");

        JsonNode seedSpelling = api.post("/items/" + itemId + "/jobs/statistics", admin, "{\"groupBy\": \"job_status\"}").body();
        JsonNode apiSpelling = api.post("/items/" + itemId + "/jobs/statistics", admin, "{\"groupBy\": \"jobStatus\"}").body();
        assertEquals(apiSpelling, seedSpelling);
        assertEquals("jobStatus", seedSpelling.path("groupBy").asText());
        assertEquals(jobs.size(), seedSpelling.path("total").asInt());
    }

    @Test
    void unfilteredStatisticsCountEveryJobByTheGroupedField() {
        Map<String, java.util.function.Function<Job, Object>> fields = Map.of(
                "priority", Job::priority, "jobStatus", Job::jobStatus, "assignedTo", Job::assignedTo,
                "jobTemplateId", Job::jobTemplateId, "closed", Job::closed);
        fields.forEach((field, value) -> {
            JsonNode answer = api.post("/items/" + itemId + "/jobs/statistics", admin, "{\"groupBy\": \"" + field + "\"}").body();
            Map<String, Long> expected = new TreeMap<>(jobs.stream()
                    .collect(Collectors.groupingBy(job -> String.valueOf(value.apply(job)), Collectors.counting())));
            Map<String, Long> actual = new TreeMap<>();
            answer.path("groupedValues").forEach(group -> actual.put(group.path("value").isNull() ? "null" : group.path("value").asText(),
                    group.path("count").asLong()));
            assertEquals(expected, actual, field);
            assertEquals(jobs.size(), answer.path("total").asInt(), field);
        });
    }

    @Test
    void injectionLookingValuesAreJustValues() {
        for (String q : List.of("assignedTo = ''' OR 1=1 --'", "jobName = '\"; DROP TABLE jobs; --'",
                "description LIKE '%'' OR ''1''=''1'")) {
            ApiClient.Response response = search(body(q));
            assertEquals(200, response.status(), q + " " + response.body());
            assertEquals(0, response.body().path("total").asInt(), q);
        }
        ApiClient.Response text = search(body(null).put("search", "' OR 1=1 --"));
        assertEquals(0, text.body().path("total").asInt());
    }

    @Test
    void malformedQueriesAreRefusedNamingTheTargetAndPosition() {
        ApiClient.Response malformed = search(body("closed = 0 AND (priority = 'High'"));
        assertEquals(400, malformed.status());
        assertEquals("INVALID_ARGUMENT", malformed.code());
        assertEquals("q", malformed.body().path("target").asText());
        assertTrue(malformed.body().path("message").asText().contains("position 33"), malformed.body().toString());
        assertEquals("33", malformed.body().path("meta").path("position").asText(), "the position for a client to mark");
        ApiClient.Response unknown = search(body("colour = 'red'"));
        assertEquals(400, unknown.status());
        assertTrue(unknown.body().path("message").asText().contains("'colour'"));
        assertTrue(unknown.body().path("message").asText().contains("position 0"));
        assertEquals("0", unknown.body().path("meta").path("position").asText());
    }

    @Test
    void outOfRangePagingSortingAndGroupingAreRefused() {
        assertBad(body(null).put("num", 1001), "num");
        assertBad(body(null).put("num", 0), "num");
        assertBad(body(null).put("start", -1), "start");
        assertBad(body(null).put("start", "ten"), "start");
        assertBad(body("jobId = '" + "x".repeat(4000) + "'"), "q");
        assertBad(body(null).put("nextToken", "bm9wZQ"), "nextToken");
        ObjectNode badSort = body(null);
        badSort.putArray("sortFields").add(MAPPER.createObjectNode().put("field", "priority").put("sortOrder", "Up"));
        assertBad(badSort, "sortFields[0].sortOrder");
        ObjectNode unknownSort = body(null);
        unknownSort.putArray("sortFields").add(MAPPER.createObjectNode().put("field", "colour"));
        assertBad(unknownSort, "sortFields[0].field");
        ObjectNode unknownField = body(null);
        unknownField.putArray("fields").add("colour");
        assertBad(unknownField, "fields");
        ApiClient.Response groupBy = api.post("/items/" + itemId + "/jobs/statistics", admin, "{\"groupBy\": \"description\"}");
        assertEquals(400, groupBy.status());
        assertEquals("groupBy", groupBy.body().path("target").asText());
    }

    @Test
    void searchSeesOnlyTheItemsJobsAndNeedsARoleInIt() {
        String other = newItem("Search test, empty");
        JsonNode empty = api.post("/items/" + other + "/jobs/search", admin, "{}").body();
        assertEquals(0, empty.path("total").asInt());
        ApiClient.Response stranger = api.post("/items/" + itemId + "/jobs/search", cloud.token("eve", List.of("outsiders")), "{}");
        assertEquals(404, stranger.status(), "an item the caller has no role in is not revealed");
        ApiClient.Response worker = api.post("/items/" + itemId + "/jobs/search", cloud.token("amy", List.of("workers")),
                "{\"q\": \"assignedTo = 'amy'\"}");
        assertEquals(200, worker.status());
        assertEquals(expected(job -> "amy".equals(job.assignedTo())).size(), worker.body().path("total").asInt());
    }

    private static void assertBad(ObjectNode body, String target) {
        ApiClient.Response response = search(body);
        assertEquals(400, response.status(), body + " -> " + response.body());
        assertEquals(target, response.body().path("target").asText(), response.body().toString());
    }

    private static Set<String> fieldNames(JsonNode row) {
        Set<String> names = new TreeSet<>();
        row.fieldNames().forEachRemaining(names::add);
        return names;
    }
}
