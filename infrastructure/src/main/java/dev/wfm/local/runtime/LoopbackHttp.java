package dev.wfm.local.runtime;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpExchange;
import java.io.IOException;

/** Settings and answers for the JDK HTTP servers of the local cloud. */
public final class LoopbackHttp {
    private static final ObjectMapper JSON = new ObjectMapper();

    private LoopbackHttp() {}

    /** Answers {@code body} as JSON of {@code contentType} (the AWS protocols name their own) with {@code status}. */
    public static void answerJson(HttpExchange exchange, int status, String contentType, JsonNode body) throws IOException {
        byte[] bytes = JSON.writeValueAsBytes(body);
        exchange.getResponseHeaders().set("Content-Type", contentType);
        exchange.sendResponseHeaders(status, bytes.length);
        exchange.getResponseBody().write(bytes);
    }

    /**
     * Sets TCP_NODELAY on the JDK HTTP server's sockets. It writes a response's headers and body
     * separately; with Nagle's algorithm on, the body waits for the client's delayed ACK (about
     * 40 ms on Linux), which made every local Step Functions call cost ~45 ms instead of ~2.
     * The JDK reads the property once, before its first server starts.
     */
    public static void noDelay() {
        System.setProperty("sun.net.httpserver.nodelay", "true");
    }
}
