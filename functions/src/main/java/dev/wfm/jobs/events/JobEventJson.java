package dev.wfm.jobs.events;

import com.fasterxml.jackson.annotation.JsonTypeInfo;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.ObjectReader;
import com.fasterxml.jackson.databind.ObjectWriter;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.jsontype.NamedType;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import dev.wfm.common.Json;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Stream;

/**
 * A {@link JobEvent} as JSON, the way its history record keeps it for the event stream: its fields,
 * times and durations in ISO-8601, and {@code type}, the event's simple class name
 * ({@code {"type":"StepFinished","stepId":"review",...}}). Every record of the sealed hierarchy is
 * known by that name without being listed, so a new event is written and read like the others.
 */
public final class JobEventJson {
    private static final ObjectMapper MAPPER = mapper();
    private static final ObjectWriter WRITER = MAPPER.writerFor(JobEvent.class);
    private static final ObjectReader READER = MAPPER.readerFor(JobEvent.class);
    private static final TypeReference<List<RecordedEvent>> CHANGE = new TypeReference<>() {};
    private static final ObjectWriter CHANGE_WRITER = MAPPER.writerFor(CHANGE);
    private static final ObjectReader CHANGE_READER = MAPPER.readerFor(CHANGE);

    private JobEventJson() {}

    public static String write(JobEvent event) {
        try {
            return WRITER.writeValueAsString(event);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("A job event is not writable as JSON: " + e.getOriginalMessage(), e);
        }
    }

    /** The event the JSON holds; refused with the reason when it holds none (unknown type, missing or malformed fields). */
    public static JobEvent read(String json) {
        try {
            return READER.readValue(json);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("Not a job event: " + e.getOriginalMessage(), e);
        }
    }

    /** The events of one change, in their order: {@code [{"eventId":"j1/4/0","event":{"type":...}}, ...]}. */
    public static String writeChange(List<RecordedEvent> events) {
        try {
            return CHANGE_WRITER.writeValueAsString(events);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("A change's events are not writable as JSON: " + e.getOriginalMessage(), e);
        }
    }

    /** The events {@link #writeChange} wrote; refused with the reason when the JSON holds no such list or an event is unreadable. */
    public static List<RecordedEvent> readChange(String json) {
        List<RecordedEvent> events;
        try {
            events = CHANGE_READER.readValue(json);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("Not a change's job events: " + e.getOriginalMessage(), e);
        }
        if (events == null || events.isEmpty() || events.stream().anyMatch(event -> event == null || event.eventId() == null || event.event() == null)) {
            throw new IllegalArgumentException("Not a change's job events: each needs an eventId and an event");
        }
        return events;
    }

    @JsonTypeInfo(use = JsonTypeInfo.Id.NAME, include = JsonTypeInfo.As.PROPERTY, property = "type")
    private interface Typed {}

    private static ObjectMapper mapper() {
        ObjectMapper mapper = Json.MAPPER.copy()
                .registerModule(new JavaTimeModule())
                .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS)
                .disable(SerializationFeature.WRITE_DURATIONS_AS_TIMESTAMPS)
                .enable(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES)
                .addMixIn(JobEvent.class, Typed.class);
        records(JobEvent.class).forEach(type -> mapper.registerSubtypes(new NamedType(type, type.getSimpleName())));
        return mapper;
    }

    /** The records of a sealed hierarchy, however deep. */
    static Stream<Class<?>> records(Class<?> type) {
        return type.isSealed() ? Arrays.stream(type.getPermittedSubclasses()).flatMap(JobEventJson::records) : Stream.of(type);
    }
}
