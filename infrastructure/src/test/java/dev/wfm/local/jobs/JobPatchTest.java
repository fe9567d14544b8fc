package dev.wfm.local.jobs;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.wfm.local.ApiClient;
import dev.wfm.local.Fixtures;
import dev.wfm.local.LocalCloud;
import dev.wfm.local.TableRecords;
import dev.wfm.local.TestCloud;
import dev.wfm.local.TestJobs;
import java.util.List;
import java.util.Map;
import java.util.SortedMap;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** PATCH .../jobs/{jobId}: a JSON Patch (RFC 6902) of the job's properties with If-Match, all or nothing, on the documented paths only. */
class JobPatchTest {
    private static final String JSON_PATCH = "application/json-patch+json";
    private final LocalCloud cloud = TestCloud.get();
    private final ApiClient api = TestCloud.api();
    private final String admin = cloud.adminToken();
    private final TableRecords table = new TableRecords(cloud.endpoints().dynamodb());
    private String itemId;
    private String jobId;

    @BeforeEach
    void startJob() {
        itemId = api.post("/items", admin, "{\"name\": \"Patches\", \"roles\": {\"admin\": [\"admins\"], \"worker\": [\"workers\"]}}")
                .created().path("itemId").asText();
        api.post(path("/extended-property-tables"), admin, """
                {"name": "permit", "fields": [{"name": "number", "type": "string"}, {"name": "parcels", "type": "integer"}]}""").created();
        String diagramId = api.post(path("/diagrams"), admin, Fixtures.text("diagrams/address-verification.json")).created()
                .path("diagramId").asText();
        String templateId = api.post(path("/job-templates"), admin, "{\"name\": \"Permit\", \"diagramId\": \"" + diagramId
                + "\", \"jobName\": \"Permit 7\", \"extendedPropertyTables\": [\"permit\"]}").created().path("jobTemplateId").asText();
        jobId = TestJobs.started(api, admin, itemId, templateId);
    }

    @AfterEach
    void closeTable() {
        table.close();
    }

    @Test
    void aPatchTestsReplacesAndSetsExtendedValuesAtTheRevisionOfIfMatchAndIsRecordedAsAnUpdate() {
        long revision = job().path("revision").asLong();

        ApiClient.Response patched = patch("\"" + revision + "\"", """
                [{"op": "test", "path": "/jobName", "value": "Permit 7"},
                 {"op": "replace", "path": "/jobName", "value": "Permit 7 (urgent)"},
                 {"op": "replace", "path": "/priority", "value": "High"},
                 {"op": "add", "path": "/extendedProperties/permit/number", "value": "P-7"},
                 {"op": "add", "path": "/extendedProperties/permit/parcels", "value": 3}]""");

        assertEquals(200, patched.status(), patched.body().toString());
        assertEquals("Permit 7 (urgent)", patched.body().path("jobName").asText());
        JsonNode job = api.get(path("/jobs/" + jobId + "?extended=true"), admin).body();
        assertEquals("High", job.path("priority").asText());
        assertEquals("P-7", job.path("extendedProperties").path("permit").path("number").asText());
        assertEquals(3, job.path("extendedProperties").path("permit").path("parcels").asInt());
        List<String> actions = api.get(path("/jobs/" + jobId + "/history"), admin).body().findValuesAsText("action");
        assertEquals(1, actions.stream().filter("JobUpdated"::equals).count(), "one change, recorded as a PUT's is: " + actions);

        ApiClient.Response removed = patch(Long.toString(job.path("revision").asLong()),
                "[{\"op\": \"remove\", \"path\": \"/extendedProperties/permit/parcels\"}]");
        assertEquals(200, removed.status(), removed.body().toString());
        assertTrue(api.get(path("/jobs/" + jobId + "?extended=true"), admin).body().path("extendedProperties").path("permit").path("parcels")
                .isMissingNode(), "remove clears the value");
    }

