package dev.wfm.outbound;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** Outbound calls against receivers on loopback, which the policy refuses unless it allows them. */
class OutboundHttpTest {
    private final AtomicInteger received = new AtomicInteger();
    private final AtomicInteger receivedInside = new AtomicInteger();
    private HttpServer server;
    private HttpServer inside;

    @AfterEach
    void stop() {
        if (server != null) {
            server.stop(0);
        }
        if (inside != null) {
            inside.stop(0);
        }
    }

    @Test
    void aLoopbackTargetIsRefusedByDefaultAndNeverReached() throws IOException {
        start();
        OutboundHttp.Outcome outcome = new OutboundHttp(OutboundPolicy.allowing("")).send(get("http://127.0.0.1:" + port() + "/x"));
        OutboundHttp.Failed failed = assertInstanceOf(OutboundHttp.Failed.class, outcome);
        assertEquals(OutboundHttp.Failure.REFUSED, failed.failure());
        assertTrue(failed.message().contains("127.0.0.1 is a loopback address"), failed.message());
        assertTrue(failed.message().contains("OutboundAllowedHosts"), failed.message());
        assertEquals(0, received.get());
    }

    @Test
    void aNameIsJudgedByTheAddressesItResolvesTo() throws IOException {
        start();
        OutboundHttp.Failed failed = assertInstanceOf(OutboundHttp.Failed.class,
                new OutboundHttp(OutboundPolicy.allowing("127.0.0.2")).send(get("http://localhost:" + port() + "/x")));
        assertEquals(OutboundHttp.Failure.REFUSED, failed.failure());
        assertTrue(failed.message().contains("'localhost' resolves to"), failed.message());
        assertEquals(0, received.get());
    }

    @Test
    void anAllowedHostIsCalled() throws IOException {
        start();
        OutboundHttp.Answered answered = assertInstanceOf(OutboundHttp.Answered.class,
                new OutboundHttp(OutboundPolicy.allowing(" 127.0.0.1 , example.org")).send(get("http://127.0.0.1:" + port() + "/x")));
        assertEquals(200, answered.status());
        assertEquals("{\"ok\": true}", answered.body());
        assertEquals(1, received.get());
    }

    @Test
    void aRedirectToAnInsideAddressIsRefused() throws IOException {
        inside = HttpServer.create(new InetSocketAddress("127.0.0.2", 0), 4);
        inside.createContext("/", exchange -> {
            receivedInside.incrementAndGet();
            exchange.sendResponseHeaders(200, -1);
            exchange.close();
        });
        inside.start();
        start();
        server.createContext("/hop", exchange -> {
            exchange.getResponseHeaders().set("Location", "http://127.0.0.2:" + inside.getAddress().getPort() + "/secret");
            exchange.sendResponseHeaders(302, -1);
            exchange.close();
        });
        OutboundHttp.Failed failed = assertInstanceOf(OutboundHttp.Failed.class,
                new OutboundHttp(OutboundPolicy.allowing("127.0.0.1")).send(get("http://127.0.0.1:" + port() + "/hop")));
        assertEquals(OutboundHttp.Failure.REFUSED, failed.failure());
        assertTrue(failed.message().contains("127.0.0.2 is a loopback address"), failed.message());
        assertEquals(0, receivedInside.get());
    }

    @Test
    void theTimeoutCoversABodyThatTricklesIn() throws IOException {
        start();
        server.createContext("/slow", exchange -> {
            exchange.sendResponseHeaders(200, 0);
            try (OutputStream out = exchange.getResponseBody()) {
                for (int i = 0; i < 120; i++) {
                    out.write('x');
                    out.flush();
                    Thread.sleep(250);
                }
            } catch (IOException | InterruptedException dropped) {
                // the client went away, as it should
            }
        });
        OutboundHttp.Call call = new OutboundHttp.Call("GET", URI.create("http://127.0.0.1:" + port() + "/slow"), Map.of(), null,
                Duration.ofSeconds(1), true);
        OutboundHttp.Failed failed = assertInstanceOf(OutboundHttp.Failed.class, new OutboundHttp(OutboundPolicy.allowing("127.0.0.1")).send(call));
        assertEquals(OutboundHttp.Failure.TIMED_OUT, failed.failure());
        assertEquals("GET http://127.0.0.1:" + port() + "/slow did not answer within 1 s", failed.message());
        assertTrue(failed.elapsed().compareTo(Duration.ofSeconds(20)) < 0, "the 30 s body was not waited for: " + failed.elapsed());
    }

    @Test
    void aCallIsDescribedWithoutItsCredentialsOrQueryValues() {
        assertEquals("POST https://example.org:8443/hook?…",
                new OutboundHttp.Call("POST", URI.create("https://user:pw@example.org:8443/hook?token=s3cret"), Map.of(), null,
                        Duration.ofSeconds(1), false).described());
    }

    private void start() throws IOException {
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 4);
        server.createContext("/x", exchange -> {
            received.incrementAndGet();
            byte[] body = "{\"ok\": true}".getBytes(StandardCharsets.UTF_8);
            exchange.sendResponseHeaders(200, body.length);
            exchange.getResponseBody().write(body);
            exchange.close();
        });
        server.start();
    }

    private int port() {
        return server.getAddress().getPort();
    }

    private static OutboundHttp.Call get(String url) {
        return new OutboundHttp.Call("GET", URI.create(url), Map.of(), null, Duration.ofSeconds(5), true);
    }
}
