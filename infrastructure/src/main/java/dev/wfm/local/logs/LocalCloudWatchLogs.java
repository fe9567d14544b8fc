package dev.wfm.local.logs;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import dev.wfm.local.runtime.DaemonThreads;
import dev.wfm.local.runtime.LoopbackHttp;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.time.Clock;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.function.Predicate;

/**
 * The local cloud's CloudWatch Logs: it keeps the lines the functions write (handed over by
 * {@link FunctionLogCapture}) in their log groups, as Lambda sends them to CloudWatch, and serves
 * {@code FilterLogEvents} of the JSON protocol ({@code X-Amz-Target: Logs_20140328.FilterLogEvents},
 * what {@code CloudWatchLogsClient} sends): a group's events between {@code startTime} and
 * {@code endTime} (milliseconds) matching {@code filterPattern} (the JSON subset of
 * {@link FilterPattern}), oldest first, {@code limit} (at most 10,000) at a time with a
 * {@code nextToken}. A group nothing was written to is {@code ResourceNotFoundException}, as on
 * AWS for a group that does not exist yet. Events are kept in memory, the newest
 * {@value #KEPT} of all groups: a stand-in for a group's retention. Signatures are not checked.
 */
public final class LocalCloudWatchLogs implements AutoCloseable {
    static final int KEPT = 100_000;
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String TARGET_PREFIX = "Logs_20140328.";

    /** One log event: its group and stream, when it was written, its message, and its place in the order kept. */
    record Event(String group, String stream, long timestamp, String message, long sequence) {}

    private final Deque<Event> events = new ArrayDeque<>();
    private final Clock clock;
    private final HttpServer server;
    private final ExecutorService threads;
    private long written;

    private LocalCloudWatchLogs(Clock clock, HttpServer server, ExecutorService threads) {
        this.clock = clock;
        this.server = server;
        this.threads = threads;
    }

    /** Serves on a free loopback port. */
    public static LocalCloudWatchLogs start(Clock clock) throws IOException {
        LoopbackHttp.noDelay();
        HttpServer http = HttpServer.create(new InetSocketAddress(InetAddress.getByName("127.0.0.1"), 0), 0);
        ExecutorService threads = Executors.newFixedThreadPool(2, DaemonThreads.named("local-logs"));
        http.setExecutor(threads);
        LocalCloudWatchLogs logs = new LocalCloudWatchLogs(clock, http, threads);
        http.createContext("/", logs::handle);
        http.start();
        return logs;
    }

    public URI endpoint() {
        return URI.create("http://127.0.0.1:" + server.getAddress().getPort());
    }

    /** Keeps a line a function wrote to its group's stream, timestamped now. */
    public synchronized void append(String group, String stream, String message) {
        events.addLast(new Event(group, stream, clock.millis(), message, written++));
        if (events.size() > KEPT) {
            events.removeFirst();
        }
    }

    private void handle(HttpExchange exchange) throws IOException {
        try (exchange) {
            String target = exchange.getRequestHeaders().getFirst("X-Amz-Target");
            if (!"POST".equals(exchange.getRequestMethod()) || target == null || !target.startsWith(TARGET_PREFIX)) {
                error(exchange, "UnknownOperationException", "The local CloudWatch Logs serves the JSON protocol: POST with X-Amz-Target");
                return;
            }
            JsonNode request;
            try {
                request = JSON.readTree(exchange.getRequestBody());
            } catch (IOException notJson) {
                error(exchange, "SerializationException", "The request body is not JSON");
                return;
            }
            String operation = target.substring(TARGET_PREFIX.length());
            if (!operation.equals("FilterLogEvents")) {
                error(exchange, "UnknownOperationException", "The local CloudWatch Logs serves FilterLogEvents, not " + operation);
                return;
            }
            filter(exchange, request);
        }
    }

    private void filter(HttpExchange exchange, JsonNode request) throws IOException {
        String group = request.path("logGroupName").asText(request.path("logGroupIdentifier").asText(null));
        if (group == null) {
            error(exchange, "InvalidParameterException", "logGroupName or logGroupIdentifier is required");
            return;
        }
        Predicate<String> matches;
        try {
            matches = FilterPattern.parse(request.path("filterPattern").asText(null));
        } catch (IllegalArgumentException invalid) {
            error(exchange, "InvalidParameterException", invalid.getMessage());
            return;
        }
        int limit = request.path("limit").asInt(10_000);
        if (limit < 1 || limit > 10_000) {
            error(exchange, "InvalidParameterException", "limit must be 1 to 10000");
            return;
        }
        long start = request.path("startTime").asLong(0);
        long end = request.path("endTime").asLong(Long.MAX_VALUE);
        long after;
        try {
            after = request.hasNonNull("nextToken") ? Long.parseLong(request.path("nextToken").asText()) : -1;
        } catch (NumberFormatException notOurs) {
            error(exchange, "InvalidParameterException", "The nextToken is not one this service answered");
            return;
        }
        List<Event> kept;
        synchronized (this) {
            kept = List.copyOf(events);
        }
        if (kept.stream().noneMatch(event -> event.group().equals(group))) {
            error(exchange, "ResourceNotFoundException", "The specified log group does not exist.");
            return;
        }
        List<Event> page = new ArrayList<>();
        boolean more = false;
        for (Event event : kept) {
            if (event.sequence() <= after || !event.group().equals(group) || event.timestamp() < start || event.timestamp() > end
                    || !matches.test(event.message())) {
                continue;
            }
            if (page.size() == limit) {
                more = true;
                break;
            }
            page.add(event);
        }
        ObjectNode answer = JSON.createObjectNode();
        ArrayNode list = answer.putArray("events");
        for (Event event : page) {
            list.addObject().put("logStreamName", event.stream()).put("timestamp", event.timestamp()).put("message", event.message())
                    .put("ingestionTime", event.timestamp()).put("eventId", Long.toString(event.sequence()));
        }
        if (more) {
            answer.put("nextToken", Long.toString(page.get(page.size() - 1).sequence()));
        }
        answer(exchange, 200, answer);
    }

    private static void error(HttpExchange exchange, String type, String message) throws IOException {
        answer(exchange, 400, JSON.createObjectNode().put("__type", type).put("message", message));
    }

    private static void answer(HttpExchange exchange, int status, JsonNode body) throws IOException {
        LoopbackHttp.answerJson(exchange, status, "application/x-amz-json-1.1", body);
    }

    @Override
    public void close() {
        server.stop(0);
        threads.shutdownNow();
    }
}
