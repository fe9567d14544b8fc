package dev.wfm.local.webhooks;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.wfm.local.ApiClient;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;

/**
 * A delivery that its mapping cannot turn into a job is not lost: it is kept in the webhook's
 * delivery log with its error, and once an admin has fixed the lookup or the mapping, a replay
 * creates its job, once, however often it is replayed or delivered again.
 */
class WebhookDeliveryLogTest {
    private static final WebhookDriver DRIVER = new WebhookDriver("Webhook delivery log");

    private static String survey(String globalId) {
        return WebhookDriver.sampleBody("survey123-delivery.json").replace("{7F3C1B2E-9A4D-4C1E-8B6F-2D5E8A9C0B11}", globalId);
    }

    @Test
    void aDeliveryWhosePriorityIsNotInTheLookupIsKeptAndReplayedOnceTheLookupHasIt() {
        JsonNode hook = DRIVER.register("survey123", "secret", ", \"mapping\": {\"priority\": \"{% $uppercase(feature.attributes.pothole_size) %}\"}");
        String id = hook.path("webhookId").asText();
        Map<String, String> headers = Map.of("X-Webhook-Secret", hook.path("secret").asText());
        int before = DRIVER.jobCount();

        ApiClient.Response refused = DRIVER.deliver(id, headers, survey("{LOG-0001}"));
        assertEquals(400, refused.status(), refused.body().toString());
        assertEquals("priority", refused.body().path("target").asText());
        String deliveryId = refused.body().path("meta").path("deliveryId").asText();
        assertEquals(before, DRIVER.jobCount());

        JsonNode delivery = onlyDelivery(deliveries(id, ""), deliveryId);
        assertEquals("Failed", delivery.path("status").asText());
        assertEquals("INVALID_ARGUMENT", delivery.path("error").path("code").asText());
        assertEquals("priority", delivery.path("error").path("target").asText());
        assertTrue(delivery.path("error").path("message").asText().contains("'LARGE'"), delivery.toString());
        assertEquals("{LOG-0001}", delivery.path("submissionId").asText());
        assertTrue(delivery.path("replayable").asBoolean(), delivery.toString());
        assertFalse(delivery.path("receivedAt").asText().isEmpty(), delivery.toString());

        ApiClient.Response stillRefused = replay(id, deliveryId, DRIVER.admin);
        assertEquals(200, stillRefused.status(), stillRefused.body().toString());
        assertEquals("Failed", stillRefused.body().path("status").asText());
        assertEquals(before, DRIVER.jobCount());

        ApiClient.Response lookup = DRIVER.api.send("PUT", DRIVER.path("/lookups/priorities"), DRIVER.admin,
                "{\"values\": [\"Low\", \"Medium\", \"High\", \"Critical\", \"LARGE\"]}");
        assertEquals(200, lookup.status(), lookup.body().toString());
        ApiClient.Response replayed = replay(id, deliveryId, DRIVER.admin);
        assertEquals(200, replayed.status(), replayed.body().toString());
        assertEquals("Succeeded", replayed.body().path("status").asText(), replayed.body().toString());
        assertEquals(3, replayed.body().path("attempts").asInt());
        assertEquals("admin", replayed.body().path("replayedBy").asText());
        JsonNode jobIds = replayed.body().path("jobIds");
        assertEquals(1, jobIds.size());
        assertEquals("LARGE", DRIVER.job(jobIds.path(0).asText()).path("priority").asText());

        // The submission is one job: a second replay, and the sender delivering it again, answer the same one.
        assertEquals(jobIds, replay(id, deliveryId, DRIVER.admin).body().path("jobIds"));
        ApiClient.Response again = DRIVER.deliver(id, headers, survey("{LOG-0001}"));
        assertEquals(202, again.status(), again.body().toString());
        assertEquals(jobIds, again.body().path("jobIds"));
        assertEquals(before + 1, DRIVER.jobCount());
        JsonNode log = deliveries(id, "").path("deliveries");
        assertEquals(List.of(again.body().path("deliveryId").asText(), deliveryId), log.findValuesAsText("deliveryId"));
        for (JsonNode logged : log) {
            assertEquals("Succeeded", logged.path("status").asText(), log.toString());
            assertEquals(jobIds, logged.path("jobIds"));
            assertFalse(logged.path("replayable").asBoolean(), log.toString());
        }
    }

