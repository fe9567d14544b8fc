package dev.wfm.logs;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.wfm.common.Json;
import dev.wfm.common.Log;
import dev.wfm.common.Refusal;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.function.Supplier;
import java.util.stream.Collectors;
import software.amazon.awssdk.services.cloudwatchlogs.CloudWatchLogsClient;
import software.amazon.awssdk.services.cloudwatchlogs.model.FilterLogEventsResponse;
import software.amazon.awssdk.services.cloudwatchlogs.model.FilteredLogEvent;
import software.amazon.awssdk.services.cloudwatchlogs.model.InvalidParameterException;
import software.amazon.awssdk.services.cloudwatchlogs.model.ResourceNotFoundException;

/**
 * The functions' log lines ({@link Log}: one JSON object a line), read back from their log group
 * in CloudWatch Logs with {@code FilterLogEvents}: the lines of a time range at or above a level,
 * of one request when asked, oldest first, a page at a time. The level and the request id become
 * the call's JSON filter pattern, so CloudWatch does the filtering; Lambda's own lines (START,
 * END, REPORT) are not JSON and never match. Lines carry no bodies, tokens or secrets (Log keeps
 * them out), so what is read back may be shown as it is.
 */
public final class ServerLogs {
    public static final int MAX_LIMIT = 1000;

    /** The lines asked for: written in [since, until], at {@code level} or above, of {@code requestId} (null: any). */
    public record Query(Instant since, Instant until, Log.Level level, String requestId, int limit, String nextToken) {}

    /** Lines as their JSON objects (with the stream they were written to), and the token of the next page (null: none). */
    public record Page(List<ObjectNode> events, String nextToken) {}

    private final Supplier<CloudWatchLogsClient> client;
    private final String logGroup;

    /** {@code logGroup}: the functions' log group (template.yaml's FunctionLogGroup). */
    public ServerLogs(Supplier<CloudWatchLogsClient> client, String logGroup) {
        this.client = client;
        this.logGroup = logGroup;
    }

    public Page read(Query query) {
        FilterLogEventsResponse answer;
        try {
            answer = client.get().filterLogEvents(request -> request.logGroupName(logGroup)
                    .startTime(query.since().toEpochMilli())
                    .endTime(query.until().toEpochMilli())
                    .filterPattern(pattern(query.level(), query.requestId()))
                    .limit(query.limit())
                    .nextToken(query.nextToken()));
        } catch (ResourceNotFoundException noLinesYet) {
            return new Page(List.of(), null); // the group is made when a function first writes
        } catch (InvalidParameterException refused) {
            throw Refusal.invalid("nextToken is not one this route answered: follow the @nextLink as given", "nextToken");
        }
        List<ObjectNode> events = new ArrayList<>();
        for (FilteredLogEvent event : answer.events()) {
            events.add(line(event));
        }
        return new Page(events, answer.nextToken());
    }

    /** The JSON filter pattern of lines at {@code level} or above, of {@code requestId} when given (an id of letters, digits and dashes). */
    static String pattern(Log.Level level, String requestId) {
        String levels = Arrays.stream(Log.Level.values()).filter(candidate -> candidate.compareTo(level) >= 0)
                .map(candidate -> "$.level = \"" + candidate.name() + "\"").collect(Collectors.joining(" || ", "(", ")"));
        return "{ " + levels + (requestId == null ? "" : " && $.requestId = \"" + requestId + "\"") + " }";
    }

    private static ObjectNode line(FilteredLogEvent event) {
        ObjectNode line;
        try {
            JsonNode parsed = Json.read(event.message());
            line = parsed instanceof ObjectNode object ? object : Json.object().put("message", event.message());
        } catch (Exception notJson) {
            line = Json.object().put("message", event.message());
        }
        if (!line.has("time") && event.timestamp() != null) {
            line.put("time", Instant.ofEpochMilli(event.timestamp()).toString());
        }
        line.put("logStream", event.logStreamName());
        return line;
    }
}
