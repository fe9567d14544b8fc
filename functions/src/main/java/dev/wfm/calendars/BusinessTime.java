package dev.wfm.calendars;

import java.time.Duration;
import java.time.Instant;

/**
 * The time an SLA clock counts: every moment ({@link #ALWAYS}), or only the working days of a
 * {@link BusinessCalendar}. Amounts are milliseconds.
 */
public interface BusinessTime {
    /** Every moment counts: business time is wall-clock time. */
    BusinessTime ALWAYS = new BusinessTime() {
        @Override
        public long between(Instant from, Instant to) {
            return Duration.between(from, to).toMillis();
        }

        @Override
        public Instant plus(Instant from, long millis) {
            return from.plusMillis(millis);
        }
    };

    /** The business time from {@code from} to {@code to} ({@code to} not before {@code from}). */
    long between(Instant from, Instant to);

    /** The earliest moment by which {@code millis} (at least 0) of business time has passed since {@code from}. */
    Instant plus(Instant from, long millis);
}
