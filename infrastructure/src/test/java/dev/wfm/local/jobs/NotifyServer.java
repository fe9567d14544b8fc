package dev.wfm.local.jobs;

import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A web service on loopback for webRequest steps: records the bodies (and Authorization headers)
 * it gets, answers the statuses queued in {@code nextStatuses} first, then {@code status}.
 */
final class NotifyServer implements AutoCloseable {
    final List<String> bodies = new CopyOnWriteArrayList<>();
    final List<String> authorizations = new CopyOnWriteArrayList<>();
    final AtomicInteger status = new AtomicInteger(200);
    final Queue<Integer> nextStatuses = new ConcurrentLinkedQueue<>();
    private final HttpServer server;
    private final String host;

    NotifyServer() throws IOException {
        this("127.0.0.1");
    }

    /** On another loopback address, such as 127.0.0.2. */
    NotifyServer(String host) throws IOException {
        this.host = host;
        server = HttpServer.create(new InetSocketAddress(host, 0), 16);
        server.createContext("/notify", exchange -> {
            try (exchange) {
                bodies.add(new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8));
                String authorization = exchange.getRequestHeaders().getFirst("Authorization");
                if (authorization != null) {
                    authorizations.add(authorization);
                }
                Integer queued = nextStatuses.poll();
                byte[] answer = "{\"delivered\": true}".getBytes(StandardCharsets.UTF_8);
                exchange.getResponseHeaders().set("Content-Type", "application/json");
                exchange.sendResponseHeaders(queued != null ? queued : status.get(), answer.length);
                exchange.getResponseBody().write(answer);
            }
        });
        server.start();
    }

    String url() {
        return "http://" + host + ":" + server.getAddress().getPort() + "/notify";
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
