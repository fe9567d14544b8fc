package dev.wfm.local.websocket;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.wfm.local.lambda.InProcessLambdas;
import dev.wfm.local.lambda.LambdaInvokeException;
import dev.wfm.local.lambda.LambdaResult;
import dev.wfm.local.runtime.LoopbackJetty;
import dev.wfm.local.template.WebSocketApiSpec;
import java.net.URI;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import org.eclipse.jetty.http.HttpField;
import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.io.Content;
import org.eclipse.jetty.server.Handler;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;
import org.eclipse.jetty.util.Callback;
import org.eclipse.jetty.util.Fields;
import org.eclipse.jetty.websocket.api.Session;
import org.eclipse.jetty.websocket.server.ServerUpgradeRequest;
import org.eclipse.jetty.websocket.server.ServerUpgradeResponse;
import org.eclipse.jetty.websocket.server.WebSocketUpgradeHandler;

/**
 * The local WebSocket API, following API Gateway's WebSocket contract so the function code is the
 * one that runs on AWS. Clients connect at {@code ws://127.0.0.1:{port}/{stage}}: the upgrade runs
 * the {@code $connect} route's function (a real {@code APIGatewayV2WebSocketEvent} with the request's
 * headers and query parameters) and is refused with its status unless it answers 2xx, selecting
 * the subprotocol it names in {@code Sec-WebSocket-Protocol}. Each text frame is routed on the
 * route selection expression ({@code $request.body.action}: the JSON body's {@code action} naming a
 * route, else {@code $default}); a close runs {@code $disconnect}. Functions invoked in-process, on
 * threads of their own, as Lambda runs concurrent invocations.
 *
 * <p>The same port serves the {@code @connections} management API at
 * {@code http://127.0.0.1:{port}/{stage}/@connections/{connectionId}}: {@code POST} sends the body
 * as one text message, {@code GET} describes the connection, {@code DELETE} closes it; a connection
 * that is not open answers 410 {@code GoneException}, as AWS does, so the SDK's
 * {@code ApiGatewayManagementApiClient}, pointed here, behaves as it does on AWS. Connections idle
 * for 10 minutes are closed, as API Gateway closes them.
 */
public final class LocalWebSocketApi implements AutoCloseable {
    /** API Gateway's idle timeout of a WebSocket connection. */
    static final Duration IDLE_TIMEOUT = Duration.ofMinutes(10);
    /** API Gateway's integration timeout. */
    static final Duration INTEGRATION_TIMEOUT = Duration.ofSeconds(29);
    /** API Gateway's largest WebSocket message. */
    static final int MAX_MESSAGE_BYTES = 128 * 1024;
    private static final ObjectMapper MAPPER = new ObjectMapper();
    private static final SecureRandom RANDOM = new SecureRandom();
    private static final String ID_CHARACTERS = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789";

    private final WebSocketApiSpec api;
    private final InProcessLambdas lambdas;
    private final Map<String, LocalConnection> open = new ConcurrentHashMap<>();
    private Server server;
    private int port;

    public LocalWebSocketApi(WebSocketApiSpec api, InProcessLambdas lambdas) {
        this.api = api;
        this.lambdas = lambdas;
    }

    /** Listens on loopback; answers the clients' URL ({@code ws://.../{stage}}). */
    public URI start(int requestedPort) throws Exception {
        ServerConnector connector = LoopbackJetty.connector("websocket-api", requestedPort);
        server = connector.getServer();
        WebSocketUpgradeHandler upgrades = WebSocketUpgradeHandler.from(server, container -> {
            container.setIdleTimeout(IDLE_TIMEOUT);
            container.setMaxTextMessageSize(MAX_MESSAGE_BYTES);
            container.addMapping("/" + api.stage(), this::connect);
        });
        upgrades.setHandler(new Handler.Abstract() {
            @Override
            public boolean handle(Request request, Response response, Callback callback) {
                serveManagement(request, response, callback);
                return true;
            }
        });
        server.setHandler(upgrades);
        server.start();
        port = connector.getLocalPort();
        return URI.create("ws://127.0.0.1:" + port + "/" + api.stage());
    }

