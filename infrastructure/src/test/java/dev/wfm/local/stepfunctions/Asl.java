package dev.wfm.local.stepfunctions;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/** Test helpers for definitions and JSON. */
public final class Asl {

    private static final ObjectMapper MAPPER = new ObjectMapper();

    private Asl() {}

    /** A JSONata-mode definition from its StartAt and States. */
    public static String machine(String startAt, String states) {
        return "{\"QueryLanguage\": \"JSONata\", \"StartAt\": \"" + startAt + "\", \"States\": " + states + "}";
    }

    public static JsonNode json(String text) {
        try {
            return MAPPER.readTree(text);
        } catch (Exception e) {
            throw new AssertionError("Not JSON: " + text, e);
        }
    }
}
