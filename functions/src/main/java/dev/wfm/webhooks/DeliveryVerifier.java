package dev.wfm.webhooks;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.wfm.common.Refusal;
import dev.wfm.http.ApiRequest;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Clock;
import java.time.Duration;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Proves a delivery came from whoever holds the webhook's secret. {@code secret} mode: the
 * {@code X-Webhook-Secret} header. {@code hmac} mode: {@code X-Webhook-Signature: sha256=<hex>}
 * over {@code timestamp + "." + raw body} with {@code X-Webhook-Timestamp} within
 * {@value #WINDOW_SECONDS} seconds of now (a captured request cannot be replayed later), or
 * ArcGIS-style {@code x-esriHook-Signature: sha256=<hex or base64>} over the raw body (such
 * senders carry no timestamp; deduplication still makes a replay create nothing). Every
 * comparison is constant-time.
 */
public final class DeliveryVerifier {
    static final long WINDOW_SECONDS = Duration.ofMinutes(5).toSeconds();

    private final WebhookSecrets secrets;
    private final Clock clock;

    public DeliveryVerifier(WebhookSecrets secrets, Clock clock) {
        this.secrets = secrets;
        this.clock = clock;
    }

    public void verify(String webhookId, ObjectNode webhook, ApiRequest request) {
        String body = java.util.Objects.requireNonNullElse(request.body(), "");
        if ("secret".equals(webhook.path("security").asText())) {
            if (!WebhookSecrets.matchesHash(request.header("X-Webhook-Secret").orElse(null), webhook.path("secretHash").asText(null))) {
                throw refused("The X-Webhook-Secret header is missing or wrong");
            }
            return;
        }
        String secret = secrets.decrypt(webhook.path("secretCipher").asText(), webhookId);
        Optional<String> signature = request.header("X-Webhook-Signature");
        if (signature.isPresent()) {
            String timestamp = request.header("X-Webhook-Timestamp")
                    .orElseThrow(() -> refused("X-Webhook-Signature needs X-Webhook-Timestamp (unix seconds)"));
            long sentAt;
            try {
                sentAt = Long.parseLong(timestamp.strip());
            } catch (NumberFormatException e) {
                throw refused("X-Webhook-Timestamp must be unix seconds");
            }
            if (Math.abs(clock.instant().getEpochSecond() - sentAt) > WINDOW_SECONDS) {
                throw refused("X-Webhook-Timestamp is more than " + WINDOW_SECONDS + " seconds away from now");
            }
            byte[] expected = WebhookSecrets.hmacSha256(secret, (timestamp.strip() + "." + body).getBytes(StandardCharsets.UTF_8));
            if (!matches(signature.get(), expected)) {
                throw refused("X-Webhook-Signature does not match");
            }
            return;
        }
        Optional<String> esri = request.header("x-esriHook-Signature");
        if (esri.isPresent() && matches(esri.get(), WebhookSecrets.hmacSha256(secret, body.getBytes(StandardCharsets.UTF_8)))) {
            return;
        }
        throw refused(esri.isPresent() ? "x-esriHook-Signature does not match" : "The X-Webhook-Signature header is missing");
    }

    /** {@code sha256=<hex or base64>} against the expected MAC, in constant time. */
    private static boolean matches(String header, byte[] expected) {
        String value = header.strip();
        if (!value.regionMatches(true, 0, "sha256=", 0, 7)) {
            return false;
        }
        value = value.substring(7);
        byte[] presented;
        try {
            presented = value.length() == 64 && value.chars().allMatch(c -> Character.digit(c, 16) >= 0)
                    ? HexFormat.of().parseHex(value)
                    : Base64.getDecoder().decode(value);
        } catch (IllegalArgumentException e) {
            return false;
        }
        return MessageDigest.isEqual(presented, expected);
    }

    private static Refusal refused(String message) {
        return new Refusal(Refusal.Kind.UNAUTHENTICATED, message, "signature", List.of(), Map.of());
    }
}
