package dev.wfm.notifications;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.wfm.common.Json;
import dev.wfm.events.StreamedEvent;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.RecordComponent;
import java.time.Duration;
import java.time.Instant;
import java.util.Collection;

/**
 * The event as rules' templates see it, {@code $event}: {@code type} (the event's name, such as
 * StepFinished), {@code eventId}, {@code activity}, {@code jobId}, and the event's own fields
 * ({@code user}, {@code at}, {@code stepId}, {@code returnCode}, {@code comment}, ...), times as
 * ISO-8601 text and durations as {@code {name}Seconds}. Fields without a value are left out.
 */
public final class EventVariables {
    private EventVariables() {}

    public static ObjectNode of(StreamedEvent streamed, Activity activity) {
        ObjectNode event = Json.object()
                .put("type", streamed.event().getClass().getSimpleName())
                .put("eventId", streamed.eventId())
                .put("activity", activity.json())
                .put("jobId", streamed.jobId());
        for (RecordComponent component : streamed.event().getClass().getRecordComponents()) {
            put(event, component.getName(), value(component, streamed.event()));
        }
        return event;
    }

    private static void put(ObjectNode event, String name, Object value) {
        if (value == null) {
            return;
        }
        if (value instanceof Instant at) {
            event.put(name, at.toString());
        } else if (value instanceof Duration duration) {
            event.put(name + "Seconds", duration.toSeconds());
        } else if (value instanceof Collection<?> values) {
            values.forEach(entry -> event.withArray(name).add(String.valueOf(entry)));
        } else {
            event.set(name, Json.MAPPER.valueToTree(value));
        }
    }

    private static Object value(RecordComponent component, Object event) {
        try {
            return component.getAccessor().invoke(event);
        } catch (IllegalAccessException | InvocationTargetException e) {
            throw new IllegalStateException("The field " + component.getName() + " of event " + event.getClass().getSimpleName()
                    + " cannot be read", e);
        }
    }
}
