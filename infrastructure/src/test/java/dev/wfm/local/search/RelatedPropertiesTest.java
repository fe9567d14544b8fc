package dev.wfm.local.search;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.wfm.local.ApiClient;
import dev.wfm.local.Fixtures;
import dev.wfm.local.LocalCloud;
import dev.wfm.local.TestCloud;
import dev.wfm.local.TestJobs;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Related (one-to-many) extended property records: added, updated and deleted through the job
 * update's {@code relatedProperties} with the job revision, type- and required-checked, read back
 * with {@code ?extended=true}.
 */
class RelatedPropertiesTest {
    private static final LocalCloud cloud = TestCloud.get();
    private static final ApiClient api = TestCloud.api();
    private static final String admin = cloud.adminToken();
    private static String itemId;
    private static String templateId;

    @BeforeAll
    static void configuration() {
        itemId = api.post("/items", admin, "{\"name\": \"Related properties\", \"roles\": {\"admin\": [\"admins\"]}}")
                .body().path("itemId").asText();
        api.post("/items/" + itemId + "/extended-property-tables", admin, """
                {"name": "inspection", "relationship": "oneToMany", "fields": [
                  {"name": "inspector", "type": "string", "required": true, "maxLength": 40},
                  {"name": "passed", "type": "boolean"}, {"name": "visited", "type": "date"}, {"name": "score", "type": "integer"}]}""").created();
        api.post("/items/" + itemId + "/extended-property-tables", admin,
                "{\"name\": \"permit\", \"fields\": [{\"name\": \"number\", \"type\": \"string\"}]}").created();
        String diagramId = api.post("/items/" + itemId + "/diagrams", admin, Fixtures.text("diagrams/address-verification.json")).created()
                .path("diagramId").asText();
        templateId = api.post("/items/" + itemId + "/job-templates", admin, "{\"name\": \"Site\", \"diagramId\": \"" + diagramId
                + "\", \"extendedPropertyTables\": [\"inspection\", \"permit\"]}").created().path("jobTemplateId").asText();
    }


    /** A job at its first step. */
    private static String newJob() {
        return TestJobs.started(api, admin, itemId, templateId);
    }

    private static JsonNode job(String jobId) {
        return api.get("/items/" + itemId + "/jobs/" + jobId + "?extended=true", admin).body();
    }

    private static ApiClient.Response change(String jobId, String related) {
        return change(jobId, job(jobId).path("revision").asLong(), related);
    }

    private static ApiClient.Response change(String jobId, long revision, String related) {
        return api.send("PUT", "/items/" + itemId + "/jobs/" + jobId, admin,
                "{\"revision\": " + revision + ", \"relatedProperties\": " + related + "}");
    }

    @Test
    void recordsAreAddedUpdatedAndDeletedAndReadBackWithTheJob() {
        String jobId = newJob();
        ApiClient.Response added = change(jobId, """
                {"adds": [{"tableName": "inspection", "properties": {"inspector": "amy", "passed": false, "visited": "2026-11-02T09:00:00Z"}},
                          {"tableName": "inspection", "properties": {"inspector": "cjones", "score": 7}}]}""");
        assertEquals(200, added.status(), added.body().toString());
        JsonNode records = added.body().path("relatedProperties").path("inspection");
        assertEquals(2, records.size(), added.body().toString());
        assertEquals("amy", records.path(0).path("inspector").asText(), "oldest first");
        String amy = records.path(0).path("recordId").asText();
        String cjones = records.path(1).path("recordId").asText();

        ApiClient.Response updated = change(jobId, "{\"updates\": [{\"tableName\": \"inspection\", \"recordId\": \"" + amy
                + "\", \"properties\": {\"passed\": true, \"visited\": null, \"score\": 9}}], "
                + "\"deletes\": [{\"tableName\": \"inspection\", \"recordId\": \"" + cjones + "\"}]}");
        assertEquals(200, updated.status(), updated.body().toString());

        JsonNode read = job(jobId).path("relatedProperties").path("inspection");
        assertEquals(1, read.size(), read.toString());
        JsonNode record = read.path(0);
        assertEquals(amy, record.path("recordId").asText());
        assertEquals("amy", record.path("inspector").asText(), "an update merges into the record");
        assertTrue(record.path("passed").asBoolean());
        assertEquals(9, record.path("score").asInt());
        assertTrue(record.path("visited").isMissingNode(), "null clears a field");
        assertTrue(api.get("/items/" + itemId + "/jobs/" + jobId, admin).body().path("relatedProperties").isMissingNode(),
                "only with extended=true");
        long updates = 0;
        for (JsonNode entry : api.get("/items/" + itemId + "/jobs/" + jobId + "/history", admin).body()) {
            updates += entry.path("action").asText().equals("JobUpdated") ? 1 : 0;
        }
        assertEquals(2, updates, "each change is a job revision with its history entry");
    }

