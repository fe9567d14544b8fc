package dev.wfm.outbound;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.wfm.webhooks.WebhookSecrets;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Headers of outbound calls (web request steps, callUrl tasks) that carry secrets. A header value
 * is a string, or {@code {"value": "...", "secret": true}}; headers named like credentials
 * ({@code Authorization}, {@code Cookie}, {@code X-Api-Key}, anything with "token", "secret",
 * "password", "api-key", "apikey" or "credential" in its name) are secret either way.
 *
 * <p>At rest a secret is {@code {"secret": true, "sealed": "..."}}: encrypted with the webhook
 * secrets' AES-GCM key ({@link WebhookSecrets}, the {@code WebhookSecretKey} parameter), bound to
 * the item and the header name so a sealed value cannot be moved elsewhere. Opened, for the item's
 * admins and the worker that makes the call, it is {@code {"value": "...", "secret": true}};
 * everyone else sees {@code {"secret": true}}. Only the functions that show them to admins or make
 * the call open them; the others read the sealed form. Secrets never enter a state machine
 * definition or an execution: the worker reads them from the stored step when it calls.
 */
public final class SecretHeaders {
    /** The member of a stored secret header that holds its encrypted value. */
    public static final String SEALED = "sealed";
    private static final JsonNodeFactory JSON = JsonNodeFactory.instance;
    private static final List<String> CREDENTIAL_NAMES = List.of("authorization", "proxy-authorization", "cookie");
    private static final List<String> CREDENTIAL_WORDS = List.of("token", "secret", "password", "api-key", "apikey", "credential");

    private final WebhookSecrets cipher;

    public SecretHeaders(WebhookSecrets cipher) {
        this.cipher = cipher;
    }

    /** Whether a header of this name carries a credential, however it is written. */
    public static boolean credentialName(String name) {
        String lower = name.toLowerCase(Locale.ROOT);
        return CREDENTIAL_NAMES.contains(lower) || CREDENTIAL_WORDS.stream().anyMatch(lower::contains);
    }

    /** Whether the header is a secret: marked so, or named like a credential. */
    public static boolean secret(String name, JsonNode value) {
        return credentialName(name) || value.isObject() && value.path("secret").asBoolean(false);
    }

    /** The headers as stored: every secret's value encrypted. Headers that are not valid are left as they are. */
    public JsonNode sealed(String itemId, JsonNode headers) {
        return rewrite(headers, (name, value) -> {
            JsonNode clear = value.isObject() ? value.get("value") : value;
            if (!secret(name, value) || clear == null || !clear.isTextual()) {
                return value;
            }
            return JSON.objectNode().put("secret", true).put(SEALED, cipher.encrypt(clear.textValue(), context(itemId, name)));
        });
    }

    /** The headers with every secret readable: for the item's admins and for making the call. */
    public JsonNode opened(String itemId, JsonNode headers) {
        return rewrite(headers, (name, value) -> value.hasNonNull(SEALED)
                ? JSON.objectNode().put("value", open(itemId, name, value.path(SEALED).asText())).put("secret", true)
                : value);
    }

    /** The clear value of one sealed header. */
    public String open(String itemId, String name, String sealed) {
        return cipher.decrypt(sealed, context(itemId, name));
    }

    /** The headers with every secret's value left out: for everyone but the item's admins. */
    public static JsonNode masked(JsonNode headers) {
        return rewrite(headers, (name, value) -> secret(name, value) ? JSON.objectNode().put("secret", true) : value);
    }

    /** The clear value of an opened header, string or object form. */
    public static String value(JsonNode opened) {
        return opened.isObject() ? opened.path("value").asText() : opened.asText();
    }

    private interface Rewrite {
        JsonNode apply(String name, JsonNode value);
    }

    private static JsonNode rewrite(JsonNode headers, Rewrite rewrite) {
        if (headers == null || !headers.isObject()) {
            return headers;
        }
        ObjectNode out = JSON.objectNode();
        for (Map.Entry<String, JsonNode> header : headers.properties()) {
            out.set(header.getKey(), rewrite.apply(header.getKey(), header.getValue()));
        }
        return out;
    }

    private static String context(String itemId, String name) {
        return "header:" + itemId + ":" + name.toLowerCase(Locale.ROOT);
    }
}
