package dev.wfm.scheduling;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class RecurrenceTest {
    private static final ZoneId BERLIN = ZoneId.of("Europe/Berlin");
    private static final Instant ANCHOR = Instant.parse("2027-01-01T00:00:00Z");

    private static Recurrence cron(String expression, ZoneId zone) {
        return Recurrence.parse(expression, zone, ANCHOR);
    }

    private static List<Instant> occurrences(Recurrence recurrence, String from, int count) {
        List<Instant> out = new ArrayList<>();
        Instant time = Instant.parse(from);
        for (int i = 0; i < count; i++) {
            time = recurrence.next(time).orElseThrow();
            out.add(time);
        }
        return out;
    }

    private static List<Instant> instants(String... texts) {
        return List.of(texts).stream().map(Instant::parse).toList();
    }

    @Test
    void weekdayEightInBerlinMovesFromSevenToSixUtcAcrossTheSpringChange() {
        Recurrence weekdays = cron("cron(0 8 ? * MON-FRI *)", BERLIN);
        assertEquals(instants("2027-03-25T07:00:00Z", "2027-03-26T07:00:00Z", "2027-03-29T06:00:00Z", "2027-03-30T06:00:00Z"),
                occurrences(weekdays, "2027-03-24T12:00:00Z", 4));
    }

    @Test
    void weekdayEightInBerlinMovesFromSixToSevenUtcAcrossTheAutumnChange() {
        Recurrence weekdays = cron("cron(0 8 ? * MON-FRI *)", BERLIN);
        assertEquals(instants("2027-10-28T06:00:00Z", "2027-10-29T06:00:00Z", "2027-11-01T07:00:00Z"),
                occurrences(weekdays, "2027-10-27T12:00:00Z", 3));
    }

    @Test
    void dayOfWeekNumbersAreOneForSundayToSevenForSaturday() {
        // 2027-03-28 is a Sunday, 2027-03-27 a Saturday.
        assertEquals(instants("2027-03-28T12:00:00Z"), occurrences(cron("cron(0 12 ? * 1 *)", ZoneOffset.UTC), "2027-03-22T00:00:00Z", 1));
        assertEquals(instants("2027-03-27T12:00:00Z"), occurrences(cron("cron(0 12 ? * 7 *)", ZoneOffset.UTC), "2027-03-22T00:00:00Z", 1));
        assertEquals(instants("2027-03-22T12:00:00Z"), occurrences(cron("cron(0 12 ? * 2 *)", ZoneOffset.UTC), "2027-03-21T13:00:00Z", 1));
        assertEquals(occurrences(cron("cron(0 12 ? * 2-6 *)", ZoneOffset.UTC), "2027-03-21T00:00:00Z", 6),
                occurrences(cron("cron(0 12 ? * MON-FRI *)", ZoneOffset.UTC), "2027-03-21T00:00:00Z", 6));
    }

    @Test
    void lastDayHashAndNearestWeekdayFollowEventBridge() {
        assertEquals(instants("2027-02-28T10:00:00Z"), occurrences(cron("cron(0 10 L * ? *)", ZoneOffset.UTC), "2027-02-01T00:00:00Z", 1));
        // The second Monday of March 2027 is the 8th.
        assertEquals(instants("2027-03-08T10:00:00Z"), occurrences(cron("cron(0 10 ? 3 2#2 *)", ZoneOffset.UTC), "2027-01-01T00:00:00Z", 1));
        // 2027-05-15 is a Saturday: the nearest weekday is Friday the 14th.
        assertEquals(instants("2027-05-14T10:00:00Z"), occurrences(cron("cron(0 10 15W * ? *)", ZoneOffset.UTC), "2027-05-01T00:00:00Z", 1));
        // The last Friday (6L) of April 2027 is the 30th.
        assertEquals(instants("2027-04-30T10:00:00Z"), occurrences(cron("cron(0 10 ? * 6L *)", ZoneOffset.UTC), "2027-04-01T00:00:00Z", 1));
    }

    @Test
    void minuteListsAndStepsAndTheYearFieldWork() {
        assertEquals(instants("2027-01-01T00:15:00Z", "2027-01-01T00:30:00Z", "2027-01-01T00:45:00Z", "2027-01-01T01:00:00Z"),
                occurrences(cron("cron(0/15 * * * ? *)", ZoneOffset.UTC), "2027-01-01T00:00:00Z", 4));
        Recurrence onlyIn2027 = cron("cron(0 0 1 1 ? 2027)", ZoneOffset.UTC);
        assertEquals(Optional.of(Instant.parse("2027-01-01T00:00:00Z")), onlyIn2027.next(Instant.parse("2026-06-01T00:00:00Z")));
        assertEquals(Optional.empty(), onlyIn2027.next(Instant.parse("2027-01-01T00:00:00Z")));
    }

    @Test
    void ratesCountFromTheirAnchor() {
        Recurrence everyTwoHours = Recurrence.parse("rate(2 hours)", BERLIN, Instant.parse("2027-01-01T00:00:30Z"));
        assertEquals(instants("2027-01-01T02:00:00Z", "2027-01-01T04:00:00Z"), occurrences(everyTwoHours, "2027-01-01T00:00:00Z", 2));
        assertEquals(Optional.of(Instant.parse("2027-01-01T00:00:00Z")), everyTwoHours.atOrAfter(Instant.parse("2027-01-01T00:00:00Z")));
        Recurrence daily = Recurrence.parse("rate(1 day)", ZoneOffset.UTC, ANCHOR);
        assertEquals(Optional.of(Instant.parse("2027-01-04T00:00:00Z")), daily.next(Instant.parse("2027-01-03T12:00:00Z")));
        assertEquals(Optional.of(Instant.parse("2027-01-01T00:05:00Z")),
                Recurrence.parse("rate(5 minutes)", ZoneOffset.UTC, ANCHOR).next(ANCHOR));
    }

    @Test
    void invalidExpressionsAreRejectedNamingTheProblem() {
        assertMessage("6 fields", "cron(0 8 * * ?)");
        assertMessage("6 fields", "cron(0 0 8 * * ? *)");
        assertMessage("exactly one", "cron(0 8 * * * *)");
        assertMessage("exactly one", "cron(0 8 ? * ? *)");
        assertMessage("Invalid cron", "cron(61 8 * * ? *)");
        assertMessage("Invalid cron", "cron(0 25 * * ? *)");
        assertMessage("Invalid cron", "cron(0 8 ? * 8 *)");
        assertMessage("Invalid cron", "cron(0 8 ? * FOO *)");
        assertMessage("rate(1 hour)", "rate(1 hours)");
        assertMessage("rate(N minutes)", "rate(5 minute)");
        assertMessage("at least 1", "rate(0 minutes)");
        assertMessage("minute(s), hour(s) or day(s)", "rate(2 weeks)");
        assertMessage("Expected an EventBridge expression", "every day at 8");
        assertMessage("Expected an EventBridge expression", "0 8 * * ?");
    }

    private static void assertMessage(String fragment, String expression) {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> cron(expression, ZoneOffset.UTC), expression);
        assertTrue(e.getMessage().contains(fragment), expression + " → " + e.getMessage());
    }
}
