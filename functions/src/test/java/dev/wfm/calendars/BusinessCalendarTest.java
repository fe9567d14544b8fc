package dev.wfm.calendars;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.wfm.common.Json;
import dev.wfm.common.Refusal;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Business calendars: read strictly, and their arithmetic across weekends, holidays, clock changes and leap days. */
class BusinessCalendarTest {
    private static final List<String> WEEKDAYS = List.of("MON", "TUE", "WED", "THU", "FRI");
    private static final List<String> EVERY_DAY = BusinessCalendar.DAYS;

    private static BusinessCalendar calendar(String zone, List<String> days, List<String> excluded, List<String> included) {
        return new BusinessCalendar(zone, days, excluded, included);
    }

    private static Refusal refused(String json) {
        return assertThrows(Refusal.class, () -> BusinessCalendar.read(Json.read(json)));
    }

    @Test
    void aCalendarIsReadWithItsDaysInWeekOrderAndItsDatesSorted() throws Exception {
        BusinessCalendar read = BusinessCalendar.read(Json.read("""
                {"timeZone": "Europe/Berlin", "workingDays": ["FRI", "MON", "WED"], "excludedDates": ["2026-12-31", "2026-12-24"],
                 "includedDates": ["2026-12-27"], "revision": 3}"""));

        assertEquals(calendar("Europe/Berlin", List.of("MON", "WED", "FRI"), List.of("2026-12-24", "2026-12-31"), List.of("2026-12-27")), read);
    }

    @Test
    void aCalendarWithoutAWorkingDayOfTheWeekIsRefused() {
        Refusal none = refused("{\"timeZone\": \"UTC\", \"workingDays\": [], \"includedDates\": [\"2026-12-27\"]}");
        assertEquals("workingDays", none.target());
        assertEquals("workingDays", refused("{\"timeZone\": \"UTC\"}").target());
    }

    @Test
    void unknownFieldsZonesDaysAndMalformedOrRepeatedDatesAreRefusedAtTheirPlace() {
        assertEquals("hours", refused("{\"timeZone\": \"UTC\", \"workingDays\": [\"MON\"], \"hours\": \"9-17\"}").target());
        assertEquals("timeZone", refused("{\"timeZone\": \"Mars/Olympus\", \"workingDays\": [\"MON\"]}").target());
        assertEquals("timeZone", refused("{\"timeZone\": \"+02:00\", \"workingDays\": [\"MON\"]}").target());
        assertEquals("workingDays[1]", refused("{\"timeZone\": \"UTC\", \"workingDays\": [\"MON\", \"Monday\"]}").target());
        assertEquals("workingDays[1]", refused("{\"timeZone\": \"UTC\", \"workingDays\": [\"MON\", \"MON\"]}").target());
        for (String date : List.of("2026-02-30", "2026-2-03", "2026-13-01", "26-12-25", "2026-12-25T00:00:00Z", "2025-02-29")) {
            assertEquals("excludedDates[0]", refused("{\"timeZone\": \"UTC\", \"workingDays\": [\"MON\"], \"excludedDates\": [\"" + date
                    + "\"]}").target(), date);
        }
        assertEquals("includedDates[1]", refused("{\"timeZone\": \"UTC\", \"workingDays\": [\"MON\"], \"includedDates\": [\"2026-12-26\","
                + " \"2026-12-26\"]}").target());
        assertEquals("includedDates", refused("{\"timeZone\": \"UTC\", \"workingDays\": [\"MON\"], \"excludedDates\": [\"2026-12-26\"],"
                + " \"includedDates\": [\"2026-12-26\"]}").target());
        assertEquals("excludedDates[0]", refused("{\"timeZone\": \"UTC\", \"workingDays\": [\"MON\"], \"excludedDates\": [3]}").target());
    }

    @Test
    void dueDaysSkipAWeekendAndAHolidayAndKeepTheLocalTimeOfDay() {
        BusinessCalendar berlin = calendar("Europe/Berlin", WEEKDAYS, List.of("2026-12-25"), List.of());

        // Thursday 10:00 in Berlin; Friday is a holiday, then the weekend: Monday is the first working day, Tuesday the second
        assertEquals(Instant.parse("2026-12-29T09:00:00Z"), berlin.plusWorkingDays(Instant.parse("2026-12-24T09:00:00Z"), 2));
        assertEquals(Instant.parse("2026-12-24T09:00:00Z"), berlin.plusWorkingDays(Instant.parse("2026-12-24T09:00:00Z"), 0));
    }

