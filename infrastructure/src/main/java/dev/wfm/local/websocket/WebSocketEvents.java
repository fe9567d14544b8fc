package dev.wfm.local.websocket;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;

/**
 * API Gateway WebSocket events ({@code APIGatewayV2WebSocketEvent}), field for field as AWS sends
 * them: CONNECT with the upgrade request's headers and query parameters, MESSAGE with the frame's
 * text as the body, DISCONNECT with the close status; each with its request context (route key,
 * event type, connection id and its connect time, domain name, stage, request and message ids).
 */
final class WebSocketEvents {
    private static final ObjectMapper MAPPER = new ObjectMapper();
    private static final DateTimeFormatter REQUEST_TIME =
            DateTimeFormatter.ofPattern("dd/MMM/yyyy:HH:mm:ss Z", Locale.ENGLISH).withZone(ZoneOffset.UTC);

    /** Where the connection came from, kept for its events and for {@code GET @connections/{id}}. */
    record Origin(String connectionId, Instant connectedAt, String domainName, String stage, String sourceIp, String userAgent) {}

    private WebSocketEvents() {}

    static ObjectNode connect(Origin origin, Map<String, List<String>> headers, Map<String, List<String>> query) {
        ObjectNode event = base(origin, "$connect", "CONNECT");
        ObjectNode single = event.putObject("headers");
        ObjectNode multi = event.putObject("multiValueHeaders");
        headers.forEach((name, values) -> {
            single.put(name, String.join(",", values));
            values.forEach(multi.putArray(name)::add);
        });
        if (!query.isEmpty()) {
            ObjectNode singleQuery = event.putObject("queryStringParameters");
            ObjectNode multiQuery = event.putObject("multiValueQueryStringParameters");
            query.forEach((name, values) -> {
                singleQuery.put(name, values.get(values.size() - 1));
                values.forEach(multiQuery.putArray(name)::add);
            });
        }
        return event;
    }

    static ObjectNode message(Origin origin, String routeKey, String body) {
        ObjectNode event = base(origin, routeKey, "MESSAGE");
        ((ObjectNode) event.get("requestContext")).put("messageId", UUID.randomUUID().toString());
        event.put("body", body);
        return event;
    }

    static ObjectNode disconnect(Origin origin, int statusCode, String reason) {
        ObjectNode event = base(origin, "$disconnect", "DISCONNECT");
        ((ObjectNode) event.get("requestContext")).put("disconnectStatusCode", statusCode).put("disconnectReason", reason == null ? "" : reason);
        return event;
    }

    private static ObjectNode base(Origin origin, String routeKey, String eventType) {
        Instant now = Instant.now();
        ObjectNode event = MAPPER.createObjectNode();
        ObjectNode context = event.putObject("requestContext");
        context.put("routeKey", routeKey);
        context.put("eventType", eventType);
        context.put("messageDirection", "IN");
        context.put("extendedRequestId", UUID.randomUUID().toString());
        context.put("requestId", UUID.randomUUID().toString());
        context.put("requestTime", REQUEST_TIME.format(now));
        context.put("requestTimeEpoch", now.toEpochMilli());
        context.put("stage", origin.stage());
        context.put("connectedAt", origin.connectedAt().toEpochMilli());
        context.put("connectionId", origin.connectionId());
        context.put("domainName", origin.domainName());
        context.put("apiId", "local");
        ObjectNode identity = context.putObject("identity");
        identity.put("sourceIp", origin.sourceIp());
        identity.put("userAgent", origin.userAgent());
        event.put("isBase64Encoded", false);
        return event;
    }
}
