package dev.wfm.local.jobs;

import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A web service on loopback that takes its time: {@code /hang} holds each request unanswered until
 * the service closes; {@code /trickle} sends its headers, then a byte every 2 s for ten minutes,
 * and counts the callers that went away before the end.
 */
final class SlowTarget implements AutoCloseable {
    final AtomicInteger arrived = new AtomicInteger();
    final AtomicInteger abandoned = new AtomicInteger();
    private final CountDownLatch closing = new CountDownLatch(1);
    private final ExecutorService handlers = Executors.newCachedThreadPool();
    private final HttpServer server;

    SlowTarget() throws IOException {
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 64);
        server.setExecutor(handlers);
        server.createContext("/hang", exchange -> {
            arrived.incrementAndGet();
            try (exchange) {
                closing.await();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        });
        server.createContext("/trickle", exchange -> {
            arrived.incrementAndGet();
            exchange.sendResponseHeaders(200, 0);
            try (OutputStream body = exchange.getResponseBody()) {
                for (int i = 0; i < 300 && closing.getCount() > 0; i++) {
                    body.write('x');
                    body.flush();
                    Thread.sleep(2000);
                }
            } catch (IOException callerWentAway) {
                abandoned.incrementAndGet();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        });
        server.start();
    }

    String url(String path) {
        return "http://127.0.0.1:" + server.getAddress().getPort() + path;
    }

    @Override
    public void close() {
        closing.countDown();
        server.stop(0);
        handlers.shutdownNow();
    }
}
