package dev.wfm.local.items;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.wfm.local.ApiClient;
import dev.wfm.local.Fixtures;
import dev.wfm.local.LocalCloud;
import dev.wfm.local.TableRecords;
import dev.wfm.local.TestCloud;
import java.util.List;
import java.util.Map;
import java.util.stream.StreamSupport;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Named privileges through the local cloud: every route that changes something checks the
 * privilege it needs, which the item maps to roles (by default as the roles always allowed), and
 * the item's admins change the mapping.
 */
class PrivilegesTest {
    private final LocalCloud cloud = TestCloud.get();
    private final ApiClient api = TestCloud.api();
    private final String admin = cloud.adminToken();
    private final String manager = cloud.token("maya", List.of("managers"));
    private final String worker = cloud.token("wes", List.of("workers"));
    private String item;
    private String templateId;

    @BeforeEach
    void item() {
        String itemId = api.post("/items", admin, "{\"name\": \"Privileges\", \"roles\": {\"admin\": [\"admins\"], \"manager\": [\"managers\"], "
                + "\"worker\": [\"workers\"]}}").created().path("itemId").asText();
        item = "/items/" + itemId;
        String diagramId = api.post(item + "/diagrams", admin, Fixtures.text("diagrams/address-verification.json")).created()
                .path("diagramId").asText();
        templateId = api.post(item + "/job-templates", admin, "{\"name\": \"t\", \"diagramId\": \"" + diagramId + "\"}").created()
                .path("jobTemplateId").asText();
    }

    @Test
    void byDefaultTheJobPrivilegesAreTheManagersAndTheConfigurationOnesTheAdmins() {
        JsonNode privileges = api.get(item + "/privileges", worker).body();
        assertEquals(List.of("admin", "manager"), roles(privileges, "closeJobs"), privileges.toString());
        assertEquals(List.of("admin"), roles(privileges, "manageDiagrams"));
        assertTrue(privileges.path("privileges").findValues("default").stream().allMatch(JsonNode::asBoolean));

        ApiClient.Response refused = api.post(item + "/jobs/close", worker, "{\"jobIds\": [\"" + job() + "\"]}");
        assertEquals(403, refused.status(), refused.body().toString());
        assertTrue(refused.body().path("message").asText().contains("'closeJobs'"), refused.body().toString());
        ApiClient.Response diagram = api.post(item + "/diagrams", manager, Fixtures.text("diagrams/address-verification.json"));
        assertEquals(403, diagram.status());
        assertTrue(diagram.body().path("message").asText().contains("'manageDiagrams'"), diagram.body().toString());
    }

    @Test
    void anAdminGivesAPrivilegeToWorkersAndTakesOneFromManagers() {
        String jobId = job();
        ApiClient.Response mapped = api.send("PUT", item + "/privileges", admin, "{\"revision\": " + revision()
                + ", \"privileges\": {\"closeJobs\": [\"admin\", \"manager\", \"worker\"], \"updateJobs\": [\"admin\"]}}");
        assertEquals(200, mapped.status(), mapped.body().toString());
        assertEquals(List.of("admin", "manager", "worker"), roles(mapped.body(), "closeJobs"));
        assertFalse(entry(mapped.body(), "updateJobs").path("default").asBoolean());

        String update = "{\"revision\": " + api.get(item + "/jobs/" + jobId, admin).body().path("revision").asLong() + ", \"priority\": \"High\"}";
        ApiClient.Response managerUpdate = api.send("PUT", item + "/jobs/" + jobId, manager, update);
        assertEquals(403, managerUpdate.status(), managerUpdate.body().toString());
        assertTrue(managerUpdate.body().path("message").asText().contains("'updateJobs'"), managerUpdate.body().toString());
        assertEquals(200, api.send("PUT", item + "/jobs/" + jobId, admin, update).status());
        ApiClient.Response closed = api.post(item + "/jobs/close", worker, "{\"jobIds\": [\"" + jobId + "\"]}");
        assertEquals(200, closed.status(), closed.body().toString());
        assertTrue(closed.body().path("success").asBoolean(), closed.body().toString());
        assertEquals(202, api.post(item + "/jobs/batch", worker, "{\"jobIds\": [\"" + job() + "\"], \"change\": {\"type\": \"close\"}}").status(),
                "a batch needs the privilege of its change");
        assertEquals(403, api.post(item + "/jobs/batch", manager, "{\"jobIds\": [\"" + jobId + "\"], \"change\": {\"type\": \"update\", "
                + "\"priority\": \"Low\"}}").status());

        JsonNode reset = api.send("PUT", item + "/privileges", admin, "{\"revision\": " + revision() + ", \"privileges\": {}}").body();
        assertTrue(reset.path("privileges").findValues("default").stream().allMatch(JsonNode::asBoolean), reset.toString());
        assertEquals(403, api.post(item + "/jobs/reopen", worker, "{\"jobIds\": [\"" + jobId + "\"]}").status());
    }

    @Test
    void aBadMappingOrAnotherRolesChangeIsRefusedAndWritesNothing() {
        String itemId = item.substring("/items/".length());
        try (TableRecords table = new TableRecords(cloud.endpoints().dynamodb())) {
            var before = TableRecords.writtenByRequests(table.partition("ITEM#" + itemId));
            long revision = revision();
            Map<String, String> refusals = Map.of(
                    "{\"revision\": " + revision + ", \"privileges\": {\"flyJobs\": [\"admin\"]}}", "400 privileges.flyJobs",
                    "{\"revision\": " + revision + ", \"privileges\": {\"closeJobs\": [\"owner\"]}}", "400 privileges.closeJobs",
                    "{\"revision\": " + revision + ", \"privileges\": {\"closeJobs\": \"admin\"}}", "400 privileges.closeJobs",
                    "{\"revision\": " + revision + ", \"privileges\": [\"closeJobs\"]}", "400 privileges",
                    "{\"privileges\": {}}", "400 revision",
                    "{\"revision\": " + revision + ", \"privileges\": {}, \"extra\": 1}", "400 extra",
                    "{\"revision\": " + (revision + 5) + ", \"privileges\": {}}", "409 revision");
            refusals.forEach((body, expected) -> {
                ApiClient.Response refused = api.send("PUT", item + "/privileges", admin, body);
                assertEquals(expected, refused.status() + " " + refused.body().path("target").asText(), body + " -> " + refused.body());
            });
            assertEquals(403, api.send("PUT", item + "/privileges", manager, "{\"revision\": " + revision + ", \"privileges\": {}}").status());
            assertEquals(before, TableRecords.writtenByRequests(table.partition("ITEM#" + itemId)));
        }
    }

    private String job() {
        return api.post(item + "/jobs", admin, "{\"jobTemplateId\": \"" + templateId + "\"}").created().path("jobIds").path(0).asText();
    }

    private long revision() {
        return api.get(item, admin).body().path("revision").asLong();
    }

    private static JsonNode entry(JsonNode privileges, String key) {
        for (JsonNode entry : privileges.path("privileges")) {
            if (entry.path("privilege").asText().equals(key)) {
                return entry;
            }
        }
        throw new AssertionError("no privilege " + key + " in " + privileges);
    }

    private static List<String> roles(JsonNode privileges, String key) {
        return StreamSupport.stream(entry(privileges, key).path("roles").spliterator(), false).map(JsonNode::asText).toList();
    }
}
