package dev.wfm.jobs.events;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.wfm.common.Json;
import java.lang.reflect.RecordComponent;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;

/** Every job event survives its history record: written as JSON with its type, read back equal. */
class JobEventJsonTest {
    @TestFactory
    Stream<DynamicTest> everyEventReadsBackAsTheEventWritten() {
        List<Class<?>> types = JobEventJson.records(JobEvent.class).toList();
        assertTrue(types.size() >= 30, "every record of the hierarchy is found: " + types);
        return types.stream().map(type -> DynamicTest.dynamicTest(type.getSimpleName(), () -> {
            JobEvent event = sample(type);
            String json = JobEventJson.write(event);
            JsonNode written = Json.read(json);
            assertEquals(type.getSimpleName(), written.path("type").asText(), json);
            for (RecordComponent component : type.getRecordComponents()) {
                assertTrue(written.has(component.getName()), component.getName() + " is written: " + json);
            }
            assertEquals(event, JobEventJson.read(json));
        }));
    }

    @Test
    void aChangesEventsReadBackInTheirOrderWithTheirIdsWhateverTheirTypes() throws Exception {
        List<RecordedEvent> change = new java.util.ArrayList<>();
        List<Class<?>> types = JobEventJson.records(JobEvent.class).toList();
        for (int i = 0; i < types.size(); i++) {
            change.add(new RecordedEvent(RecordedEvent.id("j1", 7, i), sample(types.get(i))));
        }
        String json = JobEventJson.writeChange(change);
        assertEquals("j1/7/1", Json.read(json).path(1).path("eventId").asText());
        assertEquals(types.get(1).getSimpleName(), Json.read(json).path(1).path("event").path("type").asText(), json);
        assertEquals(change, JobEventJson.readChange(json));
    }

    @Test
    void timesAndDurationsAreWrittenAsIsoText() throws Exception {
        JsonNode written = Json.read(JobEventJson.write(new JobEvent.StepFinished("review", "amy", Instant.parse("2026-03-02T09:00:00Z"),
                Duration.ofSeconds(61), "yes", null)));
        assertEquals("2026-03-02T09:00:00Z", written.path("at").asText());
        assertEquals("PT1M1S", written.path("duration").asText());
        assertFalse(written.has("comment"), "absent values are left out");
    }

    @Test
    void jsonThatHoldsNoEventIsRefusedWithTheReason() {
        assertTrue(assertThrows(IllegalArgumentException.class, () -> JobEventJson.read("{\"type\":\"StepVanished\",\"user\":\"amy\"}"))
                .getMessage().contains("StepVanished"));
        assertThrows(IllegalArgumentException.class, () -> JobEventJson.read("{\"user\":\"amy\"}"));
        assertThrows(IllegalArgumentException.class, () -> JobEventJson.read("{\"type\":\"JobUpgraded\",\"user\":\"amy\"}"));
        assertThrows(IllegalArgumentException.class, () -> JobEventJson.read("not json"));
    }

    /** An event of the type with a distinct value in every field; a field of a type not known here fails the test, to be added. */
    static JobEvent sample(Class<?> type) throws ReflectiveOperationException {
        RecordComponent[] components = type.getRecordComponents();
        Object[] values = new Object[components.length];
        Class<?>[] types = new Class<?>[components.length];
        for (int i = 0; i < components.length; i++) {
            types[i] = components[i].getType();
            values[i] = value(components[i], i);
        }
        return (JobEvent) type.getDeclaredConstructor(types).newInstance(values);
    }

    private static Object value(RecordComponent component, int position) {
        Class<?> type = component.getType();
        if (type == String.class) {
            return component.getName() + "-" + position;
        }
        if (type == Instant.class) {
            return Instant.parse("2026-03-02T09:00:00.125Z").plusSeconds(position);
        }
        if (type == Duration.class) {
            return Duration.ofMillis(1500 + position);
        }
        if (type == int.class || type == Integer.class) {
            return 40 + position;
        }
        if (type == long.class || type == Long.class) {
            return 4_000_000_000L + position;
        }
        if (type == boolean.class || type == Boolean.class) {
            return true;
        }
        if (type == List.class) {
            return List.of(component.getName() + "-a", component.getName() + "-b");
        }
        if (type == JsonNode.class) {
            ObjectNode node = Json.object().put("statusCode", 200 + position).put(component.getName(), "value-" + position);
            node.putArray("list").add(1).add("two").addNull();
            return node;
        }
        throw new AssertionError("No sample value for " + component + " (" + type + "): add one, and check the event round-trips");
    }
}
