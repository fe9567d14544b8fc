package dev.wfm.local.notifications;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.wfm.local.ApiClient;
import dev.wfm.local.TableRecords;
import dev.wfm.local.TestCloud;
import java.util.Map;
import java.util.SortedMap;
import org.junit.jupiter.api.Test;

/** Notification rules and the email directory managed over HTTP: who may, and what a save refuses. */
class NotificationRulesTest {
    private static final NotificationsDriver DRIVER = new NotificationsDriver("Notification rules test");
    private static final String RULE = """
            {"name": "Tell the hub", "on": ["stepFinished"], "filter": "{% $event.returnCode = 'ok' %}",
             "action": {"webRequest": {"method": "POST", "url": "https://hub.example.org/jobs",
                        "headers": {"Authorization": "Bearer hub-s3cret", "X-Job": "{% $job.jobId %}"},
                        "body": "{% {'job': $job.jobId} %}"}}}""";

    @Test
    void aRuleIsCreatedReadReplacedUnderItsRevisionAndDeleted() throws Exception {
        JsonNode created = DRIVER.api.post(DRIVER.path("/notifications"), DRIVER.admin, RULE).created();
        String ruleId = created.path("ruleId").asText();
        String rulePath = DRIVER.path("/notifications/" + ruleId);
        assertEquals(1, created.path("revision").asInt());
        assertTrue(created.path("enabled").asBoolean());

        ObjectNode read = (ObjectNode) DRIVER.api.get(rulePath, DRIVER.admin).body();
        assertEquals("Bearer hub-s3cret", read.path("action").path("webRequest").path("headers").path("Authorization").path("value").asText());
        read.put("enabled", false);
        ApiClient.Response replaced = DRIVER.api.send("PUT", rulePath, DRIVER.admin, read.toString());
        assertEquals(200, replaced.status(), replaced.body().toString());
        assertFalse(replaced.body().path("enabled").asBoolean());
        assertEquals(2, replaced.body().path("revision").asInt());
        ApiClient.Response stale = DRIVER.api.send("PUT", rulePath, DRIVER.admin, read.toString());
        assertEquals(409, stale.status(), stale.body().toString());
        assertEquals("revision", stale.body().path("target").asText());

        JsonNode listed = DRIVER.api.get(DRIVER.path("/notifications"), DRIVER.admin).body().path("rules");
        assertTrue(listed.toString().contains(ruleId), listed.toString());
        assertEquals(204, DRIVER.api.send("DELETE", rulePath, DRIVER.admin, null).status());
        assertEquals(404, DRIVER.api.get(rulePath, DRIVER.admin).status());
        assertEquals(404, DRIVER.api.get(rulePath + "/deliveries", DRIVER.admin).status());
    }

    @Test
    void aSecretHeaderIsStoredSealedAndShownOnlyToAdmins() {
        String ruleId = DRIVER.api.post(DRIVER.path("/notifications"), DRIVER.admin, RULE).created().path("ruleId").asText();

        JsonNode shown = DRIVER.api.get(DRIVER.path("/notifications/" + ruleId), DRIVER.manager).body();
        assertEquals("{\"secret\":true}", shown.path("action").path("webRequest").path("headers").path("Authorization").toString());
        assertEquals("{% $job.jobId %}", shown.path("action").path("webRequest").path("headers").path("X-Job").asText());
        assertFalse(TestCloud.tableText().contains("hub-s3cret"), "the secret is not stored in clear");
    }

