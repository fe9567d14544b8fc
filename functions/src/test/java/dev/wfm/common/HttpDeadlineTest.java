package dev.wfm.common;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.ConnectException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class HttpDeadlineTest {
    private final HttpClient client = HttpClient.newHttpClient();
    private final ExecutorService handlers = Executors.newCachedThreadPool();
    private final CountDownLatch clientWentAway = new CountDownLatch(1);
    private HttpServer server;

    @BeforeEach
    void start() throws IOException {
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.setExecutor(handlers);
        server.createContext("/quick", exchange -> {
            byte[] body = "ok".getBytes(StandardCharsets.UTF_8);
            exchange.sendResponseHeaders(200, body.length);
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(body);
            }
        });
        // Headers at once, then a byte every 200 ms for a minute.
        server.createContext("/trickle", exchange -> {
            exchange.sendResponseHeaders(200, 0);
            try (OutputStream out = exchange.getResponseBody()) {
                for (int i = 0; i < 300; i++) {
                    out.write('x');
                    out.flush();
                    Thread.sleep(200);
                }
            } catch (IOException gone) {
                clientWentAway.countDown();
            } catch (InterruptedException stopped) {
                Thread.currentThread().interrupt();
            }
        });
        server.start();
    }

    @AfterEach
    void stop() {
        server.stop(0);
        handlers.shutdownNow();
    }

    private HttpRequest get(String path) {
        return HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + server.getAddress().getPort() + path))
                .timeout(Duration.ofSeconds(1)).build();
    }

    @Test
    void anAnswerWithinTheDeadlineIsTheResponse() throws Exception {
        HttpResponse<String> response = HttpDeadline.send(client, get("/quick"), HttpResponse.BodyHandlers.ofString(), Duration.ofSeconds(10));
        assertEquals(200, response.statusCode());
        assertEquals("ok", response.body());
    }

    @Test
    void aBodyThatTricklesInPastTheDeadlineTimesOutAndTheConnectionIsDropped() throws Exception {
        long started = System.nanoTime();
        assertThrows(HttpTimeoutException.class,
                () -> HttpDeadline.send(client, get("/trickle"), HttpResponse.BodyHandlers.ofString(), Duration.ofSeconds(1)));
        Duration took = Duration.ofNanos(System.nanoTime() - started);
        assertTrue(took.compareTo(Duration.ofSeconds(30)) < 0, "ended at the deadline, not with the minute-long body: " + took);
        assertTrue(clientWentAway.await(30, TimeUnit.SECONDS), "the abandoned exchange's connection is closed");
    }

    @Test
    void aFailedConnectionFailsAsHttpClientReportsIt() throws Exception {
        int closedPort;
        try (ServerSocket socket = new ServerSocket(0)) {
            closedPort = socket.getLocalPort();
        }
        HttpRequest request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + closedPort + "/")).build();
        assertThrows(ConnectException.class,
                () -> HttpDeadline.send(client, request, HttpResponse.BodyHandlers.ofString(), Duration.ofSeconds(10)));
    }
}
