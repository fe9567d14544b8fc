package dev.wfm.scheduling;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.wfm.common.Json;
import dev.wfm.common.JsonFields;
import dev.wfm.common.Refusal;
import dev.wfm.outbound.OutboundHttp;
import dev.wfm.outbound.OutboundPolicy;
import dev.wfm.outbound.SecretHeaders;
import java.net.URI;
import java.net.URISyntaxException;
import java.time.Duration;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * The {@code callUrl} task action: parameters {@code {url, method?, headers?, body?,
 * timeoutSeconds?}}. Only http and https, to addresses {@link OutboundPolicy} lets through; a
 * 2xx answer succeeds, anything else (another status, a redirect, no answer within the timeout,
 * a refused connection or address) fails with the reason. A header value is a string or
 * {@code {"value", "secret"}}; secret ones are stored sealed ({@link SecretHeaders}). The call
 * carries {@code Idempotency-Key: task-{taskId}-{occurrence}} so a receiver can recognise a repeat.
 */
final class UrlCall {
    static final Set<String> METHODS = Set.of("GET", "POST", "PUT", "PATCH", "DELETE");
    static final int DEFAULT_TIMEOUT_SECONDS = 10;
    /** A tick calls its due tasks side by side, so the SchedulerFunction's Timeout need only leave room above one call. */
    static final int MAX_TIMEOUT_SECONDS = 30;
    private static final int MAX_RESULT_CHARS = 2000;
    /** A task is one DynamoDB record (400 KB) with its call's body. */
    static final int MAX_BODY_CHARS = 100 * 1024;

    /** What a call answered. */
    record Outcome(boolean succeeded, ObjectNode result, String error) {}

    private final OutboundHttp http;

    UrlCall(OutboundHttp http) {
        this.http = http;
    }

    /** Checks the parameters of a callUrl task; answers them normalised. */
    static ObjectNode check(JsonNode parameters) {
        JsonFields.refuseUnknown(parameters, "parameters", "url", "method", "headers", "body", "timeoutSeconds");
        ObjectNode checked = Json.object();
        JsonNode url = parameters.get("url");
        if (url == null || !url.isTextual()) {
            throw Refusal.invalid("parameters.url is required: an http or https URL", "parameters.url");
        }
        URI uri;
        try {
            uri = new URI(url.asText());
        } catch (URISyntaxException e) {
            throw Refusal.invalid("parameters.url is not a URL: '" + url.asText() + "'. Write the full URL, e.g. https://example.org/run",
                    "parameters.url");
        }
        String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
        if (!(scheme.equals("http") || scheme.equals("https")) || uri.getHost() == null) {
            throw Refusal.invalid("parameters.url must be an absolute http or https URL, but is '" + url.asText() + "'", "parameters.url");
        }
        checked.put("url", uri.toString());
        String method = parameters.path("method").asText("POST").toUpperCase(Locale.ROOT);
        if (!METHODS.contains(method)) {
            throw Refusal.invalid("parameters.method must be one of " + METHODS.stream().sorted().toList() + ", not '" + method + "'",
                    "parameters.method");
        }
        checked.put("method", method);
        JsonNode headers = parameters.get("headers");
        if (headers != null && !headers.isNull()) {
            if (!headers.isObject()) {
                throw Refusal.invalid("parameters.headers must be an object of header names to string values", "parameters.headers");
            }
            for (Iterator<Map.Entry<String, JsonNode>> fields = headers.fields(); fields.hasNext(); ) {
                Map.Entry<String, JsonNode> header = fields.next();
                checkHeader(header.getKey(), header.getValue());
            }
            checked.set("headers", headers.deepCopy());
        }
        if (parameters.has("body") && !parameters.get("body").isNull()) {
            int size = Json.write(parameters.get("body")).length();
            if (size > MAX_BODY_CHARS) {
                throw new Refusal(Refusal.Kind.PAYLOAD_TOO_LARGE, "parameters.body is " + size + " characters; a call's body is stored "
                        + "with its task and holds at most " + MAX_BODY_CHARS, "parameters.body", List.of(), Map.of());
            }
            checked.set("body", parameters.get("body").deepCopy());
        }
        JsonNode timeout = parameters.get("timeoutSeconds");
        int seconds = timeout == null || timeout.isNull() ? DEFAULT_TIMEOUT_SECONDS
                : (int) JsonFields.wholeNumber(timeout, "parameters.timeoutSeconds", 1, MAX_TIMEOUT_SECONDS);
        checked.put("timeoutSeconds", seconds);
        return checked;
    }

    /** A header: a name, and a string or {@code {"value": "...", "secret": true|false}}. */
    private static void checkHeader(String name, JsonNode value) {
        String target = "parameters.headers." + name;
        if (!name.matches("[A-Za-z0-9-]{1,100}")) {
            throw Refusal.invalid(target + " is not a header name (letters, digits and '-', up to 100)", "parameters.headers");
        }
        if (value.isTextual()) {
            return;
        }
        if (!value.isObject() || !value.path("value").isTextual()
                || value.has("secret") && !value.get("secret").isBoolean()) {
            throw Refusal.invalid(target + " must be a string, or {\"value\": \"...\", \"secret\": true}", target);
        }
        JsonFields.refuseUnknown(value, target, "value", "secret");
    }

    /** Makes the call described by checked parameters, their secret headers opened; never throws. */
    Outcome call(JsonNode parameters, String idempotencyKey) {
        JsonNode body = parameters.get("body");
        String text = body == null ? null : body.isTextual() ? body.asText() : Json.write(body);
        Map<String, String> headers = new LinkedHashMap<>();
        headers.put("Idempotency-Key", idempotencyKey);
        if (text != null && !body.isTextual()) {
            headers.put("Content-Type", "application/json");
        }
        parameters.path("headers").properties().forEach(header -> headers.put(header.getKey(), SecretHeaders.value(header.getValue())));
        OutboundHttp.Call call = new OutboundHttp.Call(parameters.path("method").asText("POST"), URI.create(parameters.path("url").asText()),
                headers, text, Duration.ofSeconds(parameters.path("timeoutSeconds").asInt(DEFAULT_TIMEOUT_SECONDS)), false);
        OutboundHttp.Outcome outcome = http.send(call);
        if (outcome instanceof OutboundHttp.Failed failed) {
            return new Outcome(false, null, failed.message());
        }
        OutboundHttp.Answered answered = (OutboundHttp.Answered) outcome;
        String answer = answered.body();
        ObjectNode result = Json.object().put("statusCode", answered.status());
        result.put("body", answer.length() > MAX_RESULT_CHARS ? answer.substring(0, MAX_RESULT_CHARS) : answer);
        boolean ok = answered.status() / 100 == 2;
        return new Outcome(ok, result, ok ? null : answered.describedFor(call));
    }
}
