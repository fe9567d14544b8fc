package dev.wfm.outbound;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;

import com.fasterxml.jackson.databind.JsonNode;
import dev.wfm.common.Json;
import dev.wfm.webhooks.WebhookSecrets;
import org.junit.jupiter.api.Test;

class SecretHeadersTest {
    private final SecretHeaders headers = new SecretHeaders(new WebhookSecrets("a-test-master-key-0123456789"));

    private static JsonNode json(String text) throws Exception {
        return Json.read(text);
    }

    @Test
    void secretsAreStoredSealedOpenedForAdminsAndLeftOutForOthers() throws Exception {
        JsonNode given = json("""
                {"Authorization": "Bearer s3cret", "X-Sign": {"value": "k3y", "secret": true}, "Accept": "application/json"}""");
        JsonNode sealed = headers.sealed("item-1", given);
        assertFalse(sealed.toString().contains("s3cret") || sealed.toString().contains("k3y"), sealed.toString());
        assertEquals("application/json", sealed.path("Accept").asText());

        assertEquals(json("""
                {"Authorization": {"value": "Bearer s3cret", "secret": true}, "X-Sign": {"value": "k3y", "secret": true},
                 "Accept": "application/json"}"""), headers.opened("item-1", sealed));
        assertEquals(json("""
                {"Authorization": {"secret": true}, "X-Sign": {"secret": true}, "Accept": "application/json"}"""),
                SecretHeaders.masked(headers.opened("item-1", sealed)));
    }

    @Test
    void aSealedValueOpensOnlyInTheItemItWasSealedFor() throws Exception {
        JsonNode sealed = headers.sealed("item-1", json("{\"Authorization\": \"Bearer s3cret\"}"));
        assertThrows(IllegalStateException.class, () -> headers.opened("item-2", sealed));
    }

    @Test
    void credentialNamesAreRecognisedWhateverTheirCase() {
        for (String name : new String[] {"authorization", "Proxy-Authorization", "Cookie", "X-API-KEY", "X-Auth-Token", "Client-Secret",
                "X-Password", "ApiKey"}) {
            assertEquals(true, SecretHeaders.credentialName(name), name);
        }
        assertEquals(false, SecretHeaders.credentialName("Content-Type"));
    }
}
