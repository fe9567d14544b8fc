package dev.wfm.config;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.wfm.common.Json;
import java.util.List;

/**
 * A lookup as read ({@link Lookups}), at a revision (0: the defaults, never stored).
 * {@code closedValue} is the statuses' closed status (null for priorities, and for statuses
 * stored before there was one that list no {@code Closed}).
 */
public record Lookup(String name, long revision, List<Lookup.Value> values, String defaultValue, String closedValue) {
    /** One value of a lookup. */
    public record Value(String value, String label, int order) {}

    public Lookup {
        values = List.copyOf(values);
    }

    public List<String> valueList() {
        return values.stream().map(Value::value).toList();
    }

    /** The values a job may hold while open: all but the closed status. */
    public List<String> openValues() {
        return valueList().stream().filter(value -> !value.equals(closedValue)).toList();
    }

    /** The lookup as stored. */
    ObjectNode document() {
        ObjectNode document = Json.object().put("name", name);
        ArrayNode list = document.putArray("values");
        values.forEach(entry -> list.addObject().put("value", entry.value()).put("label", entry.label()).put("order", entry.order()));
        document.put("defaultValue", defaultValue);
        if (closedValue != null) {
            document.put("closedValue", closedValue);
        }
        return document;
    }
}