    @Test
    void aFailedTestAStaleRevisionAndEveryOperationOutsideTheListChangeNothing() {
        long read = job().path("revision").asLong();
        assertEquals(200, api.send("PUT", path("/jobs/" + jobId), admin, "{\"revision\": " + read + ", \"description\": \"changed meanwhile\"}")
                .status());
        long revision = job().path("revision").asLong();
        SortedMap<String, String> before = TableRecords.writtenByRequests(table.partition("ITEM#" + itemId));

        ApiClient.Response stale = patch(Long.toString(read), "[{\"op\": \"replace\", \"path\": \"/description\", \"value\": \"mine\"}]");
        assertEquals(409, stale.status(), "written against the revision before the description changed: " + stale.body());

        ApiClient.Response failedTest = patch(Long.toString(revision), """
                [{"op": "replace", "path": "/jobName", "value": "Renamed"},
                 {"op": "test", "path": "/priority", "value": "Low"}]""");
        assertEquals(409, failedTest.status(), failedTest.body().toString());

        Map<String, String> refused = Map.ofEntries(
                Map.entry("[{\"op\": \"move\", \"from\": \"/jobName\", \"path\": \"/description\"}]", "[0].op"),
                Map.entry("[{\"op\": \"replace\", \"path\": \"/jobId\", \"value\": \"x\"}]", "[0].path"),
                Map.entry("[{\"op\": \"replace\", \"path\": \"/jobName\", \"value\": \"ok\"}, {\"op\": \"remove\", \"path\": \"/jobName\"}]", "[1].path"),
                Map.entry("[{\"op\": \"replace\", \"path\": \"\", \"value\": {}}]", "[0].path"),
                Map.entry("[{\"op\": \"replace\", \"path\": \"/jobName\"}]", "[0].value"),
                Map.entry("[{\"op\": \"replace\", \"path\": \"/jobName\", \"value\": \"x\", \"colour\": 1}]", "[0].colour"),
                Map.entry("[{\"op\": \"replace\", \"path\": \"/priority\", \"value\": \"Whenever\"}]", "priority"),
                Map.entry("[{\"op\": \"replace\", \"path\": \"/jobName\", \"value\": null}]", "jobName"),
                Map.entry("[{\"op\": \"add\", \"path\": \"/extendedProperties/permit/colour\", \"value\": \"red\"}]", "extendedProperties"),
                Map.entry("{\"op\": \"replace\"}", "body"),
                Map.entry("[]", "body"));
        refused.forEach((body, target) -> {
            ApiClient.Response answer = patch(Long.toString(revision), body);
            assertEquals(400, answer.status(), body + " → " + answer.body());
            assertTrue(answer.body().path("target").asText().startsWith(target), body + " → " + answer.body());
        });
        assertEquals("If-Match", patch(null, "[{\"op\": \"test\", \"path\": \"/jobName\", \"value\": \"Permit 7\"}]").body().path("target").asText());
        assertEquals("Content-Type", api.send("PATCH", path("/jobs/" + jobId), admin, "[]", Map.of("If-Match", "1")).body()
                .path("target").asText(), "plain JSON is PUT's");
        assertEquals(403, api.send("PATCH", path("/jobs/" + jobId), cloud.token("wendy", List.of("workers")),
                "[{\"op\": \"replace\", \"path\": \"/jobName\", \"value\": \"Mine\"}]",
                Map.of("Content-Type", JSON_PATCH, "If-Match", Long.toString(revision))).status());

        assertEquals(before, TableRecords.writtenByRequests(table.partition("ITEM#" + itemId)), "nothing refused was written");
        assertEquals("Permit 7", job().path("jobName").asText());
    }

    private JsonNode job() {
        return api.get(path("/jobs/" + jobId), admin).body();
    }

    private ApiClient.Response patch(String ifMatch, String body) {
        Map<String, String> headers = ifMatch == null ? Map.of("Content-Type", JSON_PATCH) : Map.of("Content-Type", JSON_PATCH, "If-Match", ifMatch);
        return api.send("PATCH", path("/jobs/" + jobId), admin, body, headers);
    }

    private String path(String rest) {
        return "/items/" + itemId + rest;
    }
}
