package dev.wfm.handlers;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.wfm.common.Json;
import dev.wfm.common.Log;
import dev.wfm.common.Refusal;
import dev.wfm.http.ApiRequest;
import dev.wfm.http.ApiResponse;
import dev.wfm.http.Paging;
import dev.wfm.http.Route;
import dev.wfm.items.ItemService;
import dev.wfm.logs.ServerLogs;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.Arrays;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * {@code GET /logs?since=&until=&level=&requestId=&limit=}: the functions' log lines, for system
 * administrators (the lines span every item). {@code since} defaults to an hour ago, {@code until}
 * to now, {@code level} to INFO (and above); the next page is at {@code @nextLink}.
 */
public final class LogRoutes {
    private static final Duration DEFAULT_SPAN = Duration.ofHours(1);
    private static final int DEFAULT_LIMIT = 100;
    private static final Pattern REQUEST_ID = Pattern.compile("[A-Za-z0-9-]{1,64}");
    private static final int MAX_TOKEN = 2048;

    private final ItemService items;
    private final ServerLogs logs;
    private final Clock clock;

    public LogRoutes(ItemService items, ServerLogs logs, Clock clock) {
        this.items = items;
        this.logs = logs;
        this.clock = clock;
    }

    public Map<String, Route> routes() {
        return Map.of("GET /logs", this::read);
    }

    private ApiResponse read(ApiRequest request) {
        items.requireSystemAdmin(request.identity(), "Reading the server logs");
        Instant until = time(request, "until").orElse(clock.instant());
        Instant since = time(request, "since").orElse(until.minus(DEFAULT_SPAN));
        if (since.isAfter(until)) {
            throw Refusal.invalid("since must not be after until", "since");
        }
        String level = request.queryParameter("level").orElse(Log.Level.INFO.name());
        Log.Level atLeast = Arrays.stream(Log.Level.values()).filter(candidate -> candidate.name().equals(level.toUpperCase(Locale.ROOT)))
                .findFirst().orElseThrow(() -> Refusal.invalid("level must be one of " + Arrays.toString(Log.Level.values()) + ", but got '"
                        + level + "'", "level"));
        String requestId = request.queryParameter("requestId").orElse(null);
        if (requestId != null && !REQUEST_ID.matcher(requestId).matches()) {
            throw Refusal.invalid("requestId is a request id: 1 to 64 letters, digits and dashes", "requestId");
        }
        String nextToken = request.queryParameter("nextToken").orElse(null);
        if (nextToken != null && (nextToken.isEmpty() || nextToken.length() > MAX_TOKEN)) {
            throw Refusal.invalid("nextToken is not one this route answered: follow the @nextLink as given", "nextToken");
        }
        int limit = request.limit(DEFAULT_LIMIT, ServerLogs.MAX_LIMIT);
        ServerLogs.Page page = logs.read(new ServerLogs.Query(since, until, atLeast, requestId, limit, nextToken));
        ObjectNode answer = Json.object().put("since", since.toString()).put("until", until.toString()).put("level", atLeast.name());
        ArrayNode events = answer.putArray("events");
        page.events().forEach(events::add);
        if (page.nextToken() != null) {
            // the range is fixed in the link, so the next page continues this one even when "until" was now
            answer.put(Paging.NEXT_LINK, Paging.link(request, Map.of("since", since.toString(), "until", until.toString(),
                    "nextToken", page.nextToken())));
        }
        return ApiResponse.ok(answer);
    }

    private static Optional<Instant> time(ApiRequest request, String name) {
        return request.queryParameter(name).map(text -> {
            try {
                return Instant.parse(text);
            } catch (DateTimeParseException e) {
                throw Refusal.invalid(name + " must be an ISO-8601 instant such as 2026-12-01T09:00:00Z, but got '" + text + "'", name);
            }
        });
    }
}