    @Test
    void badRecordsAreRefusedWithTheirPlaceAndChangeNothing() {
        String jobId = newJob();
        String kept = change(jobId, "{\"adds\": [{\"tableName\": \"inspection\", \"properties\": {\"inspector\": \"amy\"}}]}")
                .body().path("relatedProperties").path("inspection").path(0).path("recordId").asText();
        JsonNode before = job(jobId);

        List<String[]> refused = new ArrayList<>();
        refused.add(new String[] {"{\"adds\": [{\"tableName\": \"inspection\", \"properties\": {\"score\": 1}}]}",
                "400", "relatedProperties.adds[0]"});
        refused.add(new String[] {"{\"adds\": [{\"tableName\": \"inspection\", \"properties\": {\"inspector\": \"x\", \"score\": \"high\"}}]}",
                "400", "relatedProperties.adds[0].properties.score"});
        refused.add(new String[] {"{\"adds\": [{\"tableName\": \"inspection\", \"properties\": {\"inspector\": \"x\", \"colour\": 1}}]}",
                "400", "relatedProperties.adds[0].properties.colour"});
        refused.add(new String[] {"{\"adds\": [{\"tableName\": \"permit\", \"properties\": {\"number\": \"P\"}}]}",
                "400", "relatedProperties.adds[0].tableName"});
        refused.add(new String[] {"{\"updates\": [{\"tableName\": \"inspection\", \"recordId\": \"nope\", \"properties\": {\"score\": 1}}]}",
                "404", "relatedProperties.updates[0].recordId"});
        refused.add(new String[] {"{\"updates\": [{\"tableName\": \"inspection\", \"recordId\": \"" + kept + "\", \"properties\": {\"inspector\": null}}]}",
                "400", "relatedProperties.updates[0]"});
        refused.add(new String[] {"{\"updates\": [{\"tableName\": \"inspection\", \"recordId\": \"" + kept + "\", \"properties\": {\"score\": 1}}], "
                + "\"deletes\": [{\"tableName\": \"inspection\", \"recordId\": \"" + kept + "\"}]}",
                "400", "relatedProperties.deletes[0].recordId"});
        // a valid add next to an invalid one: neither is written
        refused.add(new String[] {"{\"adds\": [{\"tableName\": \"inspection\", \"properties\": {\"inspector\": \"ok\"}}], "
                + "\"deletes\": [{\"tableName\": \"inspection\", \"recordId\": \"gone\"}]}",
                "404", "relatedProperties.deletes[0].recordId"});
        refused.add(new String[] {"[]", "400", "relatedProperties"});
        for (String[] request : refused) {
            ApiClient.Response response = change(jobId, request[0]);
            assertEquals(Integer.parseInt(request[1]), response.status(), request[0] + " -> " + response.body());
            assertEquals(request[2], response.body().path("target").asText(), request[0] + " -> " + response.body());
        }
        ApiClient.Response stale = change(jobId, before.path("revision").asLong() - 1,
                "{\"adds\": [{\"tableName\": \"inspection\", \"properties\": {\"inspector\": \"late\"}}]}");
        assertEquals(409, stale.status(), stale.body().toString());

        JsonNode after = job(jobId);
        assertEquals(before.path("revision").asLong(), after.path("revision").asLong());
        assertEquals(before.path("relatedProperties"), after.path("relatedProperties"));
    }
}
