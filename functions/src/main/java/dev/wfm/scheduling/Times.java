package dev.wfm.scheduling;

import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;

/**
 * Fixed-width UTC times for sort keys: {@code Instant.toString()} drops zero seconds fractions,
 * and "…00.5Z" sorts before "…00Z" as text, so index keys always use whole seconds.
 */
final class Times {
    private static final DateTimeFormatter KEY = DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss'Z'").withZone(ZoneOffset.UTC);
    private static final DateTimeFormatter RUN_ID = DateTimeFormatter.ofPattern("yyyyMMdd'T'HHmmss'Z'").withZone(ZoneOffset.UTC);

    private Times() {}

    static String key(Instant time) {
        return KEY.format(time.truncatedTo(ChronoUnit.SECONDS));
    }

    /** A run's id: its occurrence in ISO basic form, URL-safe and sorting by time. */
    static String runId(Instant occurrence) {
        return RUN_ID.format(occurrence.truncatedTo(ChronoUnit.SECONDS));
    }
}