    /** The management endpoint the functions' {@code ApiGatewayManagementApiClient} is pointed at. */
    public URI managementEndpoint() {
        return URI.create("http://127.0.0.1:" + port + "/" + api.stage());
    }

    @Override
    public void close() throws Exception {
        if (server != null) {
            server.stop();
        }
    }

    /** The upgrade: {@code $connect} decides; null (with the refusal written) when it refuses. */
    private Object connect(ServerUpgradeRequest request, ServerUpgradeResponse response, Callback callback) throws Exception {
        String connectionId = newConnectionId();
        String host = request.getHeaders().get(HttpHeader.HOST);
        WebSocketEvents.Origin origin = new WebSocketEvents.Origin(connectionId, Instant.now(),
                host == null ? "127.0.0.1" : host.replaceFirst(":\\d+$", ""), api.stage(), Request.getRemoteAddr(request),
                String.valueOf(request.getHeaders().get(HttpHeader.USER_AGENT)));
        Map<String, List<String>> headers = new LinkedHashMap<>();
        for (HttpField field : request.getHeaders()) {
            headers.computeIfAbsent(field.getName(), name -> new ArrayList<>()).add(field.getValue());
        }
        Map<String, List<String>> query = new LinkedHashMap<>();
        Fields fields = Request.extractQueryParameters(request, StandardCharsets.UTF_8);
        fields.forEach(field -> query.put(field.getName(), field.getValues()));
        JsonNode answer = invoke("$connect", WebSocketEvents.connect(origin, headers, query));
        int status = answer == null ? 500 : answer.path("statusCode").asInt(200);
        if (status < 200 || status > 299) {
            refuse(response, callback, status, answer == null ? null : answer.path("body").asText(null));
            return null;
        }
        String protocol = answer.path("headers").path("Sec-WebSocket-Protocol").asText(null);
        if (protocol != null) {
            response.setAcceptedSubProtocol(protocol);
        }
        return new LocalConnection(origin);
    }

    private static void refuse(Response response, Callback callback, int status, String body) {
        response.setStatus(status);
        byte[] bytes = (body == null ? "{\"message\":\"Forbidden\"}" : body).getBytes(StandardCharsets.UTF_8);
        response.getHeaders().put(HttpHeader.CONTENT_TYPE, "application/json");
        response.write(true, ByteBuffer.wrap(bytes), callback);
    }