    @Test
    void aDeliveryWithABadDateIsReplayedOnceTheMappingIsFixed() {
        JsonNode hook = DRIVER.register("survey123", "hmac", ", \"mapping\": {\"dueDate\": \"{% feature.attributes.pothole_size %}\"}");
        String id = hook.path("webhookId").asText();
        String body = survey("{LOG-0002}");
        ApiClient.Response refused = DRIVER.deliver(id, WebhookDriver.signedNow(hook.path("secret").asText(), body), body);
        assertEquals(400, refused.status(), refused.body().toString());
        assertEquals("dueDate", refused.body().path("target").asText());
        String deliveryId = refused.body().path("meta").path("deliveryId").asText();

        ApiClient.Response fixed = DRIVER.api.send("PUT", DRIVER.path("/webhooks/" + id), DRIVER.admin,
                "{\"mapping\": {\"dueDate\": \"{% feature.attributes.reported_on %}\"}}");
        assertEquals(200, fixed.status(), fixed.body().toString());
        ApiClient.Response replayed = replay(id, deliveryId, DRIVER.admin);
        assertEquals("Succeeded", replayed.body().path("status").asText(), replayed.body().toString());
        assertEquals("2026-11-23T12:00:00Z", DRIVER.job(replayed.body().path("jobIds").path(0).asText()).path("dueDate").asText());
    }

    @Test
    void concurrentReplaysOfADeliveryWithoutASubmissionIdCreateOneJob() throws Exception {
        JsonNode hook = DRIVER.register("generic", "secret", ", \"mapping\": {\"jobName\": \"{% title %}\", \"priority\": \"{% level %}\"}");
        String id = hook.path("webhookId").asText();
        ApiClient.Response refused = DRIVER.deliver(id, Map.of("X-Webhook-Secret", hook.path("secret").asText()),
                "{\"title\": \"No id\", \"level\": \"Highest\"}");
        assertEquals(400, refused.status(), refused.body().toString());
        String deliveryId = refused.body().path("meta").path("deliveryId").asText();
        DRIVER.api.send("PUT", DRIVER.path("/webhooks/" + id), DRIVER.admin, "{\"mapping\": {\"jobName\": \"{% title %}\", \"priority\": \"High\"}}");
        int before = DRIVER.jobCount();

        ExecutorService pool = Executors.newFixedThreadPool(6);
        CountDownLatch start = new CountDownLatch(1);
        List<Future<ApiClient.Response>> replays = new ArrayList<>();
        for (int i = 0; i < 6; i++) {
            replays.add(pool.submit(() -> {
                start.await();
                return replay(id, deliveryId, DRIVER.admin);
            }));
        }
        start.countDown();
        Set<JsonNode> answers = new HashSet<>();
        for (Future<ApiClient.Response> replay : replays) {
            ApiClient.Response response = replay.get();
            assertEquals(200, response.status(), response.body().toString());
            assertEquals("Succeeded", response.body().path("status").asText(), response.body().toString());
            answers.add(response.body().path("jobIds"));
        }
        pool.shutdown();
        assertEquals(1, answers.size(), answers.toString());
        assertEquals(before + 1, DRIVER.jobCount());
        assertEquals("No id", DRIVER.job(answers.iterator().next().path(0).asText()).path("jobName").asText());
    }

    @Test
    void theLogListsNewestFirstByStatusAndPageByPageForAdminsOnly() {
        JsonNode hook = DRIVER.register("generic", "secret", ", \"mapping\": {\"jobName\": \"{% title %}\", \"priority\": \"{% level %}\"}");
        String id = hook.path("webhookId").asText();
        Map<String, String> headers = Map.of("X-Webhook-Secret", hook.path("secret").asText());
        List<String> ids = new ArrayList<>();
        for (String level : List.of("Low", "Bogus", "High")) {
            ApiClient.Response response = DRIVER.deliver(id, headers, "{\"title\": \"" + level + "\", \"level\": \"" + level + "\"}");
            ids.add(response.status() == 202 ? response.body().path("deliveryId").asText() : response.body().path("meta").path("deliveryId").asText());
        }
        ApiClient.Response notJson = DRIVER.deliver(id, headers, "[1, 2]");
        assertEquals(400, notJson.status());
        ids.add(notJson.body().path("meta").path("deliveryId").asText());

        JsonNode all = deliveries(id, "").path("deliveries");
        assertEquals(List.of(ids.get(3), ids.get(2), ids.get(1), ids.get(0)), all.findValuesAsText("deliveryId"));
        JsonNode failed = deliveries(id, "?status=Failed").path("deliveries");
        assertEquals(List.of(ids.get(3), ids.get(1)), failed.findValuesAsText("deliveryId"));
        assertFalse(failed.path(0).path("replayable").asBoolean(), failed.toString());
        assertEquals(409, replay(id, ids.get(3), DRIVER.admin).status());

        JsonNode first = deliveries(id, "?limit=3");
        assertEquals(3, first.path("deliveries").size());
        JsonNode second = deliveries(id, "?limit=3&nextToken=" + first.path("nextToken").asText());
        assertEquals(List.of(ids.get(0)), second.path("deliveries").findValuesAsText("deliveryId"));
        assertEquals(second, DRIVER.api.get(first.path("@nextLink").asText(), DRIVER.admin).body(), "the @nextLink is that page");
        assertFalse(second.has("@nextLink"), "absent on the last page");
        assertEquals(400, DRIVER.api.get(DRIVER.path("/webhooks/" + id + "/deliveries?limit=0"), DRIVER.admin).status());
        assertEquals(400, DRIVER.api.get(DRIVER.path("/webhooks/" + id + "/deliveries?nextToken=x"), DRIVER.admin).status());

        String manager = DRIVER.cloud.token("mia", List.of("managers"));
        assertEquals(403, DRIVER.api.get(DRIVER.path("/webhooks/" + id + "/deliveries"), manager).status());
        assertEquals(403, replay(id, ids.get(1), manager).status());
        assertEquals(404, replay(id, "01aaaaaaaaaaaaaaaaaaaaaaaa", DRIVER.admin).status());
        assertEquals(404, replay(id, "x".repeat(2000), DRIVER.admin).status());
    }

