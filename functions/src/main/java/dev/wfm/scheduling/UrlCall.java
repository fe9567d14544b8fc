package dev.wfm.scheduling;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.wfm.common.Json;
import dev.wfm.http.ApiException;
import dev.wfm.http.ErrorCode;
import dev.wfm.http.JsonFields;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * The {@code callUrl} task action: parameters {@code {url, method?, headers?, body?,
 * timeoutSeconds?}}. Only http and https; a 2xx answer succeeds, anything else (another status,
 * no answer within the timeout, a refused connection) fails with the reason. The call carries
 * {@code Idempotency-Key: task-{taskId}-{occurrence}} so a receiver can recognise a repeat.
 */
final class UrlCall {
    static final Set<String> METHODS = Set.of("GET", "POST", "PUT", "PATCH", "DELETE");
    static final int DEFAULT_TIMEOUT_SECONDS = 10;
    static final int MAX_TIMEOUT_SECONDS = 30;
    private static final int MAX_RESULT_CHARS = 2000;
    /** A task is one DynamoDB record (400 KB) with its call's body. */
    static final int MAX_BODY_CHARS = 100 * 1024;

    /** What a call answered. */
    record Outcome(boolean succeeded, ObjectNode result, String error) {}

    private final HttpClient http = HttpClient.newBuilder()
            .connectTimeout(Duration.ofSeconds(5))
            .followRedirects(HttpClient.Redirect.NEVER)
            .build();

    /** Checks the parameters of a callUrl task; answers them normalised. */
    static ObjectNode check(JsonNode parameters) {
        JsonFields.refuseUnknown(parameters, "parameters", "url", "method", "headers", "body", "timeoutSeconds");
        ObjectNode checked = Json.object();
        JsonNode url = parameters.get("url");
        if (url == null || !url.isTextual()) {
            throw ApiException.invalid("parameters.url is required: an http or https URL", "parameters.url");
        }
        URI uri;
        try {
            uri = URI.create(url.asText());
        } catch (IllegalArgumentException e) {
            throw ApiException.invalid("parameters.url is not a URL: " + e.getMessage(), "parameters.url");
        }
        String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
        if (!(scheme.equals("http") || scheme.equals("https")) || uri.getHost() == null) {
            throw ApiException.invalid("parameters.url must be an absolute http or https URL, but is '" + url.asText() + "'", "parameters.url");
        }
        checked.put("url", uri.toString());
        String method = parameters.path("method").asText("POST").toUpperCase(Locale.ROOT);
        if (!METHODS.contains(method)) {
            throw ApiException.invalid("parameters.method must be one of " + METHODS.stream().sorted().toList() + ", not '" + method + "'",
                    "parameters.method");
        }
        checked.put("method", method);
        JsonNode headers = parameters.get("headers");
        if (headers != null && !headers.isNull()) {
            if (!headers.isObject()) {
                throw ApiException.invalid("parameters.headers must be an object of header names to string values", "parameters.headers");
            }
            for (Iterator<Map.Entry<String, JsonNode>> fields = headers.fields(); fields.hasNext(); ) {
                Map.Entry<String, JsonNode> header = fields.next();
                if (!header.getValue().isTextual() || !header.getKey().matches("[A-Za-z0-9-]{1,100}")) {
                    throw ApiException.invalid("parameters.headers." + header.getKey() + " must be a header name with a string value",
                            "parameters.headers");
                }
            }
            checked.set("headers", headers.deepCopy());
        }
        if (parameters.has("body") && !parameters.get("body").isNull()) {
            int size = Json.write(parameters.get("body")).length();
            if (size > MAX_BODY_CHARS) {
                throw new ApiException(ErrorCode.PAYLOAD_TOO_LARGE, "parameters.body is " + size + " characters; a call's body is stored "
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

    /** Makes the call described by checked parameters; never throws. */
    Outcome call(JsonNode parameters, String idempotencyKey) {
        try {
            JsonNode body = parameters.get("body");
            String text = body == null ? null : body.isTextual() ? body.asText() : Json.write(body);
            HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(parameters.path("url").asText()))
                    .timeout(Duration.ofSeconds(parameters.path("timeoutSeconds").asInt(DEFAULT_TIMEOUT_SECONDS)))
                    .method(parameters.path("method").asText("POST"),
                            text == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(text))
                    .header("Idempotency-Key", idempotencyKey);
            if (text != null && !body.isTextual()) {
                request.header("Content-Type", "application/json");
            }
            parameters.path("headers").fields().forEachRemaining(header -> request.header(header.getKey(), header.getValue().asText()));
            HttpResponse<String> response = http.send(request.build(), HttpResponse.BodyHandlers.ofString());
            ObjectNode result = Json.object().put("statusCode", response.statusCode());
            String answer = response.body() == null ? "" : response.body();
            result.put("body", answer.length() > MAX_RESULT_CHARS ? answer.substring(0, MAX_RESULT_CHARS) : answer);
            boolean ok = response.statusCode() / 100 == 2;
            return new Outcome(ok, result, ok ? null : "The URL answered HTTP " + response.statusCode());
        } catch (IOException | IllegalArgumentException e) {
            return new Outcome(false, null, "The call failed: " + e.getClass().getSimpleName() + (e.getMessage() == null ? "" : ": " + e.getMessage()));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return new Outcome(false, null, "The call was interrupted");
        }
    }
}
