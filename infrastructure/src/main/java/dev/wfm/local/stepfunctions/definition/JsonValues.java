package dev.wfm.local.stepfunctions.definition;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializerProvider;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.module.SimpleModule;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.ser.std.StdSerializer;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;

/**
 * The service's JSON. Values are plain Java objects (Map, List, String, Number, Boolean, null): the
 * shape JSONata evaluates natively, so no conversion happens between states. One mapper writes
 * them, numbers as JavaScript prints them; AWS's payload limit applies to them.
 */
public final class JsonValues {

    /** AWS's limit on an execution's input, a state's output and a task's answer. */
    private static final int MAX_PAYLOAD_BYTES = 256 * 1024;

    /** Whether the text is over the payload limit in UTF-8; short texts (at most 3 bytes a char) skip the encoding. */
    public static boolean exceedsPayloadLimit(String text) {
        return text.length() > MAX_PAYLOAD_BYTES / 4 && text.getBytes(StandardCharsets.UTF_8).length > MAX_PAYLOAD_BYTES;
    }

    public static final ObjectMapper MAPPER = JsonMapper.builder()
            .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
            .addModule(new SimpleModule().addSerializer(Double.class, new JavaScriptNumberSerializer()))
            .build();

    private JsonValues() {}

    public static Object parse(String json) throws JsonProcessingException {
        return MAPPER.readValue(json, Object.class);
    }

    public static String write(Object value) {
        try {
            return MAPPER.writeValueAsString(value);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("Value is not JSON: " + e.getOriginalMessage(), e);
        }
    }

    static Object toValue(JsonNode node) {
        return MAPPER.convertValue(node, Object.class);
    }

    public static ObjectNode object() {
        return MAPPER.createObjectNode();
    }

    static boolean isJsonValue(Object value) {
        return value == null || value instanceof Map || value instanceof List || value instanceof String
                || value instanceof Number || value instanceof Boolean;
    }

    /** JSONata computes in doubles like JavaScript; 4/2 must print as 2, not 2.0, as it does in AWS. */
    private static final class JavaScriptNumberSerializer extends StdSerializer<Double> {
        private static final double EXACT_LONG_LIMIT = 9.007199254740992E15;

        JavaScriptNumberSerializer() {
            super(Double.class);
        }

        @Override
        public void serialize(Double value, JsonGenerator gen, SerializerProvider provider) throws IOException {
            double d = value;
            if (d == Math.rint(d) && Math.abs(d) < EXACT_LONG_LIMIT) {
                gen.writeNumber((long) d);
            } else {
                gen.writeNumber(d);
            }
        }
    }
}
