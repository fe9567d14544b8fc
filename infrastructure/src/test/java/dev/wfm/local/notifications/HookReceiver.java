package dev.wfm.local.notifications;

import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;

/** A web service on loopback that rules call: records every request it gets and answers {@code status}. */
final class HookReceiver implements AutoCloseable {
    record Received(String method, String body, String idempotencyKey, String contentType, String token) {}

    final List<Received> received = new CopyOnWriteArrayList<>();
    final AtomicInteger status = new AtomicInteger(200);
    private final HttpServer server;
    private final String host;

    HookReceiver() throws IOException {
        this("127.0.0.1");
    }

    /** On another loopback address, such as 127.0.0.2, which the outbound policy does not allow. */
    HookReceiver(String host) throws IOException {
        this.host = host;
        server = HttpServer.create(new InetSocketAddress(host, 0), 16);
        server.setExecutor(Executors.newCachedThreadPool());
        server.createContext("/hook", exchange -> {
            try (exchange) {
                var headers = exchange.getRequestHeaders();
                received.add(new Received(exchange.getRequestMethod(), new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8),
                        headers.getFirst("Idempotency-Key"), headers.getFirst("Content-Type"), headers.getFirst("X-Token")));
                byte[] answer = "{\"noted\": true}".getBytes(StandardCharsets.UTF_8);
                exchange.sendResponseHeaders(status.get(), answer.length);
                exchange.getResponseBody().write(answer);
            }
        });
        server.start();
    }

    String url() {
        return "http://" + host + ":" + server.getAddress().getPort() + "/hook";
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
