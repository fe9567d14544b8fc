package dev.wfm.common;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.ObjectWriter;
import com.fasterxml.jackson.databind.cfg.JsonNodeFeature;
import com.fasterxml.jackson.databind.node.ObjectNode;

/** The one JSON mapper of the functions: built once per container, thread-safe once configured. */
public final class Json {
    public static final ObjectMapper MAPPER = new ObjectMapper()
            .configure(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES, false)
            .setSerializationInclusion(JsonInclude.Include.NON_NULL);

    /** Writes JSON trees with their object keys sorted: one text for one value, whatever order it arrived in. */
    private static final ObjectWriter CANONICAL = new ObjectMapper()
            .configure(JsonNodeFeature.WRITE_PROPERTIES_SORTED, true)
            .writer();

    private Json() {}

    /** The value's canonical text: keys sorted at every level, no insignificant whitespace. */
    public static String canonical(JsonNode value) {
        try {
            return CANONICAL.writeValueAsString(value);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("value is not serialisable to JSON", e);
        }
    }

    /** {@code {field: [values...]}}: how lists are answered. */
    public static ObjectNode listed(String field, java.util.List<? extends JsonNode> values) {
        ObjectNode answer = object();
        values.forEach(answer.putArray(field)::add);
        return answer;
    }

    public static ObjectNode object() {
        return MAPPER.createObjectNode();
    }

    public static String write(Object value) {
        try {
            return MAPPER.writeValueAsString(value);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("value is not serialisable to JSON", e);
        }
    }

    public static JsonNode read(String json) throws JsonProcessingException {
        return MAPPER.readTree(json);
    }
}
