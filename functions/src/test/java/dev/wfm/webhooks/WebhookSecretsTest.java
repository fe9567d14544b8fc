package dev.wfm.webhooks;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class WebhookSecretsTest {
    private final WebhookSecrets secrets = new WebhookSecrets("a-test-master-key-0123456789");

    @Test
    void anEncryptedSecretDecryptsOnlyForItsOwnWebhookAndKey() {
        String secret = WebhookSecrets.newSecret();
        String sealed = secrets.encrypt(secret, "hook-1");
        assertFalse(sealed.contains(secret));
        assertNotEquals(sealed, secrets.encrypt(secret, "hook-1"), "a fresh IV every time");
        assertEquals(secret, secrets.decrypt(sealed, "hook-1"));
        assertThrows(IllegalStateException.class, () -> secrets.decrypt(sealed, "hook-2"));
        assertThrows(IllegalStateException.class, () -> new WebhookSecrets("another-master-key-0123456789").decrypt(sealed, "hook-1"));
    }

    @Test
    void aHashMatchesOnlyItsSecret() {
        String secret = WebhookSecrets.newSecret();
        String hash = WebhookSecrets.hash(secret);
        assertTrue(WebhookSecrets.matchesHash(secret, hash));
        assertFalse(WebhookSecrets.matchesHash(secret + "x", hash));
        assertFalse(WebhookSecrets.matchesHash(null, hash));
    }
}
