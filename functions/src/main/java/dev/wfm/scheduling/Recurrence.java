package dev.wfm.scheduling;

import com.cronutils.model.time.ExecutionTime;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.time.temporal.ChronoUnit;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * When a schedule or task fires: an EventBridge {@code cron(...)} expression read in a time zone,
 * or a {@code rate(...)} counted from an anchor. Occurrences are whole minutes.
 */
public sealed interface Recurrence {
    Pattern CRON = Pattern.compile("cron\\((.*)\\)", Pattern.DOTALL);
    Pattern RATE = Pattern.compile("rate\\(\\s*(\\d{1,9})\\s+(\\w+)\\s*\\)");

    /** The first occurrence strictly after {@code time}; empty when there is none (a cron whose years have passed). */
    Optional<Instant> next(Instant time);

    /** The first occurrence at or after {@code time}. */
    default Optional<Instant> atOrAfter(Instant time) {
        return next(time.minusSeconds(1));
    }

    /**
     * Reads an expression; IllegalArgumentException naming the problem otherwise. A rate counts
     * from {@code anchor} (truncated to the minute), as EventBridge counts from a rule's creation.
     */
    static Recurrence parse(String expression, ZoneId zone, Instant anchor) {
        String text = expression == null ? "" : expression.strip();
        Matcher cron = CRON.matcher(text);
        if (cron.matches()) {
            return new CronRecurrence(text, ExecutionTime.forCron(AwsCron.parse(cron.group(1))), zone);
        }
        Matcher rate = RATE.matcher(text);
        if (rate.matches()) {
            return new RateRecurrence(period(Long.parseLong(rate.group(1)), rate.group(2)), anchor.truncatedTo(ChronoUnit.MINUTES));
        }
        if (text.startsWith("rate(")) {
            throw new IllegalArgumentException("Invalid rate expression '" + text + "': expected rate(N unit), N a positive whole number, "
                    + "unit minute(s), hour(s) or day(s)");
        }
        throw new IllegalArgumentException("Expected an EventBridge expression such as 'cron(0 8 ? * MON-FRI *)' or 'rate(5 minutes)', "
                + "but got '" + text + "'");
    }

    private static Duration period(long amount, String unit) {
        if (amount < 1) {
            throw new IllegalArgumentException("A rate must be at least 1, but is " + amount);
        }
        String singular = unit.endsWith("s") ? unit.substring(0, unit.length() - 1) : unit;
        if (!singular.equals("minute") && !singular.equals("hour") && !singular.equals("day")) {
            throw new IllegalArgumentException("A rate's unit is minute(s), hour(s) or day(s), not '" + unit + "'");
        }
        // EventBridge's own rule: 1 takes the singular, more the plural.
        if ((amount == 1) == unit.endsWith("s")) {
            throw new IllegalArgumentException("Write rate(1 " + singular + ") for one and rate(N " + singular + "s) for more, not rate("
                    + amount + " " + unit + ")");
        }
        return switch (singular) {
            case "minute" -> Duration.ofMinutes(amount);
            case "hour" -> Duration.ofHours(amount);
            default -> Duration.ofDays(amount);
        };
    }

    /** A cron expression read in a zone: 08:00 in Europe/Berlin is 07:00Z in winter and 06:00Z in summer. */
    record CronRecurrence(String expression, ExecutionTime times, ZoneId zone) implements Recurrence {
        @Override
        public Optional<Instant> next(Instant time) {
            return times.nextExecution(ZonedDateTime.ofInstant(time, zone)).map(ZonedDateTime::toInstant);
        }
    }

    /** Every {@code period} from {@code anchor}: anchor + k * period, k >= 0. */
    record RateRecurrence(Duration period, Instant anchor) implements Recurrence {
        @Override
        public Optional<Instant> next(Instant time) {
            if (time.isBefore(anchor)) {
                return Optional.of(anchor);
            }
            long periods = Duration.between(anchor, time).toMillis() / period.toMillis() + 1;
            return Optional.of(anchor.plus(period.multipliedBy(periods)));
        }
    }
}
