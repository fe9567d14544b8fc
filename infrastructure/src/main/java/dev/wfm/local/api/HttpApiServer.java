package dev.wfm.local.api;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpExchange;
import dev.wfm.local.auth.DevTokens;
import dev.wfm.local.lambda.InProcessLambdas;
import dev.wfm.local.lambda.LambdaInvokeException;
import dev.wfm.local.lambda.LambdaResult;
import dev.wfm.local.runtime.LoopbackJetty;
import dev.wfm.local.template.HttpApiCors;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;
import java.util.Iterator;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.server.Handler;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;
import org.eclipse.jetty.server.handler.ErrorHandler;
import org.eclipse.jetty.util.Callback;

/**
 * The local HTTP API: matches a request against template.yaml's routes, checks the JWT as the
 * authorizer would, turns the request into an API Gateway HTTP API payload 2.0 event, runs the
 * route's function in-process and writes its response back. Errors the gateway itself raises
 * (unknown route, unreadable request, bad token, oversized body, function crash or timeout) use
 * the contract's error model.
 *
 * <p>Connections are Jetty's (already in the process for S3Proxy and DynamoDB Local), each request
 * seen as the JDK's {@link HttpExchange} ({@link JettyExchange}): the JDK's own server answers a
 * request line it cannot parse (a raw {@code {}} or a bad {@code %} escape in the path) with an
 * HTML page that nothing can replace, while Jetty hands every such refusal to an {@link ErrorHandler}.
 */
public final class HttpApiServer implements AutoCloseable {
    /** API Gateway's own request payload limit. */
    static final int MAX_PAYLOAD_BYTES = 10 * 1024 * 1024;
    /** An HTTP API's integration timeout: its default, and the most it allows. */
    public static final Duration INTEGRATION_TIMEOUT = Duration.ofSeconds(30);
    private static final ObjectMapper MAPPER = new ObjectMapper();
    private static final String URL_RULES = "a URL must percent-encode spaces, quotes and { } | \\ ^, and each % must begin a valid escape";

    private final RouteTable routes;
    private final DevTokens tokens;
    private final InProcessLambdas lambdas;
    private final Duration integrationTimeout;
    private final HttpApiCors cors;
    private Server server;

    public HttpApiServer(RouteTable routes, DevTokens tokens, InProcessLambdas lambdas, Duration integrationTimeout) {
        this(routes, tokens, lambdas, integrationTimeout, HttpApiCors.NONE);
    }

    /** With the template's CORS configuration, answered as API Gateway answers it. */
    public HttpApiServer(RouteTable routes, DevTokens tokens, InProcessLambdas lambdas, Duration integrationTimeout, HttpApiCors cors) {
        this.routes = routes;
        this.tokens = tokens;
        this.lambdas = lambdas;
        this.integrationTimeout = integrationTimeout;
        this.cors = cors;
    }

    public URI start(int port) throws Exception {
        ServerConnector connector = LoopbackJetty.connector("http-api", port);
        server = connector.getServer();
        connector.setAcceptQueueSize(128);
        // Longer than any request may take: Jetty must not fail a request whose function is still working.
        connector.setIdleTimeout(integrationTimeout.plusSeconds(30).toMillis());
        server.setHandler(new Handler.Abstract() {
            @Override
            public boolean handle(Request request, Response response, Callback callback) {
                JettyExchange exchange = new JettyExchange(request, response, callback);
                try {
                    serve(exchange);
                } catch (IOException | RuntimeException e) {
                    if (!exchange.answered()) {
                        callback.failed(e);
                    }
                }
                return true;
            }
        });
        server.setErrorHandler(new RefusedRequests());
        server.start();
        return URI.create("http://127.0.0.1:" + connector.getLocalPort());
    }

    @Override
    public void close() throws Exception {
        if (server != null) {
            server.stop();
        }
    }

    private void serve(HttpExchange exchange) throws IOException {
        try (exchange) {
            String origin = exchange.getRequestHeaders().getFirst("Origin");
            Reply reply;
            try {
                reply = isPreflight(exchange, origin) ? preflight(exchange, origin) : handle(exchange);
            } catch (RuntimeException e) {
                System.err.println("local HTTP API: " + e.getClass().getName() + ": " + e.getMessage());
                reply = Reply.error(500, "INTERNAL", "Internal Server Error");
            }
            if (cors.allows(origin)) {
                reply = reply.withCorsHeaders(origin, cors);
            }
            reply.writeTo(exchange);
        }
    }