    @Test
    void anIncludedDateIsAWorkingDayAndAnExcludedWeekendDayChangesNothing() {
        BusinessCalendar included = calendar("UTC", WEEKDAYS, List.of("2026-12-26"), List.of("2026-12-27"));

        // Friday 12:00 plus one working day: Saturday is off (and excluded), Sunday is included
        assertEquals(Instant.parse("2026-12-27T12:00:00Z"), included.plusWorkingDays(Instant.parse("2026-12-25T12:00:00Z"), 1));
    }

    @Test
    void dueDaysFromADayOffEndWithTheLastWorkingDay() {
        BusinessCalendar berlin = calendar("Europe/Berlin", WEEKDAYS, List.of(), List.of());

        // Saturday 15:00: Monday is the one working day, due as it ends (Tuesday 00:00 in Berlin)
        assertEquals(Instant.parse("2026-12-28T23:00:00Z"), berlin.plusWorkingDays(Instant.parse("2026-12-26T14:00:00Z"), 1));
    }

    @Test
    void businessTimeCountsOnlyWorkingDaysLocalMidnightToMidnight() {
        BusinessCalendar berlin = calendar("Europe/Berlin", WEEKDAYS, List.of("2026-12-28"), List.of());

        // Friday 18:00 to Tuesday 06:00 (Berlin): Friday's last 6 hours and Tuesday's first 6; the weekend and the holiday Monday are out
        assertEquals(Duration.ofHours(12).toMillis(), berlin.between(Instant.parse("2026-12-25T17:00:00Z"), Instant.parse("2026-12-29T05:00:00Z")));
        // 10 hours from Friday 18:00 run out on Tuesday 04:00
        assertEquals(Instant.parse("2026-12-29T03:00:00Z"), berlin.plus(Instant.parse("2026-12-25T17:00:00Z"), Duration.ofHours(10).toMillis()));
        assertEquals(0, berlin.between(Instant.parse("2026-12-26T10:00:00Z"), Instant.parse("2026-12-27T10:00:00Z")));
        // no business time is needed at all: the moment itself, even on a day off
        assertEquals(Instant.parse("2026-12-26T10:00:00Z"), berlin.plus(Instant.parse("2026-12-26T10:00:00Z"), 0));
    }

    @Test
    void aDayTheClocksSpringForwardOnIs23HoursOfBusinessTimeAndOneTheyFallBackOn25() {
        BusinessCalendar berlin = calendar("Europe/Berlin", EVERY_DAY, List.of(), List.of());

        // 2026-03-29: 02:00 becomes 03:00 in Berlin; local midnight to midnight is 23 hours
        Instant sundayStart = Instant.parse("2026-03-28T23:00:00Z");
        Instant mondayStart = Instant.parse("2026-03-29T22:00:00Z");
        assertEquals(Duration.ofHours(23).toMillis(), berlin.between(sundayStart, mondayStart));
        assertEquals(mondayStart, berlin.plus(sundayStart, Duration.ofHours(23).toMillis()));
        // one working day from Saturday 10:00 is Sunday 10:00: 23 hours later
        assertEquals(Instant.parse("2026-03-29T08:00:00Z"), berlin.plusWorkingDays(Instant.parse("2026-03-28T09:00:00Z"), 1));
        // a local time the clocks skip moves on by the gap: 02:30 on Sunday is 03:30 summer time
        assertEquals(Instant.parse("2026-03-29T01:30:00Z"), berlin.plusWorkingDays(Instant.parse("2026-03-28T01:30:00Z"), 1));
        // 2026-10-25: 03:00 becomes 02:00 again; that day is 25 hours
        assertEquals(Duration.ofHours(25).toMillis(),
                berlin.between(Instant.parse("2026-10-24T22:00:00Z"), Instant.parse("2026-10-25T23:00:00Z")));
    }

    @Test
    void aLeapDayIsADayLikeAnyOther() {
        BusinessCalendar utc = calendar("UTC", WEEKDAYS, List.of(), List.of());
        BusinessCalendar leapHoliday = calendar("UTC", WEEKDAYS, List.of("2028-02-29"), List.of());

        // Monday 2028-02-28 09:00: Tuesday is the 29th
        assertEquals(Instant.parse("2028-02-29T09:00:00Z"), utc.plusWorkingDays(Instant.parse("2028-02-28T09:00:00Z"), 1));
        assertEquals(Instant.parse("2028-03-01T09:00:00Z"), leapHoliday.plusWorkingDays(Instant.parse("2028-02-28T09:00:00Z"), 1));
        assertEquals(Duration.ofHours(48).toMillis(), utc.between(Instant.parse("2028-02-28T00:00:00Z"), Instant.parse("2028-03-01T00:00:00Z")));
        assertEquals(Duration.ofHours(24).toMillis(),
                leapHoliday.between(Instant.parse("2028-02-28T00:00:00Z"), Instant.parse("2028-03-01T00:00:00Z")));
    }
}
