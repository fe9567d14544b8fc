package dev.wfm.local.webhooks;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.wfm.local.ApiClient;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Admins register, read, rotate, disable and delete webhooks; the secret is shown once, never again. */
class WebhookManagementTest {
    private static final WebhookDriver DRIVER = new WebhookDriver("Webhook management");

    @Test
    void registrationAnswersTheUrlAndTheSecretOnceAndGetAndListNeverShowIt() {
        JsonNode hook = DRIVER.register("survey123", "hmac", "");
        String id = hook.path("webhookId").asText();
        String secret = hook.path("secret").asText();
        assertTrue(secret.startsWith("whsec_") && secret.length() > 40, secret);
        assertTrue(hook.path("url").asText().endsWith("/hooks/" + id), hook.toString());
        ApiClient.Response got = DRIVER.api.get(DRIVER.path("/webhooks/" + id), DRIVER.admin);
        assertEquals(200, got.status());
        assertEquals("survey123", got.body().path("kind").asText());
        ApiClient.Response list = DRIVER.api.get(DRIVER.path("/webhooks"), DRIVER.admin);
        assertEquals(200, list.status());
        for (JsonNode shown : List.of(got.body(), list.body())) {
            assertFalse(shown.toString().contains(secret), shown.toString());
            assertTrue(shown.findValues("secret").isEmpty() && shown.findValues("secretCipher").isEmpty()
                    && shown.findValues("secretHash").isEmpty(), shown.toString());
        }
        assertTrue(list.body().findValuesAsText("webhookId").contains(id));
    }

    @Test
    void theUrlARegistrationAnswersTakesDeliveriesAsGiven() {
        JsonNode hook = DRIVER.register("generic", "secret", "");
        String url = hook.path("url").asText();
        URI api = DRIVER.cloud.endpoints().api();
        assertEquals(api.getScheme() + "://" + api.getAuthority() + "/hooks/" + hook.path("webhookId").asText(), url);
        ApiClient.Response delivered = DRIVER.deliverTo(URI.create(url), Map.of("X-Webhook-Secret", hook.path("secret").asText()),
                "{\"title\": \"Posted to the answered URL\"}".getBytes(StandardCharsets.UTF_8));
        assertEquals(202, delivered.status(), delivered.body().toString());
        String listed = DRIVER.api.get(DRIVER.path("/webhooks/" + hook.path("webhookId").asText()), DRIVER.admin).body().path("url").asText();
        assertEquals(url, listed);
    }

    @Test
    void aRotatedSecretReplacesTheOldOneAtOnce() {
        JsonNode hook = DRIVER.register("generic", "secret", "");
        String id = hook.path("webhookId").asText();
        String old = hook.path("secret").asText();
        ApiClient.Response rotated = DRIVER.api.post(DRIVER.path("/webhooks/" + id + "/rotate-secret"), DRIVER.admin, null);
        assertEquals(200, rotated.status(), rotated.body().toString());
        String fresh = rotated.body().path("secret").asText();
        assertNotEquals(old, fresh);
        String body = "{\"title\": \"After rotation\"}";
        assertEquals(401, DRIVER.deliver(id, Map.of("X-Webhook-Secret", old), body).status());
        assertEquals(202, DRIVER.deliver(id, Map.of("X-Webhook-Secret", fresh), body).status());
    }

    @Test
    void aRotatedHmacSecretRefusesSignaturesMadeWithTheOldOne() {
        JsonNode hook = DRIVER.register("generic", "hmac", "");
        String id = hook.path("webhookId").asText();
        String old = hook.path("secret").asText();
        String fresh = DRIVER.api.post(DRIVER.path("/webhooks/" + id + "/rotate-secret"), DRIVER.admin, null).body().path("secret").asText();
        String body = "{\"title\": \"Rotated hmac\"}";
        assertEquals(401, DRIVER.deliver(id, WebhookDriver.signedNow(old, body), body).status());
        assertEquals(202, DRIVER.deliver(id, WebhookDriver.signedNow(fresh, body), body).status());
    }

    @Test
    void aDeletedWebhookIsGoneForAdminsAndSenders() {
        JsonNode hook = DRIVER.register("generic", "secret", "");
        String id = hook.path("webhookId").asText();
        assertEquals(204, DRIVER.api.send("DELETE", DRIVER.path("/webhooks/" + id), DRIVER.admin, null).status());
        assertEquals(404, DRIVER.api.get(DRIVER.path("/webhooks/" + id), DRIVER.admin).status());
        assertEquals(404, DRIVER.deliver(id, Map.of("X-Webhook-Secret", hook.path("secret").asText()), "{\"title\": \"x\"}").status());
    }

    @Test
    void onlyAdminsManageWebhooks() {
        String manager = DRIVER.cloud.token("mia", List.of("managers"));
        ApiClient.Response refused = DRIVER.api.post(DRIVER.path("/webhooks"), manager, "{\"name\": \"x\", \"jobTemplateId\": \""
                + DRIVER.templateId + "\", \"kind\": \"generic\", \"security\": \"secret\"}");
        assertEquals(403, refused.status());
        assertEquals(403, DRIVER.api.get(DRIVER.path("/webhooks"), manager).status());
    }

    @Test
    void badRegistrationsAreRefusedNamingTheField() {
        Map<String, String> cases = Map.of(
                "{\"name\": \"x\", \"jobTemplateId\": \"nope\", \"kind\": \"generic\", \"security\": \"secret\"}", "jobTemplateId",
                "{\"name\": \"x\", \"jobTemplateId\": \"" + DRIVER.templateId + "\", \"kind\": \"email\", \"security\": \"secret\"}", "kind",
                "{\"name\": \"x\", \"jobTemplateId\": \"" + DRIVER.templateId + "\", \"kind\": \"generic\", \"security\": \"none\"}", "security",
                "{\"name\": \"x\", \"jobTemplateId\": \"" + DRIVER.templateId + "\", \"kind\": \"generic\", \"security\": \"secret\","
                        + " \"mapping\": {\"jobName\": \"{% title & %}\"}}", "mapping.jobName",
                "{\"name\": \"x\", \"jobTemplateId\": \"" + DRIVER.templateId + "\", \"kind\": \"generic\", \"security\": \"secret\","
                        + " \"mapping\": {\"color\": \"{% title %}\"}}", "mapping.color");
        cases.forEach((body, target) -> {
            ApiClient.Response refused = DRIVER.api.post(DRIVER.path("/webhooks"), DRIVER.admin, body);
            assertEquals(400, refused.status(), body + " -> " + refused.body());
            assertEquals(target, refused.body().path("target").asText(), refused.body().toString());
        });
    }
}
