package dev.wfm.local.api;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpExchange;
import java.net.URLDecoder;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;

/** Builds API Gateway HTTP API payload format 2.0 events, field for field as AWS sends them. */
final class ApiEvents {
    private static final ObjectMapper MAPPER = new ObjectMapper();
    private static final DateTimeFormatter REQUEST_TIME =
            DateTimeFormatter.ofPattern("dd/MMM/yyyy:HH:mm:ss Z", Locale.ENGLISH).withZone(ZoneOffset.UTC);

    private ApiEvents() {}

    static ObjectNode request(HttpExchange exchange, RouteTable.Match match, Map<String, String> claims, byte[] body) {
        Instant now = Instant.now();
        String rawQuery = exchange.getRequestURI().getRawQuery();
        ObjectNode event = MAPPER.createObjectNode();
        event.put("version", "2.0");
        event.put("routeKey", match.route().routeKey());
        event.put("rawPath", exchange.getRequestURI().getRawPath());
        event.put("rawQueryString", rawQuery == null ? "" : rawQuery);

        ObjectNode headers = event.putObject("headers");
        exchange.getRequestHeaders().forEach((name, values) -> {
            String lower = name.toLowerCase(Locale.ROOT);
            if (lower.equals("cookie")) {
                values.forEach(cookie -> List.of(cookie.split(";\\s*")).forEach(event.withArray("cookies")::add));
            } else {
                headers.put(lower, String.join(",", values));
            }
        });
        // As API Gateway does: the client's address appended, the scheme and port it was reached on set.
        String sourceIp = exchange.getRemoteAddress().getAddress().getHostAddress();
        headers.put("x-forwarded-for", headers.has("x-forwarded-for") ? headers.get("x-forwarded-for").asText() + ", " + sourceIp : sourceIp);
        headers.put("x-forwarded-proto", "http");
        headers.put("x-forwarded-port", Integer.toString(exchange.getLocalAddress().getPort()));

        Map<String, String> query = queryParameters(rawQuery);
        if (!query.isEmpty()) {
            ObjectNode queryNode = event.putObject("queryStringParameters");
            query.forEach(queryNode::put);
        }
        if (!match.pathParameters().isEmpty()) {
            ObjectNode pathNode = event.putObject("pathParameters");
            match.pathParameters().forEach(pathNode::put);
        }

        ObjectNode context = event.putObject("requestContext");
        context.put("accountId", "000000000000");
        context.put("apiId", "local");
        if (!claims.isEmpty()) {
            ObjectNode jwt = context.putObject("authorizer").putObject("jwt");
            ObjectNode claimsNode = jwt.putObject("claims");
            claims.forEach(claimsNode::put);
            jwt.putNull("scopes");
        }
        // API Gateway's domainName is the host alone; the port travels in x-forwarded-port.
        context.put("domainName", hostName(exchange.getRequestHeaders().getFirst("Host")));
        context.put("domainPrefix", "local");
        ObjectNode http = context.putObject("http");
        http.put("method", exchange.getRequestMethod().toUpperCase(Locale.ROOT));
        http.put("path", exchange.getRequestURI().getRawPath());
        http.put("protocol", exchange.getProtocol());
        http.put("sourceIp", sourceIp);
        String userAgent = exchange.getRequestHeaders().getFirst("User-Agent");
        http.put("userAgent", userAgent == null ? "" : userAgent);
        context.put("requestId", UUID.randomUUID().toString());
        context.put("routeKey", match.route().routeKey());
        context.put("stage", "$default");
        context.put("time", REQUEST_TIME.format(now));
        context.put("timeEpoch", now.toEpochMilli());

        if (body.length > 0) {
            String text = utf8Text(exchange.getRequestHeaders().getFirst("Content-Type"), body);
            event.put("body", text != null ? text : Base64.getEncoder().encodeToString(body));
            event.put("isBase64Encoded", text == null);
        } else {
            event.put("isBase64Encoded", false);
        }
        return event;
    }

    /** The Host header without its port ({@code [::1]:3000} is {@code [::1]}). */
    private static String hostName(String host) {
        if (host == null || host.isBlank()) {
            return "localhost";
        }
        int colon = host.lastIndexOf(':');
        return colon > host.lastIndexOf(']') ? host.substring(0, colon) : host;
    }

    /** Repeated query parameters are joined with commas, as API Gateway does. */
    private static Map<String, String> queryParameters(String rawQuery) {
        Map<String, String> parameters = new LinkedHashMap<>();
        if (rawQuery == null || rawQuery.isEmpty()) {
            return parameters;
        }
        for (String pair : rawQuery.split("&")) {
            if (pair.isEmpty()) {
                continue;
            }
            int equals = pair.indexOf('=');
            String name = decode(equals < 0 ? pair : pair.substring(0, equals));
            String value = equals < 0 ? "" : decode(pair.substring(equals + 1));
            parameters.merge(name, value, (first, second) -> first + "," + second);
        }
        return parameters;
    }

    private static String decode(String value) {
        try {
            return URLDecoder.decode(value, StandardCharsets.UTF_8);
        } catch (IllegalArgumentException malformed) {
            return value;
        }
    }

    /** Text bodies pass as text, as API Gateway does; binary (or non UTF-8) bodies as base64. */
    private static String utf8Text(String contentType, byte[] body) {
        String type = contentType == null ? "" : contentType.toLowerCase(Locale.ROOT);
        boolean textual = type.isEmpty() || type.startsWith("text/") || type.contains("json") || type.contains("xml")
                || type.contains("x-www-form-urlencoded") || type.contains("javascript");
        if (!textual) {
            return null;
        }
        try {
            return StandardCharsets.UTF_8.newDecoder().decode(ByteBuffer.wrap(body)).toString();
        } catch (CharacterCodingException notUtf8) {
            return null;
        }
    }
}
