package dev.wfm.jobs.events;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.wfm.common.Json;
import java.util.List;

/** A history entry's details as built: the fields given, in order, none when no field has a value. */
final class Details {
    private final ObjectNode fields = Json.object();

    static Details of() {
        return new Details();
    }

    /** Adds the field unless {@code value} is null. */
    Details put(String name, String value) {
        if (value != null) {
            fields.put(name, value);
        }
        return this;
    }

    Details put(String name, int value) {
        fields.put(name, value);
        return this;
    }

    Details put(String name, long value) {
        fields.put(name, value);
        return this;
    }

    /** Adds the field unless {@code value} is null. */
    Details put(String name, JsonNode value) {
        if (value != null) {
            fields.set(name, value.deepCopy());
        }
        return this;
    }

    Details put(String name, List<String> values) {
        values.forEach(fields.putArray(name)::add);
        return this;
    }

    /** The details; null when there are none. */
    ObjectNode node() {
        return fields.isEmpty() ? null : fields;
    }
}
