package dev.wfm.scheduling;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.wfm.common.JsonFields;
import dev.wfm.common.Refusal;
import java.time.DateTimeException;
import java.time.Instant;
import java.time.ZoneId;
import java.util.Optional;

/**
 * When a schedule or task fires, as stored in its definition: {@code expression},
 * {@code timezone} (an IANA name, default UTC), optional {@code startAt} (no occurrence before
 * it; also the anchor a rate counts from) and {@code created} (the anchor otherwise).
 */
record Timing(String expression, String timezone, Instant startAt, Instant created) {
    static final String UTC = "UTC";

    /** Reads and checks the timing fields of a request, falling back to {@code current} for absent ones. */
    static Timing read(JsonNode body, Timing current, Instant now) {
        String expression = JsonFields.optionalString(body, "expression", 256);
        String timezone = JsonFields.optionalString(body, "timezone", 64);
        String startAt = JsonFields.optionalTime(body, "startAt");
        Timing timing = new Timing(
                expression != null ? expression : current == null ? null : current.expression(),
                timezone != null ? timezone : current == null ? UTC : current.timezone(),
                startAt != null ? Instant.parse(startAt) : current == null || body.has("startAt") ? null : current.startAt(),
                current == null ? now : current.created());
        if (timing.expression() == null || timing.expression().isBlank()) {
            throw Refusal.invalid("Field 'expression' is required: an EventBridge expression such as "
                    + "'cron(0 8 ? * MON-FRI *)' or 'rate(1 hour)'", "expression");
        }
        timing.recurrence();
        return timing;
    }

    static Timing of(ObjectNode definition) {
        String startAt = definition.path("startAt").asText(null);
        return new Timing(definition.path("expression").asText(), definition.path("timezone").asText(UTC),
                startAt == null ? null : Instant.parse(startAt), Instant.parse(definition.path("created").asText()));
    }

    void writeTo(ObjectNode definition) {
        definition.put("expression", expression);
        definition.put("timezone", timezone);
        if (startAt != null) {
            definition.put("startAt", startAt.toString());
        } else {
            definition.remove("startAt");
        }
        definition.put("created", created.toString());
    }

    ZoneId zone() {
        try {
            return ZoneId.of(timezone);
        } catch (DateTimeException e) {
            throw Refusal.invalid("Unknown time zone '" + timezone + "'; use an IANA name such as Europe/Berlin or UTC", "timezone");
        }
    }

    /** The parsed expression; 400 naming the problem when it does not parse. */
    Recurrence recurrence() {
        ZoneId zone = zone();
        try {
            return Recurrence.parse(expression, zone, startAt != null ? startAt : created);
        } catch (IllegalArgumentException e) {
            throw Refusal.invalid(e.getMessage(), "expression");
        }
    }

    /** The first occurrence after {@code now} and not before {@code startAt}; empty when there is none. */
    Optional<Instant> firstRun(Instant now) {
        Recurrence recurrence = recurrence();
        return startAt != null && startAt.isAfter(now) ? recurrence.atOrAfter(startAt) : recurrence.next(now);
    }
}