    /** A browser's CORS preflight, which API Gateway answers itself once CORS is configured: no route, no token. */
    private boolean isPreflight(HttpExchange exchange, String origin) {
        return !cors.allowOrigins().isEmpty() && "OPTIONS".equalsIgnoreCase(exchange.getRequestMethod()) && origin != null
                && exchange.getRequestHeaders().getFirst("Access-Control-Request-Method") != null;
    }

    /** Allowed: 204 with what may be sent (its allow-origin added with every answer's); refused: 204 without CORS headers. */
    private Reply preflight(HttpExchange exchange, String origin) throws IOException {
        exchange.getRequestBody().readAllBytes();
        Map<String, String> headers = new java.util.LinkedHashMap<>();
        if (cors.allows(origin) && cors.allowsMethod(exchange.getRequestHeaders().getFirst("Access-Control-Request-Method"))) {
            headers.put("access-control-allow-methods", String.join(",", cors.allowMethods()));
            headers.put("access-control-allow-headers", String.join(",", cors.allowHeaders()).toLowerCase(java.util.Locale.ROOT));
            if (cors.maxAgeSeconds() > 0) {
                headers.put("access-control-max-age", Integer.toString(cors.maxAgeSeconds()));
            }
            return new Reply(204, headers, new byte[0]);
        }
        return new Reply(204, headers, new byte[0]).withoutCors();
    }

    private Reply handle(HttpExchange exchange) throws IOException {
        byte[] body = readBody(exchange.getRequestBody());
        if (body == null) {
            return Reply.error(413, "PAYLOAD_TOO_LARGE", "Request bodies are limited to " + MAX_PAYLOAD_BYTES + " bytes");
        }
        URI uri;
        try {
            uri = exchange.getRequestURI();
        } catch (IllegalArgumentException unparsable) {
            return Reply.error(400, "INVALID_ARGUMENT", "The request URL cannot be parsed: " + URL_RULES);
        }
        String method = exchange.getRequestMethod().toUpperCase(java.util.Locale.ROOT);
        Optional<RouteTable.Match> match = routes.match(method, uri.getPath());
        if (match.isEmpty()) {
            return Reply.error(404, "NOT_FOUND", "No route " + method + " " + uri.getRawPath());
        }
        Map<String, String> claims = Map.of();
        if (match.get().route().authorized()) {
            Optional<Map<String, String>> verified = bearer(exchange).flatMap(tokens::verify);
            if (verified.isEmpty()) {
                return Reply.error(401, "UNAUTHENTICATED", "A valid bearer token is required");
            }
            claims = verified.get();
        }
        ObjectNode event = ApiEvents.request(exchange, match.get(), claims, body);
        LambdaResult result;
        try {
            result = lambdas.start(match.get().function().logicalId(), MAPPER.writeValueAsBytes(event))
                    .get(integrationTimeout.toMillis(), TimeUnit.MILLISECONDS);
        } catch (TimeoutException e) {
            // API Gateway stops waiting and answers 503; the function runs on to its own Timeout.
            return Reply.error(503, "UNAVAILABLE", "The service did not answer within " + integrationTimeout.toSeconds()
                    + " seconds; try again later");
        } catch (LambdaInvokeException | ExecutionException e) {
            return Reply.error(500, "INTERNAL", "Internal Server Error");
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return Reply.error(500, "INTERNAL", "Internal Server Error");
        }
        if (result.functionError() != null) {
            System.err.println("local HTTP API: " + match.get().function().logicalId() + " failed: "
                    + new String(result.payload(), StandardCharsets.UTF_8));
            return Reply.error(500, "INTERNAL", "Internal Server Error");
        }
        return Reply.fromFunction(MAPPER.readTree(result.payload()));
    }

    private static Optional<String> bearer(HttpExchange exchange) {
        String header = exchange.getRequestHeaders().getFirst("Authorization");
        if (header == null || !header.regionMatches(true, 0, "Bearer ", 0, 7)) {
            return Optional.empty();
        }
        return Optional.of(header.substring(7).strip());
    }

