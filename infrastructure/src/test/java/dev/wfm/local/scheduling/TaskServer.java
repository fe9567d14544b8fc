package dev.wfm.local.scheduling;

import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;

/** A web service on loopback for callUrl tasks: records what it gets, answers a chosen status. */
final class TaskServer implements AutoCloseable {
    /** One request as received. */
    record Received(String method, String body, String idempotencyKey, String custom, String apiKey) {}

    final List<Received> received = new CopyOnWriteArrayList<>();
    final AtomicInteger status = new AtomicInteger(200);
    private final HttpServer server;
    private final String host;

    TaskServer() throws IOException {
        this("127.0.0.1");
    }

    /** On another loopback address, such as 127.0.0.2. */
    TaskServer(String host) throws IOException {
        this.host = host;
        server = HttpServer.create(new InetSocketAddress(host, 0), 16);
        server.createContext("/run", exchange -> {
            try (exchange) {
                received.add(new Received(exchange.getRequestMethod(),
                        new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8),
                        exchange.getRequestHeaders().getFirst("Idempotency-Key"), exchange.getRequestHeaders().getFirst("X-Task"),
                        exchange.getRequestHeaders().getFirst("X-Api-Key")));
                byte[] answer = "{\"processed\": 42}".getBytes(StandardCharsets.UTF_8);
                exchange.sendResponseHeaders(status.get(), answer.length);
                exchange.getResponseBody().write(answer);
            }
        });
        server.start();
    }

    String url() {
        return "http://" + host + ":" + server.getAddress().getPort() + "/run";
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
