package dev.wfm.local;

import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A web service on loopback for the calls the system makes out (rules' web requests, callUrl
 * tasks): records every request it gets at {@code path} and answers {@code status} with a fixed body.
 */
public final class RecordingServer implements AutoCloseable {
    /** One request as received; header names in lower case. */
    public record Received(String method, String body, Map<String, String> headers) {
        public String header(String name) {
            return headers.get(name.toLowerCase(Locale.ROOT));
        }

        public String idempotencyKey() {
            return header("Idempotency-Key");
        }
    }

    public final List<Received> received = new CopyOnWriteArrayList<>();
    public final AtomicInteger status = new AtomicInteger(200);
    /** Headers every answer carries besides its body. */
    public final Map<String, String> answerHeaders = new java.util.concurrent.ConcurrentHashMap<>();
    private final HttpServer server;
    private final String host;
    private final String path;

    /** On {@code host}: 127.0.0.1, or another loopback address such as 127.0.0.2, which the outbound policy does not allow. */
    public RecordingServer(String host, String path, String answer) {
        this.host = host;
        this.path = path;
        try {
            server = HttpServer.create(new InetSocketAddress(host, 0), 16);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        server.setExecutor(Executors.newCachedThreadPool());
        byte[] answered = answer.getBytes(StandardCharsets.UTF_8);
        server.createContext(path, exchange -> {
            try (exchange) {
                Map<String, String> headers = new TreeMap<>();
                exchange.getRequestHeaders().forEach((name, values) -> headers.put(name.toLowerCase(Locale.ROOT), values.get(0)));
                received.add(new Received(exchange.getRequestMethod(),
                        new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8), headers));
                answerHeaders.forEach(exchange.getResponseHeaders()::add);
                exchange.sendResponseHeaders(status.get(), answered.length);
                exchange.getResponseBody().write(answered);
            }
        });
        server.start();
    }

    public String url() {
        return "http://" + host + ":" + server.getAddress().getPort() + path;
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
