package dev.wfm.webhooks;

import dev.wfm.common.Digests;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.Base64;
import javax.crypto.Cipher;
import javax.crypto.Mac;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.SecretKeySpec;

/**
 * Webhook secrets at rest. A shared-secret webhook keeps only the secret's SHA-256 (the secret
 * is high-entropy, so a plain hash is enough and a leaked table reveals nothing usable). An HMAC
 * webhook must compute signatures with the secret itself, so it keeps it encrypted with AES-GCM
 * under a key derived (SHA-256) from the function's {@code WEBHOOK_SECRET_KEY}, bound to the
 * webhook's id as associated data so a ciphertext cannot be moved to another webhook.
 */
public final class WebhookSecrets {
    private static final SecureRandom RANDOM = new SecureRandom();
    private static final int IV_BYTES = 12;
    private static final int TAG_BITS = 128;

    private final SecretKeySpec key;

    public WebhookSecrets(String masterKey) {
        this.key = masterKey == null || masterKey.isBlank() ? null : new SecretKeySpec(Digests.sha256(masterKey.getBytes(StandardCharsets.UTF_8)), "AES");
    }

    /** A new secret: 32 random bytes, URL-safe base64, prefixed so it is recognisable in a sender's settings. */
    public static String newSecret() {
        byte[] bytes = new byte[32];
        RANDOM.nextBytes(bytes);
        return "whsec_" + Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }

    public static String hash(String secret) {
        return Digests.sha256Hex(secret);
    }

    /** Whether the presented secret hashes to the stored hash, compared in constant time. */
    public static boolean matchesHash(String presented, String storedHash) {
        return presented != null && storedHash != null && MessageDigest.isEqual(
                hash(presented).getBytes(StandardCharsets.US_ASCII), storedHash.getBytes(StandardCharsets.US_ASCII));
    }

    public String encrypt(String secret, String webhookId) {
        try {
            byte[] iv = new byte[IV_BYTES];
            RANDOM.nextBytes(iv);
            Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
            cipher.init(Cipher.ENCRYPT_MODE, requireKey(), new GCMParameterSpec(TAG_BITS, iv));
            cipher.updateAAD(webhookId.getBytes(StandardCharsets.UTF_8));
            byte[] sealed = cipher.doFinal(secret.getBytes(StandardCharsets.UTF_8));
            return Base64.getEncoder().encodeToString(ByteBuffer.allocate(iv.length + sealed.length).put(iv).put(sealed).array());
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("AES-GCM is unavailable", e);
        }
    }

    public String decrypt(String stored, String webhookId) {
        try {
            byte[] all = Base64.getDecoder().decode(stored);
            Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
            cipher.init(Cipher.DECRYPT_MODE, requireKey(), new GCMParameterSpec(TAG_BITS, all, 0, IV_BYTES));
            cipher.updateAAD(webhookId.getBytes(StandardCharsets.UTF_8));
            return new String(cipher.doFinal(all, IV_BYTES, all.length - IV_BYTES), StandardCharsets.UTF_8);
        } catch (GeneralSecurityException | IllegalArgumentException e) {
            // A changed WEBHOOK_SECRET_KEY: the webhook's secret must be rotated. The cause stays out of the message.
            throw new IllegalStateException("The stored secret of webhook " + webhookId + " cannot be decrypted with the current key");
        }
    }

    public static byte[] hmacSha256(String secret, byte[] message) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
            return mac.doFinal(message);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HMAC-SHA256 is unavailable", e);
        }
    }

    private SecretKeySpec requireKey() {
        if (key == null) {
            throw new IllegalStateException("WEBHOOK_SECRET_KEY is not set; template.yaml passes the WebhookSecretKey parameter");
        }
        return key;
    }
}
