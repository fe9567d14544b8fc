package dev.wfm.local.stepfunctions.history;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.wfm.local.stepfunctions.definition.JsonValues;
import java.math.BigDecimal;

/**
 * One history event. Besides what GetExecutionHistory shows, it carries its replay key (branch
 * path, state, visit, attempt) and the internal facts a replay needs, such as a task token.
 *
 * @param id 1-based; 0 for an internal mark, which the API never shows
 * @param details the SDK model's details object; null for the event types that have none
 * @param internal replay-only data, or null
 */
public record HistoryEvent(long id, long previousEventId, long timestamp, String type, String key, ObjectNode details,
        ObjectNode internal) {

    boolean isMark() {
        return id == 0;
    }

    public String detail(String field) {
        JsonNode value = details == null ? null : details.get(field);
        return value == null || value.isNull() ? null : value.asText();
    }

    public ObjectNode toApi() {
        ObjectNode event = JsonValues.object();
        event.put("timestamp", epochSeconds(timestamp));
        event.put("type", type);
        event.put("id", id);
        event.put("previousEventId", previousEventId);
        if (details != null) {
            event.set(detailsField(type), details);
        }
        return event;
    }

    /** The SDK's member for each type: one shared pair for all state types, else named after the type. */
    private static String detailsField(String type) {
        if (type.endsWith("StateEntered")) {
            return "stateEnteredEventDetails";
        }
        if (type.endsWith("StateExited")) {
            return "stateExitedEventDetails";
        }
        return Character.toLowerCase(type.charAt(0)) + type.substring(1) + "EventDetails";
    }

    /** The JSON protocol's timestamps: epoch seconds with a fraction. */
    public static BigDecimal epochSeconds(long epochMillis) {
        return BigDecimal.valueOf(epochMillis, 3);
    }

    public ObjectNode toJournal() {
        ObjectNode line = JsonValues.object();
        line.put("id", id);
        line.put("previousEventId", previousEventId);
        line.put("timestamp", timestamp);
        line.put("type", type);
        line.put("key", key);
        if (details != null) {
            line.set("details", details);
        }
        if (internal != null) {
            line.set("internal", internal);
        }
        return line;
    }

    public static HistoryEvent fromJournal(JsonNode line) {
        return new HistoryEvent(line.get("id").asLong(), line.get("previousEventId").asLong(),
                line.get("timestamp").asLong(), line.get("type").asText(), line.get("key").asText(),
                line.get("details") instanceof ObjectNode details ? details : null,
                line.get("internal") instanceof ObjectNode internal ? internal : null);
    }
}