    @Test
    void aFailedDeliveryTooLargeToKeepIsLoggedWithoutItsPayloadAndSaysWhy() {
        JsonNode hook = DRIVER.register("generic", "secret", ", \"mapping\": {\"jobName\": \"{% title %}\", \"priority\": \"{% level %}\"}");
        String id = hook.path("webhookId").asText();
        byte[] noise = new byte[450_000];
        new Random(7).nextBytes(noise);
        String body = "{\"title\": \"Big\", \"level\": \"Bogus\", \"attachment\": \"" + Base64.getEncoder().encodeToString(noise) + "\"}";
        ApiClient.Response refused = DRIVER.deliver(id, Map.of("X-Webhook-Secret", hook.path("secret").asText()), body);
        assertEquals(400, refused.status(), refused.body().toString());
        JsonNode delivery = onlyDelivery(deliveries(id, ""), refused.body().path("meta").path("deliveryId").asText());
        assertFalse(delivery.path("replayable").asBoolean(), delivery.toString());
        assertTrue(delivery.path("notReplayableBecause").asText().contains("compressed"), delivery.toString());
        assertEquals(409, replay(id, delivery.path("deliveryId").asText(), DRIVER.admin).status());
    }

    @Test
    void aDeliveryRefusedWithAnErrorQuotingAHugeValueIsStillLoggedItsErrorShortened() {
        JsonNode hook = DRIVER.register("generic", "secret", "");
        String id = hook.path("webhookId").asText();
        String type = "T".repeat(450_000);
        ApiClient.Response refused = DRIVER.deliver(id, Map.of("X-Webhook-Secret", hook.path("secret").asText()),
                "{\"title\": \"Huge\", \"location\": {\"type\": \"" + type + "\", \"coordinates\": [1, 2]}}");
        assertEquals(400, refused.status(), "refused for its content, not for the size of the log's record: " + refused.body().path("message"));
        assertTrue(refused.body().path("message").asText().contains(type), "the sender reads the whole error");
        JsonNode delivery = onlyDelivery(deliveries(id, ""), refused.body().path("meta").path("deliveryId").asText());
        assertEquals("location.type", delivery.path("error").path("target").asText(), delivery.path("error").toString());
        assertTrue(delivery.path("error").path("message").asText().length() <= 2000, "the log keeps the error shortened");
        assertTrue(delivery.path("replayable").asBoolean(), "its payload is kept: " + delivery.path("notReplayableBecause"));
    }

    private static JsonNode deliveries(String webhookId, String query) {
        ApiClient.Response listed = DRIVER.api.get(DRIVER.path("/webhooks/" + webhookId + "/deliveries" + query), DRIVER.admin);
        assertEquals(200, listed.status(), listed.body().toString());
        return listed.body();
    }

    private static JsonNode onlyDelivery(JsonNode page, String deliveryId) {
        assertEquals(1, page.path("deliveries").size(), page.toString());
        JsonNode delivery = page.path("deliveries").path(0);
        assertEquals(deliveryId, delivery.path("deliveryId").asText());
        return delivery;
    }

    private static ApiClient.Response replay(String webhookId, String deliveryId, String token) {
        return DRIVER.api.post(DRIVER.path("/webhooks/" + webhookId + "/deliveries/" + deliveryId + "/replay"), token, null);
    }
}
