package dev.wfm.http;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import dev.wfm.common.Digests;
import dev.wfm.common.Json;
import dev.wfm.common.Refusal;
import dev.wfm.security.Identity;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * An HTTP request as the domain-facing code sees it: no API Gateway types past this point. The
 * body is kept as the bytes sent ({@code null} when there was none), so files pass unchanged.
 * {@code domainName} is the API's own host name as API Gateway reports it (requestContext).
 */
public record ApiRequest(
        String routeKey,
        Map<String, String> pathParameters,
        Map<String, String> query,
        Map<String, String> headers,
        byte[] rawBody,
        Identity identity,
        String domainName) {

    private static final Pattern PATH_PARAMETER = Pattern.compile("\\{([^}]+)}");

    public ApiRequest {
        pathParameters = Map.copyOf(pathParameters);
        query = Map.copyOf(query);
        headers = Map.copyOf(headers);
    }

    public String pathParameter(String name) {
        String value = pathParameters.get(name);
        if (value == null || value.isBlank()) {
            throw Refusal.invalid("Path parameter '" + name + "' is missing", name);
        }
        return value;
    }

    public Optional<String> queryParameter(String name) {
        return Optional.ofNullable(query.get(name));
    }

    /** A page's size from {@code ?limit=}: a whole number from 1 to {@code max}, {@code absent} when not given. */
    public int limit(int absent, int max) {
        return queryParameter("limit").map(text -> {
            if (!text.matches("[0-9]{1,4}") || Integer.parseInt(text) < 1 || Integer.parseInt(text) > max) {
                throw Refusal.invalid("limit must be a whole number from 1 to " + max, "limit");
            }
            return Integer.parseInt(text);
        }).orElse(absent);
    }

    /** Header lookup is case-insensitive, as HTTP wants: the headers are stored lower-cased. */
    public Optional<String> header(String name) {
        return Optional.ofNullable(headers.get(name.toLowerCase(Locale.ROOT)));
    }

    /** The request's path as sent: its route's path with the path parameters put in (each URL-encoded). */
    public String path() {
        String template = routeKey.substring(routeKey.indexOf(' ') + 1);
        StringBuilder path = new StringBuilder();
        Matcher parameter = PATH_PARAMETER.matcher(template);
        while (parameter.find()) {
            String value = pathParameters.getOrDefault(parameter.group(1), "");
            parameter.appendReplacement(path, Matcher.quoteReplacement(URLEncoder.encode(value, StandardCharsets.UTF_8).replace("+", "%20")));
        }
        return parameter.appendTail(path).toString();
    }

    /**
     * The API's base URL as its callers reach it: API Gateway's domain name with the scheme and
     * port it forwards in {@code X-Forwarded-Proto} and {@code X-Forwarded-Port} (https on 443
     * when they are absent; a default port is left out).
     */
    public String baseUrl() {
        String scheme = lastForwarded("X-Forwarded-Proto").map(value -> value.toLowerCase(Locale.ROOT))
                .filter(value -> value.equals("http") || value.equals("https")).orElse("https");
        String port = lastForwarded("X-Forwarded-Port").filter(value -> value.matches("[0-9]{1,5}")).orElse(null);
        boolean defaultPort = port == null || port.equals(scheme.equals("https") ? "443" : "80");
        String host = domainName != null && !domainName.isBlank() ? domainName : header("Host").orElse("localhost");
        return scheme + "://" + host + (defaultPort ? "" : ":" + port);
    }

    /**
     * A digest of what the request asks: its route key, path parameters and body, a JSON body in
     * canonical form (keys sorted, no insignificant whitespace). Equal fingerprints, equal requests.
     */
    public String fingerprint() {
        String body = Objects.requireNonNullElse(body(), "");
        try {
            body = body.isBlank() ? "" : Json.canonical(Json.read(body));
        } catch (JsonProcessingException notJson) {
            // compared as sent
        }
        return Digests.sha256Hex(routeKey + "\n" + new TreeMap<>(pathParameters) + "\n" + body);
    }

    /** A proxy header's value as the nearest proxy set it (the last of a comma-separated list). */
    private Optional<String> lastForwarded(String name) {
        return header(name).map(value -> value.substring(value.lastIndexOf(',') + 1).strip()).filter(value -> !value.isEmpty());
    }

    /** The body as UTF-8 text, or null when there was none. */
    public String body() {
        return rawBody == null ? null : new String(rawBody, StandardCharsets.UTF_8);
    }

    /** The body as a JSON object; anything else is the caller's mistake, never a 500. */
    public JsonNode jsonBody() {
        JsonNode node = jsonValue("a JSON object");
        if (node == null || !node.isObject()) {
            throw Refusal.invalid("Expected a JSON object as the request body", "body");
        }
        return node;
    }

    /** The body as any JSON value (a JSON Patch is an array), {@code expected} naming what the route takes in errors. */
    public JsonNode jsonValue(String expected) {
        String body = body();
        if (body == null || body.isBlank()) {
            throw Refusal.invalid("Expected " + expected + " as the request body, but the body is empty", "body");
        }
        JsonNode node;
        try {
            node = Json.read(body);
        } catch (JsonProcessingException e) {
            // Where, not the parser's own wording: that is a library's exception text.
            String at = e.getLocation() == null ? "" : " at line " + e.getLocation().getLineNr() + ", column " + e.getLocation().getColumnNr();
            throw Refusal.invalid("The request body is not valid JSON: it breaks off or has an unexpected character" + at
                    + ". Send " + expected + ".", "body");
        }
        return node;
    }
}
