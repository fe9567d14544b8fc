package dev.wfm.common;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class JsonFieldsTest {
    private static JsonNode json(String text) {
        try {
            return Json.read(text);
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    @Test
    void aMemberOutsideTheKnownOnesIsRefusedNamingItWhereItIs() {
        Refusal top = assertThrows(Refusal.class,
                () -> JsonFields.refuseUnknown(json("{\"name\": \"t\", \"sharedWith\": []}"), "", "name", "diagramId"));
        assertEquals("sharedWith", top.target());
        assertEquals("Unknown field 'sharedWith'; expected one of [diagramId, name]", top.getMessage());

        Refusal nested = assertThrows(Refusal.class,
                () -> JsonFields.refuseUnknown(json("{\"jobId\": \"j\", \"after\": 1}"), "dependsOn", "jobId", "stepId"));
        assertEquals("dependsOn.after", nested.target());

        JsonFields.refuseUnknown(json("{\"name\": \"t\"}"), "", "name", "diagramId");
    }

    @ParameterizedTest
    @ValueSource(strings = {"3.9", "3.0", "1e3", "\"3\"", "true", "4294967297", "-1", "[]"})
    void aWholeNumberIsAJsonIntegerInItsRangeAndNothingElse(String value) {
        Refusal refused = assertThrows(Refusal.class,
                () -> JsonFields.optionalInt(json("{\"numberOfJobs\": " + value + "}"), "numberOfJobs", 1, 1000));
        assertEquals("numberOfJobs", refused.target());
    }

    @Test
    void aWholeNumberInRangeIsReadAndAnAbsentOneIsNull() {
        assertEquals(1000, JsonFields.optionalInt(json("{\"n\": 1000}"), "n", 1, 1000));
        assertEquals(4294967297L, JsonFields.optionalLong(json("{\"revision\": 4294967297}"), "revision", 0, Long.MAX_VALUE));
        assertNull(JsonFields.optionalInt(json("{\"n\": null}"), "n", 1, 1000));
        assertNull(JsonFields.optionalLong(json("{}"), "n", 1, 1000));
    }

    @Test
    void aBooleanIsTrueOrFalseNotAnythingElseReadAsFalse() {
        assertEquals(true, JsonFields.optionalBoolean(json("{\"explain\": true}"), "explain", false));
        assertEquals(false, JsonFields.optionalBoolean(json("{}"), "explain", false));
        assertThrows(Refusal.class, () -> JsonFields.optionalBoolean(json("{\"explain\": \"yes\"}"), "explain", false));
    }

    @Test
    void aListEntryLongerThanAnIdCanBeIsRefusedAtItsIndex() {
        assertEquals(List.of("a", "b"), JsonFields.stringList(json("[\"a\", \"b\"]"), "jobIds"));
        Refusal refused = assertThrows(Refusal.class,
                () -> JsonFields.stringList(json("[\"a\", \"" + "j".repeat(JsonFields.MAX_ID_LENGTH + 1) + "\"]"), "jobIds"));
        assertEquals("jobIds[1]", refused.target());
    }
}
