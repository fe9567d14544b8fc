package dev.wfm.http;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import dev.wfm.common.Json;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.Optional;

/**
 * An HTTP request as the domain-facing code sees it: no API Gateway types past this point. The
 * body is kept as the bytes sent ({@code null} when there was none), so files pass unchanged.
 */
public record ApiRequest(
        String routeKey,
        Map<String, String> pathParameters,
        Map<String, String> query,
        Map<String, String> headers,
        byte[] rawBody,
        Identity identity) {

    public ApiRequest {
        pathParameters = Map.copyOf(pathParameters);
        query = Map.copyOf(query);
        headers = Map.copyOf(headers);
    }

    public String pathParameter(String name) {
        String value = pathParameters.get(name);
        if (value == null || value.isBlank()) {
            throw ApiException.invalid("Path parameter '" + name + "' is missing", name);
        }
        return value;
    }

    public Optional<String> queryParameter(String name) {
        return Optional.ofNullable(query.get(name));
    }

    /** Header lookup is case-insensitive, as HTTP wants: the headers are stored lower-cased. */
    public Optional<String> header(String name) {
        return Optional.ofNullable(headers.get(name.toLowerCase(java.util.Locale.ROOT)));
    }

    /** The body as UTF-8 text, or null when there was none. */
    public String body() {
        return rawBody == null ? null : new String(rawBody, StandardCharsets.UTF_8);
    }

    /** The body as a JSON object; anything else is the caller's mistake, never a 500. */
    public JsonNode jsonBody() {
        String body = body();
        if (body == null || body.isBlank()) {
            throw ApiException.invalid("Expected a JSON object as the request body, but the body is empty", "body");
        }
        JsonNode node;
        try {
            node = Json.read(body);
        } catch (JsonProcessingException e) {
            // Where, not the parser's own wording: that is a library's exception text.
            String at = e.getLocation() == null ? "" : " at line " + e.getLocation().getLineNr() + ", column " + e.getLocation().getColumnNr();
            throw ApiException.invalid("The request body is not valid JSON: it breaks off or has an unexpected character" + at
                    + ". Send a JSON object.", "body");
        }
        if (node == null || !node.isObject()) {
            throw ApiException.invalid("Expected a JSON object as the request body", "body");
        }
        return node;
    }
}
