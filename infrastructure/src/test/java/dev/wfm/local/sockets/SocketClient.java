package dev.wfm.local.sockets;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.WebSocket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;

/** A client of the local WebSocket API, as an app connects: the JDK's WebSocket, every message kept in arrival order. */
final class SocketClient implements AutoCloseable {
    private static final ObjectMapper MAPPER = new ObjectMapper();
    private static final HttpClient HTTP = HttpClient.newHttpClient();

    private final WebSocket socket;
    private final LinkedBlockingQueue<JsonNode> inbox;
    private final CompletableFuture<Integer> closed;

    private SocketClient(WebSocket socket, LinkedBlockingQueue<JsonNode> inbox, CompletableFuture<Integer> closed) {
        this.socket = socket;
        this.inbox = inbox;
        this.closed = closed;
    }

    /** Connects to the item with the token as the {@code token} query parameter. */
    static SocketClient connect(URI endpoint, String itemId, String token) {
        String query = "?itemId=" + URLEncoder.encode(itemId, StandardCharsets.UTF_8)
                + (token == null ? "" : "&token=" + URLEncoder.encode(token, StandardCharsets.UTF_8));
        return open(URI.create(endpoint + query), HTTP.newWebSocketBuilder());
    }

    /** Connects with the token in the subprotocols, as a browser must. */
    static SocketClient connectWithSubprotocol(URI endpoint, String itemId, String token) {
        return open(URI.create(endpoint + "?itemId=" + URLEncoder.encode(itemId, StandardCharsets.UTF_8)),
                HTTP.newWebSocketBuilder().subprotocols("wfm.bearer", token));
    }

    private static SocketClient open(URI uri, WebSocket.Builder builder) {
        LinkedBlockingQueue<JsonNode> inbox = new LinkedBlockingQueue<>();
        CompletableFuture<Integer> closed = new CompletableFuture<>();
        WebSocket.Listener listener = new WebSocket.Listener() {
            private final StringBuilder text = new StringBuilder();

            @Override
            public CompletionStage<?> onText(WebSocket webSocket, CharSequence data, boolean last) {
                text.append(data);
                if (last) {
                    try {
                        inbox.add(MAPPER.readTree(text.toString()));
                    } catch (Exception e) {
                        inbox.add(MAPPER.createObjectNode().put("unreadable", text.toString()));
                    }
                    text.setLength(0);
                }
                webSocket.request(1);
                return null;
            }

            @Override
            public CompletionStage<?> onClose(WebSocket webSocket, int statusCode, String reason) {
                closed.complete(statusCode);
                return null;
            }

            @Override
            public void onError(WebSocket webSocket, Throwable error) {
                closed.complete(-1);
            }
        };
        try {
            WebSocket socket = builder.connectTimeout(Duration.ofSeconds(30)).buildAsync(uri, listener).get(60, TimeUnit.SECONDS);
            return new SocketClient(socket, inbox, closed);
        } catch (java.util.concurrent.ExecutionException e) {
            throw e.getCause() instanceof RuntimeException runtime ? runtime : new CompletionException(e.getCause());
        } catch (InterruptedException | java.util.concurrent.TimeoutException e) {
            throw new IllegalStateException("connecting to " + uri + " failed", e);
        }
    }

    /** The HTTP status the upgrade was refused with; fails when it was accepted. */
    static int refusal(URI endpoint, String itemId, String token) {
        try {
            connect(endpoint, itemId, token).abort();
        } catch (CompletionException e) {
            if (e.getCause() instanceof java.net.http.WebSocketHandshakeException refused) {
                return refused.getResponse().statusCode();
            }
            throw e;
        }
        throw new AssertionError("the upgrade was accepted");
    }

    String subprotocol() {
        return socket.getSubprotocol();
    }

    void send(String json) {
        socket.sendText(json, true).join();
    }

    /** The next message that matches, within the bound; the ones passed over before it are dropped. */
    JsonNode await(Predicate<JsonNode> wanted, Duration within, String what) {
        long deadline = System.nanoTime() + within.toNanos();
        List<JsonNode> passed = new ArrayList<>();
        while (true) {
            long left = deadline - System.nanoTime();
            JsonNode message = null;
            try {
                message = left > 0 ? inbox.poll(left, TimeUnit.NANOSECONDS) : null;
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            if (message == null) {
                throw new AssertionError("No " + what + " within " + within.toSeconds() + " s; passed over " + passed);
            }
            if (wanted.test(message)) {
                return message;
            }
            passed.add(message);
        }
    }

    /** Every message that arrives within {@code window}. */
    List<JsonNode> drain(Duration window) {
        List<JsonNode> messages = new ArrayList<>();
        long deadline = System.nanoTime() + window.toNanos();
        while (System.nanoTime() < deadline) {
            try {
                JsonNode message = inbox.poll(Math.max(1, deadline - System.nanoTime()), TimeUnit.NANOSECONDS);
                if (message != null) {
                    messages.add(message);
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return messages;
            }
        }
        return messages;
    }

    /** Whether the server closed the connection within the bound. */
    boolean closedWithin(Duration bound) {
        try {
            closed.get(bound.toMillis(), TimeUnit.MILLISECONDS);
            return true;
        } catch (Exception notYet) {
            return false;
        }
    }

    /** Drops the TCP connection without a close handshake, as a client that went away. */
    void abort() {
        socket.abort();
    }

    @Override
    public void close() {
        if (!socket.isOutputClosed()) {
            socket.sendClose(WebSocket.NORMAL_CLOSURE, "bye").join();
        }
    }

    static Predicate<JsonNode> msgType(String type) {
        return message -> type.equals(message.path("msgType").asText());
    }

    static Predicate<JsonNode> msgType(String type, String stepId) {
        return message -> type.equals(message.path("msgType").asText())
                && stepId.equals(message.path("message").path("stepIds").path(0).asText());
    }
}