    /** The body, or null when it exceeds the gateway's limit. */
    private static byte[] readBody(InputStream in) throws IOException {
        byte[] bytes = in.readNBytes(MAX_PAYLOAD_BYTES + 1);
        return bytes.length > MAX_PAYLOAD_BYTES ? null : bytes;
    }

    /**
     * What Jetty refuses before the gateway sees a request (an unparsable request line or URL,
     * oversized headers, an unknown HTTP version), answered in the error model. Such a refusal is
     * the client's doing, so a 5xx stays for failures of the server itself.
     */
    private static final class RefusedRequests extends ErrorHandler {
        @Override
        public boolean handle(Request request, Response response, Callback callback) {
            int status = request.getAttribute(ERROR_STATUS) instanceof Integer code ? code : 500;
            String reason = request.getAttribute(ERROR_MESSAGE) instanceof String text ? text : "Bad Request";
            Reply reply;
            if (status == 400) {
                reply = Reply.error(400, "INVALID_ARGUMENT", "The request cannot be parsed (" + reason + "). Its headers must be well formed, and "
                        + URL_RULES);
            } else if (status < 500 || status == 505) {
                reply = Reply.error(status == 505 ? 400 : status, status == 413 ? "PAYLOAD_TOO_LARGE" : "INVALID_ARGUMENT",
                        "The request was refused: " + reason);
            } else {
                reply = Reply.error(500, "INTERNAL", "Internal Server Error");
            }
            response.setStatus(reply.status());
            response.getHeaders().put(HttpHeader.CONTENT_TYPE, "application/json");
            response.write(true, ByteBuffer.wrap(reply.body()), callback);
            return true;
        }
    }

    /** What goes back to the HTTP client; {@code cors} false keeps CORS headers off a refused preflight. */
    private record Reply(int status, Map<String, String> headers, byte[] body, boolean cors) {
        Reply(int status, Map<String, String> headers, byte[] body) {
            this(status, headers, body, true);
        }

        Reply withoutCors() {
            return new Reply(status, headers, body, false);
        }

        Reply withCorsHeaders(String origin, HttpApiCors configuration) {
            if (!cors) {
                return this;
            }
            Map<String, String> withCors = new java.util.LinkedHashMap<>(headers);
            withCors.put("access-control-allow-origin", origin);
            withCors.put("vary", "Origin");
            if (!configuration.exposeHeaders().isEmpty()) {
                withCors.put("access-control-expose-headers", String.join(",", configuration.exposeHeaders()));
            }
            return new Reply(status, withCors, body, true);
        }

        static Reply error(int status, String code, String message) {
            ObjectNode body = MAPPER.createObjectNode().put("code", code).put("message", message);
            return new Reply(status, Map.of("content-type", "application/json"), body.toString().getBytes(StandardCharsets.UTF_8));
        }

        /**
         * A payload 2.0 function response: a {@code statusCode} object is used as is; anything
         * else is, as API Gateway does, a 200 JSON body.
         */
        static Reply fromFunction(JsonNode response) {
            if (response == null || !response.isObject() || !response.has("statusCode")) {
                return new Reply(200, Map.of("content-type", "application/json"),
                        String.valueOf(response).getBytes(StandardCharsets.UTF_8));
            }
            Map<String, String> headers = new java.util.LinkedHashMap<>();
            JsonNode headerNode = response.path("headers");
            for (Iterator<Map.Entry<String, JsonNode>> it = headerNode.fields(); it.hasNext(); ) {
                var header = it.next();
                headers.put(header.getKey(), header.getValue().asText());
            }
            JsonNode bodyNode = response.get("body");
            byte[] body = bodyNode == null || bodyNode.isNull() ? new byte[0]
                    : response.path("isBase64Encoded").asBoolean(false)
                    ? Base64.getDecoder().decode(bodyNode.asText())
                    : bodyNode.asText().getBytes(StandardCharsets.UTF_8);
            return new Reply(response.get("statusCode").asInt(500), headers, body);
        }

        void writeTo(HttpExchange exchange) throws IOException {
            headers.forEach((name, value) -> exchange.getResponseHeaders().set(name, value));
            boolean empty = body.length == 0;
            exchange.sendResponseHeaders(status, empty ? -1 : body.length);
            if (!empty) {
                exchange.getResponseBody().write(body);
            }
        }
    }
}