    @Test
    void badRulesAreRefusedOnSaveNamingTheFieldAndWriteNothing() {
        String ruleId = DRIVER.api.post(DRIVER.path("/notifications"), DRIVER.admin, RULE).created().path("ruleId").asText();
        Map<String, String> refused = Map.of(
                "filter", RULE.replace("$event.returnCode = 'ok'", "$event.returnCode = "),
                "on[0]", RULE.replace("\"stepFinished\"", "\"stepFinishd\""),
                "action.webRequest.url", RULE.replace("https://hub.example.org/jobs", "hub.example.org"),
                "action.webRequest.body", RULE.replace("{'job': $job.jobId}", "{'job' $job.jobId}"),
                "action.webRequest.retries", RULE.replace("\"method\"", "\"retries\": 3, \"method\""),
                "action.email.to", "{\"name\": \"Mail\", \"on\": [\"jobClosed\"], \"action\": {\"email\": {\"to\": {}, \"subject\": \"s\", "
                        + "\"body\": \"b\"}}}");
        try (TableRecords table = new TableRecords(DRIVER.cloud.endpoints().dynamodb())) {
            SortedMap<String, String> before = TableRecords.writtenByRequests(table.partition("ITEM#" + DRIVER.itemId));
            refused.forEach((target, body) -> {
                for (ApiClient.Response response : new ApiClient.Response[] {
                        DRIVER.api.post(DRIVER.path("/notifications"), DRIVER.admin, body),
                        DRIVER.api.send("PUT", DRIVER.path("/notifications/" + ruleId), DRIVER.admin, body)}) {
                    assertEquals(400, response.status(), target + ": " + response.body());
                    assertEquals("INVALID_ARGUMENT", response.code());
                    assertEquals(target, response.body().path("target").asText(), response.body().toString());
                }
            });
            assertEquals(before, TableRecords.writtenByRequests(table.partition("ITEM#" + DRIVER.itemId)), "a refused rule writes nothing");
        }
    }

    @Test
    void workersNeitherChangeNorReadRulesAndManagersReadThem() {
        String ruleId = DRIVER.api.post(DRIVER.path("/notifications"), DRIVER.admin, RULE).created().path("ruleId").asText();
        String rulePath = DRIVER.path("/notifications/" + ruleId);

        for (String token : new String[] {DRIVER.worker, DRIVER.manager}) {
            assertEquals(403, DRIVER.api.post(DRIVER.path("/notifications"), token, RULE).status());
            assertEquals(403, DRIVER.api.send("PUT", rulePath, token, RULE).status());
            assertEquals(403, DRIVER.api.send("DELETE", rulePath, token, null).status());
            assertEquals(403, DRIVER.api.send("PUT", DRIVER.path("/email-directory"), token, "{\"people\": []}").status());
        }
        assertEquals(403, DRIVER.api.get(rulePath, DRIVER.worker).status());
        assertEquals(403, DRIVER.api.get(DRIVER.path("/notifications"), DRIVER.worker).status());
        assertEquals(403, DRIVER.api.get(rulePath + "/deliveries", DRIVER.worker).status());
        assertEquals(403, DRIVER.api.get(DRIVER.path("/email-directory"), DRIVER.worker).status());
        assertEquals(200, DRIVER.api.get(rulePath, DRIVER.manager).status());
        assertEquals(200, DRIVER.api.get(rulePath + "/deliveries", DRIVER.manager).status());
        assertEquals(200, DRIVER.api.get(DRIVER.path("/email-directory"), DRIVER.manager).status());
        assertEquals(200, DRIVER.api.get(rulePath, DRIVER.admin).status(), "the rule is still there");
    }

    @Test
    void theEmailDirectoryIsReplacedWholeUnderItsRevisionAndRefusesBadEntries() {
        String directory = DRIVER.path("/email-directory");
        ApiClient.Response first = DRIVER.api.send("PUT", directory, DRIVER.admin,
                "{\"people\": [{\"user\": \"amy\", \"email\": \"amy@example.org\", \"groups\": [\"editors\"]}], \"revision\": 0}");
        assertEquals(200, first.status(), first.body().toString());
        long revision = first.body().path("revision").asLong();
        assertEquals(first.body(), DRIVER.api.get(directory, DRIVER.manager).body());

        ApiClient.Response stale = DRIVER.api.send("PUT", directory, DRIVER.admin, "{\"people\": [], \"revision\": 0}");
        assertEquals(409, stale.status(), stale.body().toString());
        ApiClient.Response badAddress = DRIVER.api.send("PUT", directory, DRIVER.admin,
                "{\"people\": [{\"user\": \"lee\", \"email\": \"lee at example.org\"}]}");
        assertEquals("people[0].email", badAddress.body().path("target").asText(), badAddress.body().toString());
        ApiClient.Response twice = DRIVER.api.send("PUT", directory, DRIVER.admin,
                "{\"people\": [{\"user\": \"lee\", \"email\": \"lee@example.org\"}, {\"user\": \"lee\", \"email\": \"l@example.org\"}]}");
        assertEquals("people[1].user", twice.body().path("target").asText(), twice.body().toString());
        assertEquals(revision, DRIVER.api.get(directory, DRIVER.admin).body().path("revision").asLong(), "refused: unchanged");
    }
}
