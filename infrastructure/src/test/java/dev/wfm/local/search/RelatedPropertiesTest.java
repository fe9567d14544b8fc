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

    /** The entries of one table in a job view's relatedProperties. */
    private static JsonNode entries(JsonNode view, String tableName) {
        for (JsonNode table : view.path("relatedProperties")) {
            if (table.path("tableName").asText().equals(tableName)) {
                return table.path("entries");
            }
        }
        return com.fasterxml.jackson.databind.node.MissingNode.getInstance();
    }

    @Test
    void recordsAreAddedUpdatedAndDeletedAndReadBackWithTheJob() {
        String jobId = newJob();
        ApiClient.Response added = change(jobId, """
                {"adds": [{"tableName": "inspection", "entries": [
                   {"properties": [{"propertyName": "inspector", "value": "amy"}, {"propertyName": "passed", "value": false},
                                   {"propertyName": "visited", "value": "2026-11-02T09:00:00Z"}]},
                   {"properties": {"inspector": "cjones", "score": 7}}]}]}""");
        assertEquals(200, added.status(), added.body().toString());
        JsonNode records = entries(added.body(), "inspection");
        assertEquals(2, records.size(), added.body().toString());
        assertEquals("amy", records.path(0).path("properties").path("inspector").asText(), "oldest first, in the order added");
        assertEquals("2026-11-02T09:00:00Z", records.path(0).path("properties").path("visited").asText());
        String amy = records.path(0).path("id").asText();
        String cjones = records.path(1).path("id").asText();

        ApiClient.Response updated = change(jobId, "{\"updates\": [{\"tableName\": \"inspection\", \"entries\": [{\"id\": \"" + amy
                + "\", \"properties\": [{\"propertyName\": \"passed\", \"value\": true}, {\"propertyName\": \"visited\", \"value\": null}, "
                + "{\"propertyName\": \"score\", \"value\": 9}]}]}], "
                + "\"deletes\": [{\"tableName\": \"inspection\", \"ids\": [\"" + cjones + "\"]}]}");
        assertEquals(200, updated.status(), updated.body().toString());

        JsonNode read = entries(job(jobId), "inspection");
        assertEquals(1, read.size(), read.toString());
        assertEquals(amy, read.path(0).path("id").asText());
        JsonNode record = read.path(0).path("properties");
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

    /** An add of one record to inspection with these properties. */
    private static String add(String properties) {
        return "{\"adds\": [{\"tableName\": \"inspection\", \"entries\": [{\"properties\": " + properties + "}]}]}";
    }

    private static String update(String id, String properties) {
        return "{\"tableName\": \"inspection\", \"entries\": [{\"id\": \"" + id + "\", \"properties\": " + properties + "}]}";
    }

    private static String delete(String id) {
        return "{\"tableName\": \"inspection\", \"ids\": [\"" + id + "\"]}";
    }

    @Test
    void badRecordsAreRefusedWithTheirPlaceAndChangeNothing() {
        String jobId = newJob();
        String kept = entries(change(jobId, add("{\"inspector\": \"amy\"}")).body(), "inspection").path(0).path("id").asText();
        JsonNode before = job(jobId);

        List<String[]> refused = new ArrayList<>();
        refused.add(new String[] {add("{\"score\": 1}"), "400", "relatedProperties.adds[0].entries[0]"});
        refused.add(new String[] {add("[{\"propertyName\": \"inspector\", \"value\": \"x\"}, {\"propertyName\": \"score\", \"value\": \"high\"}]"),
                "400", "relatedProperties.adds[0].entries[0].properties[1]"});
        refused.add(new String[] {add("{\"inspector\": \"x\", \"colour\": 1}"), "400", "relatedProperties.adds[0].entries[0].properties.colour"});
        refused.add(new String[] {add("[]"), "400", "relatedProperties.adds[0].entries[0].properties"});
        refused.add(new String[] {"{\"adds\": [{\"tableName\": \"permit\", \"entries\": [{\"properties\": {\"number\": \"P\"}}]}]}",
                "400", "relatedProperties.adds[0].tableName"});
        refused.add(new String[] {"{\"adds\": [{\"tableName\": \"inspection\", \"entries\": []}]}", "400", "relatedProperties.adds[0].entries"});
        refused.add(new String[] {"{\"adds\": [{\"tableName\": \"inspection\", \"entries\": [{\"id\": \"" + kept
                + "\", \"properties\": {\"inspector\": \"x\"}}]}]}", "400", "relatedProperties.adds[0].entries[0].id"});
        refused.add(new String[] {"{\"updates\": [" + update("nope", "{\"score\": 1}") + "]}", "404", "relatedProperties.updates[0].entries[0].id"});
        refused.add(new String[] {"{\"updates\": [" + update(kept, "{\"inspector\": null}") + "]}", "400", "relatedProperties.updates[0].entries[0]"});
        refused.add(new String[] {"{\"updates\": [" + update(kept, "{\"score\": 1}") + "], \"deletes\": [" + delete(kept) + "]}",
                "400", "relatedProperties.deletes[0].ids[0]"});
        // a valid add next to an invalid delete: neither is written
        refused.add(new String[] {"{\"adds\": [{\"tableName\": \"inspection\", \"entries\": [{\"properties\": {\"inspector\": \"ok\"}}]}], "
                + "\"deletes\": [" + delete("gone") + "]}", "404", "relatedProperties.deletes[0].ids[0]"});
        refused.add(new String[] {"[]", "400", "relatedProperties"});
        for (String[] request : refused) {
            ApiClient.Response response = change(jobId, request[0]);
            assertEquals(Integer.parseInt(request[1]), response.status(), request[0] + " -> " + response.body());
            assertEquals(request[2], response.body().path("target").asText(), request[0] + " -> " + response.body());
        }
        ApiClient.Response stale = change(jobId, before.path("revision").asLong() - 1, add("{\"inspector\": \"late\"}"));
        assertEquals(409, stale.status(), stale.body().toString());

        JsonNode after = job(jobId);
        assertEquals(before.path("revision").asLong(), after.path("revision").asLong());
        assertEquals(before.path("relatedProperties"), after.path("relatedProperties"));
        assertEquals(1, entries(after, "inspection").size());
    }

    @Test
    void ofConcurrentUpdatesAtOneRevisionOneWritesItsRecordsAndTheOthersWriteNothing() throws Exception {
        String jobId = newJob();
        long revision = job(jobId).path("revision").asLong();
        int writers = 6;
        java.util.concurrent.ExecutorService pool = java.util.concurrent.Executors.newFixedThreadPool(writers);
        try {
            List<java.util.concurrent.Future<Integer>> statuses = new ArrayList<>();
            for (int i = 0; i < writers; i++) {
                String inspector = "writer-" + i;
                statuses.add(pool.submit(() -> change(jobId, revision, add("{\"inspector\": \"" + inspector + "\"}")).status()));
            }
            List<Integer> answered = new ArrayList<>();
            for (var status : statuses) {
                answered.add(status.get());
            }
            assertEquals(1, answered.stream().filter(status -> status == 200).count(), answered.toString());
            assertEquals(writers - 1, answered.stream().filter(status -> status == 409).count(), answered.toString());
        } finally {
            pool.shutdown();
        }
        JsonNode after = job(jobId);
        assertEquals(revision + 1, after.path("revision").asLong());
        assertEquals(1, entries(after, "inspection").size(), "only the winner's record exists");
    }
}
