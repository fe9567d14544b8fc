package dev.wfm.local.webhooks;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import com.fasterxml.jackson.databind.JsonNode;
import dev.wfm.local.ApiClient;
import java.util.Base64;
import java.util.HexFormat;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** A delivery is only accepted from whoever holds the secret; a refused one creates nothing. */
class WebhookSecurityTest {
    private static final WebhookDriver DRIVER = new WebhookDriver("Webhook security");

    private static String body(String id) {
        return "{\"id\": \"" + id + "\", \"title\": \"Pothole " + id + "\", \"priority\": \"High\"}";
    }

    private static void refusedAndNothingCreated(ApiClient.Response response, int jobsBefore) {
        assertEquals(401, response.status(), response.body().toString());
        assertEquals("UNAUTHENTICATED", response.code());
        assertEquals(jobsBefore, DRIVER.jobCount());
    }

    @Test
    void aCorrectSecretHeaderCreatesTheJobAndAWrongOrMissingOneIsRefused() {
        JsonNode hook = DRIVER.register("generic", "secret", "");
        String id = hook.path("webhookId").asText();
        int before = DRIVER.jobCount();
        refusedAndNothingCreated(DRIVER.deliver(id, Map.of("X-Webhook-Secret", "whsec_wrong"), body("s1")), before);
        refusedAndNothingCreated(DRIVER.deliver(id, Map.of(), body("s1")), before);
        ApiClient.Response ok = DRIVER.deliver(id, Map.of("X-Webhook-Secret", hook.path("secret").asText()), body("s1"));
        assertEquals(202, ok.status(), ok.body().toString());
        JsonNode job = DRIVER.job(ok.body().path("jobIds").path(0).asText());
        assertEquals("Pothole s1", job.path("jobName").asText());
        assertEquals("High", job.path("priority").asText());
        assertEquals("webhook:" + id, job.path("createdBy").asText());
    }

    @Test
    void aGoodSignatureIsAcceptedAndABadOrReplayedOneIsRefused() {
        JsonNode hook = DRIVER.register("generic", "hmac", "");
        String id = hook.path("webhookId").asText();
        String secret = hook.path("secret").asText();
        int before = DRIVER.jobCount();
        String body = body("h1");
        refusedAndNothingCreated(DRIVER.deliver(id, WebhookDriver.signedNow("whsec_not-the-secret", body), body), before);
        refusedAndNothingCreated(DRIVER.deliver(id, WebhookDriver.signedNow(secret, body.replace("h1", "h2")), body), before);
        long now = System.currentTimeMillis() / 1000;
        refusedAndNothingCreated(DRIVER.deliver(id, WebhookDriver.signed(secret, now - 301, body), body), before);
        refusedAndNothingCreated(DRIVER.deliver(id, WebhookDriver.signed(secret, now + 400, body), body), before);
        refusedAndNothingCreated(DRIVER.deliver(id, Map.of("X-Webhook-Secret", secret), body), before);
        ApiClient.Response ok = DRIVER.deliver(id, WebhookDriver.signed(secret, now - 120, body), body);
        assertEquals(202, ok.status(), ok.body().toString());
        assertEquals(before + 1, DRIVER.jobCount());
    }

    @Test
    void arcGisStyleSignaturesAreAcceptedInHexAndBase64() {
        JsonNode hook = DRIVER.register("generic", "hmac", "");
        String id = hook.path("webhookId").asText();
        byte[] mac = WebhookDriver.hmac(hook.path("secret").asText(), body("e1"));
        assertEquals(202, DRIVER.deliver(id, Map.of("x-esriHook-Signature", "sha256=" + HexFormat.of().formatHex(mac)), body("e1")).status());
        byte[] mac2 = WebhookDriver.hmac(hook.path("secret").asText(), body("e2"));
        assertEquals(202, DRIVER.deliver(id, Map.of("x-esriHook-Signature", "sha256=" + Base64.getEncoder().encodeToString(mac2)), body("e2")).status());
        int before = DRIVER.jobCount();
        refusedAndNothingCreated(DRIVER.deliver(id, Map.of("x-esriHook-Signature", "sha256=" + HexFormat.of().formatHex(mac)), body("e3")), before);
    }

    @Test
    void unknownAndDisabledWebhooksAnswerAlike404() {
        JsonNode hook = DRIVER.register("generic", "secret", "");
        String id = hook.path("webhookId").asText();
        Map<String, String> headers = Map.of("X-Webhook-Secret", hook.path("secret").asText());
        ApiClient.Response disabled = DRIVER.api.send("PUT", DRIVER.path("/webhooks/" + id), DRIVER.admin, "{\"enabled\": false}");
        assertEquals(200, disabled.status(), disabled.body().toString());
        assertFalse(disabled.body().path("enabled").asBoolean());
        int before = DRIVER.jobCount();
        ApiClient.Response toDisabled = DRIVER.deliver(id, headers, body("d1"));
        ApiClient.Response toUnknown = DRIVER.deliver("01unknownhook0000000000000", headers, body("d1"));
        assertEquals(404, toDisabled.status());
        assertEquals(404, toUnknown.status());
        assertEquals(toUnknown.body().path("code"), toDisabled.body().path("code"));
        assertEquals(before, DRIVER.jobCount());
        DRIVER.api.send("PUT", DRIVER.path("/webhooks/" + id), DRIVER.admin, "{\"enabled\": true}");
        assertEquals(202, DRIVER.deliver(id, headers, body("d1")).status());
    }

    @Test
    void malformedAndOversizedBodiesAreRefusedWith4xxAndCreateNothing() {
        JsonNode hook = DRIVER.register("generic", "secret", "");
        String id = hook.path("webhookId").asText();
        Map<String, String> headers = Map.of("X-Webhook-Secret", hook.path("secret").asText());
        int before = DRIVER.jobCount();
        ApiClient.Response malformed = DRIVER.deliver(id, headers, "{\"title\": ");
        assertEquals(400, malformed.status(), malformed.body().toString());
        assertEquals("INVALID_ARGUMENT", malformed.code());
        ApiClient.Response array = DRIVER.deliver(id, headers, "[1, 2]");
        assertEquals(400, array.status());
        byte[] huge = ("{\"title\": \"" + "x".repeat(1_100_000) + "\"}").getBytes();
        ApiClient.Response oversized = DRIVER.deliverBytes(id, headers, huge);
        assertEquals(413, oversized.status(), oversized.body().toString());
        ApiClient.Response badPriority = DRIVER.deliver(id, headers, "{\"title\": \"x\", \"priority\": \"Whenever\"}");
        assertEquals(400, badPriority.status());
        assertEquals(before, DRIVER.jobCount());
    }
}