    /** Runs the route's function and answers its response, or null when it failed (API Gateway then answers 500). */
    private JsonNode invoke(String routeKey, ObjectNode event) {
        String function = api.functionsByRoute().get(routeKey);
        if (function == null) {
            return null;
        }
        try {
            LambdaResult result = lambdas.start(function, MAPPER.writeValueAsBytes(event))
                    .get(INTEGRATION_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
            if (result.functionError() != null) {
                System.err.println("local WebSocket API: " + function + " failed on " + routeKey + ": "
                        + new String(result.payload(), StandardCharsets.UTF_8));
                return null;
            }
            return MAPPER.readTree(result.payload());
        } catch (LambdaInvokeException | java.util.concurrent.TimeoutException | java.util.concurrent.ExecutionException
                 | java.io.IOException e) {
            System.err.println("local WebSocket API: " + routeKey + " was not answered: " + e.getMessage());
            return null;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return null;
        }
    }

    /** The route a message takes: the JSON body's {@code action} when a route has that key, else {@code $default}. */
    String routeOf(String body) {
        try {
            JsonNode message = MAPPER.readTree(body);
            String action = message != null && message.path("action").isTextual() ? message.get("action").asText() : null;
            if (action != null && !action.startsWith("$") && api.functionsByRoute().containsKey(action)) {
                return action;
            }
        } catch (java.io.IOException notJson) {
            // $default
        }
        return "$default";
    }

    /** {@code POST|GET|DELETE /{stage}/@connections/{connectionId}}. */
    private void serveManagement(Request request, Response response, Callback callback) {
        String prefix = "/" + api.stage() + "/@connections/";
        String path = request.getHttpURI().getDecodedPath();
        if (!path.startsWith(prefix)) {
            reply(response, callback, 404, "NotFoundException", "{\"message\":\"No resource " + path + "\"}");
            return;
        }
        LocalConnection connection = open.get(path.substring(prefix.length()));
        if (connection == null) {
            reply(response, callback, 410, "GoneException", "{\"message\":\"The connection is gone\"}");
            return;
        }
        switch (request.getMethod()) {
            case "POST" -> Content.Source.asByteBufferAsync(request).whenComplete((body, error) -> {
                if (error != null) {
                    reply(response, callback, 400, "BadRequestException", "{\"message\":\"The body could not be read\"}");
                    return;
                }
                connection.send(StandardCharsets.UTF_8.decode(body).toString()).whenComplete((sent, failed) -> {
                    if (failed != null) {
                        reply(response, callback, 410, "GoneException", "{\"message\":\"The connection is gone\"}");
                    } else {
                        reply(response, callback, 200, null, null);
                    }
                });
            });
            case "GET" -> reply(response, callback, 200, null, connection.description());
            case "DELETE" -> {
                connection.closeByServer();
                reply(response, callback, 204, null, null);
            }
            default -> reply(response, callback, 405, "BadRequestException", "{\"message\":\"Method not allowed\"}");
        }
    }

    private static void reply(Response response, Callback callback, int status, String errorType, String json) {
        response.setStatus(status);
        if (errorType != null) {
            response.getHeaders().put("x-amzn-ErrorType", errorType);
        }
        if (json == null) {
            response.write(true, null, callback);
            return;
        }
        response.getHeaders().put(HttpHeader.CONTENT_TYPE, "application/json");
        response.write(true, ByteBuffer.wrap(json.getBytes(StandardCharsets.UTF_8)), callback);
    }

    private static String newConnectionId() {
        StringBuilder id = new StringBuilder();
        for (int i = 0; i < 16; i++) {
            id.append(ID_CHARACTERS.charAt(RANDOM.nextInt(ID_CHARACTERS.length())));
        }
        return id.toString();
    }

    /** One client's connection, open once the upgrade completed; its frames become MESSAGE events (public: Jetty calls it by reflection). */
    public final class LocalConnection implements Session.Listener.AutoDemanding {
        private final WebSocketEvents.Origin origin;
        private volatile Session session;
        private volatile Instant lastActiveAt;

        LocalConnection(WebSocketEvents.Origin origin) {
            this.origin = origin;
            this.lastActiveAt = origin.connectedAt();
        }

        @Override
        public void onWebSocketOpen(Session session) {
            this.session = session;
            open.put(origin.connectionId(), this);
        }

        @Override
        public void onWebSocketText(String message) {
            lastActiveAt = Instant.now();
            String routeKey = routeOf(message);
            // each message on a thread of its own, as concurrent invocations: the connection reads on
            CompletableFuture.runAsync(() -> invoke(routeKey, WebSocketEvents.message(origin, routeKey, message)));
        }

        @Override
        public void onWebSocketClose(int statusCode, String reason) {
            if (open.remove(origin.connectionId()) != null) {
                CompletableFuture.runAsync(() -> invoke("$disconnect", WebSocketEvents.disconnect(origin, statusCode, reason)));
            }
        }

        CompletableFuture<Void> send(String text) {
            CompletableFuture<Void> sent = new CompletableFuture<>();
            Session current = session;
            if (current == null || !current.isOpen()) {
                sent.completeExceptionally(new IllegalStateException("closed"));
                return sent;
            }
            current.sendText(text, org.eclipse.jetty.websocket.api.Callback.from(() -> sent.complete(null), sent::completeExceptionally));
            return sent;
        }

        void closeByServer() {
            Session current = session;
            if (current != null) {
                current.close(1000, "Goodbye", org.eclipse.jetty.websocket.api.Callback.NOOP);
            }
        }

        /** As {@code GetConnection} answers. */
        String description() {
            ObjectNode body = MAPPER.createObjectNode();
            body.put("ConnectedAt", origin.connectedAt().toString());
            body.putObject("Identity").put("SourceIp", origin.sourceIp()).put("UserAgent", origin.userAgent());
            body.put("LastActiveAt", lastActiveAt.toString());
            return body.toString();
        }
    }
}
