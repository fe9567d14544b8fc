package dev.wfm.local;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Map;

/** Drives the local cloud's HTTP API exactly as a client would. */
public final class ApiClient {
    private static final ObjectMapper MAPPER = new ObjectMapper();
    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    /** A status and the parsed JSON body (a missing node for an empty body). */
    public record Response(int status, JsonNode body) {
        public String code() {
            return body.path("code").asText(null);
        }

        /** The body of a 201 answer; any other status fails the test, showing the body. */
        public JsonNode created() {
            if (status != 201) {
                throw new AssertionError("expected 201 but got " + status + ": " + body);
            }
            return body;
        }
    }

    private final URI base;

    public ApiClient(URI base) {
        this.base = base;
    }

    public Response get(String path, String token) {
        return send("GET", path, token, null);
    }

    public Response post(String path, String token, String json) {
        return send("POST", path, token, json);
    }

    public Response send(String method, String path, String token, String json) {
        return send(method, path, token, json, Map.of());
    }

    /** With extra request headers, such as Idempotency-Key. */
    public Response send(String method, String path, String token, String json, Map<String, String> headers) {
        return exchange(method, path, token,
                json == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(json), json != null, headers);
    }

    public Response sendBytes(String method, String path, String token, byte[] body) {
        return exchange(method, path, token, HttpRequest.BodyPublishers.ofByteArray(body), true, Map.of());
    }

    /** Any body with its own Content-Type; the answer's bytes and headers as they came. */
    public HttpResponse<byte[]> raw(String method, String path, String token, String contentType, byte[] body) {
        HttpRequest.Builder request = HttpRequest.newBuilder(base.resolve(path))
                .timeout(Duration.ofSeconds(60))
                .method(method, body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofByteArray(body));
        if (contentType != null) {
            request.header("Content-Type", contentType);
        }
        if (token != null) {
            request.header("Authorization", "Bearer " + token);
        }
        try {
            return HTTP.send(request.build(), HttpResponse.BodyHandlers.ofByteArray());
        } catch (IOException e) {
            throw new IllegalStateException(method + " " + path + " failed: " + e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /** Parses a JSON answer got through {@link #raw}. */
    public static Response json(HttpResponse<byte[]> response) {
        try {
            byte[] body = response.body();
            return new Response(response.statusCode(), body.length == 0 ? MAPPER.missingNode() : MAPPER.readTree(body));
        } catch (IOException e) {
            throw new IllegalStateException("Not JSON: " + e.getMessage(), e);
        }
    }

    private Response exchange(String method, String path, String token, HttpRequest.BodyPublisher body, boolean json,
                              Map<String, String> headers) {
        HttpRequest.Builder request = HttpRequest.newBuilder(base.resolve(path))
                .timeout(Duration.ofSeconds(60))
                .method(method, body);
        headers.forEach(request::header);
        if (json && headers.keySet().stream().noneMatch("Content-Type"::equalsIgnoreCase)) {
            request.header("Content-Type", "application/json");
        }
        if (token != null) {
            request.header("Authorization", "Bearer " + token);
        }
        try {
            HttpResponse<String> response = HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString());
            String text = response.body();
            if (text == null || text.isEmpty()) {
                return new Response(response.statusCode(), MAPPER.missingNode());
            }
            // an answer that declares another type (a drawing, a file) is kept as its text; anything else must be JSON
            boolean other = response.headers().firstValue("content-type").filter(type -> !type.contains("json")).isPresent();
            return new Response(response.statusCode(), other ? MAPPER.getNodeFactory().textNode(text) : MAPPER.readTree(text));
        } catch (IOException e) {
            throw new IllegalStateException(method + " " + path + " failed: " + e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
