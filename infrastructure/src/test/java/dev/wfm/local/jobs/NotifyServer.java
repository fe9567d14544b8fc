package dev.wfm.local.jobs;

import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A web service on loopback for webRequest steps: records the bodies (and Authorization and
 * Idempotency-Key headers) it gets, answers the statuses queued in {@code nextStatuses} first,
 * then {@code status}. After {@link #holdAnswers()} it records each request as it arrives and
 * keeps it unanswered, in flight, until {@link #answerHeld()}.
 */
final class NotifyServer implements AutoCloseable {
    final List<String> bodies = new CopyOnWriteArrayList<>();
    final List<String> authorizations = new CopyOnWriteArrayList<>();
    final List<String> idempotencyKeys = new CopyOnWriteArrayList<>();
    final AtomicInteger status = new AtomicInteger(200);
    final Queue<Integer> nextStatuses = new ConcurrentLinkedQueue<>();
    private volatile CountDownLatch held = new CountDownLatch(0);
    private final ExecutorService handlers = Executors.newCachedThreadPool();
    private final HttpServer server;
    private final String host;

    NotifyServer() throws IOException {
        this("127.0.0.1");
    }

    /** On another loopback address, such as 127.0.0.2. */
    NotifyServer(String host) throws IOException {
        this.host = host;
        server = HttpServer.create(new InetSocketAddress(host, 0), 16);
        server.setExecutor(handlers);
        server.createContext("/notify", exchange -> {
            try (exchange) {
                String authorization = exchange.getRequestHeaders().getFirst("Authorization");
                if (authorization != null) {
                    authorizations.add(authorization);
                }
                String idempotencyKey = exchange.getRequestHeaders().getFirst("Idempotency-Key");
                if (idempotencyKey != null) {
                    idempotencyKeys.add(idempotencyKey);
                }
                bodies.add(new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8));
                awaitAnswering();
                Integer queued = nextStatuses.poll();
                byte[] answer = "{\"delivered\": true}".getBytes(StandardCharsets.UTF_8);
                exchange.getResponseHeaders().set("Content-Type", "application/json");
                exchange.sendResponseHeaders(queued != null ? queued : status.get(), answer.length);
                exchange.getResponseBody().write(answer);
            }
        });
        server.start();
    }

    /** From now on, requests stay in flight until {@link #answerHeld()}. */
    void holdAnswers() {
        held = new CountDownLatch(1);
    }

    /** Answers the requests held, and the next ones at once. */
    void answerHeld() {
        held.countDown();
    }

    private void awaitAnswering() {
        try {
            held.await(60, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    String url() {
        return "http://" + host + ":" + server.getAddress().getPort() + "/notify";
    }

    @Override
    public void close() {
        answerHeld();
        server.stop(0);
        handlers.shutdownNow();
    }
}
