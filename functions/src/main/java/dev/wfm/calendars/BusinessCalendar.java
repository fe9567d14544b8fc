package dev.wfm.calendars;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.wfm.common.Json;
import dev.wfm.common.JsonFields;
import dev.wfm.common.Refusal;
import java.time.DayOfWeek;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * A business calendar: the days work is done, in its IANA time zone. A day is a working day when
 * it is one of {@code includedDates} (extra working days), or its day of the week is one of
 * {@code workingDays} and it is not one of {@code excludedDates} (holidays). Business time is
 * whole working days, local midnight to midnight (a day is 23 or 25 hours long when the clocks
 * change on it). Every calendar has a working day of the week, so every arithmetic here ends.
 * Kept as given in the API ({@code MON}..{@code SUN}, ISO dates sorted), so a job keeps a copy.
 */
public record BusinessCalendar(String timeZone, List<String> workingDays, List<String> excludedDates, List<String> includedDates)
        implements BusinessTime {
    /** The days of the week as the API names them, Monday first (as {@link DayOfWeek} orders them). */
    public static final List<String> DAYS = List.of("MON", "TUE", "WED", "THU", "FRI", "SAT", "SUN");
    public static final int MAX_DATES = 1000;
    static final Set<String> FIELDS = Set.of("timeZone", "workingDays", "excludedDates", "includedDates");

    public BusinessCalendar {
        workingDays = List.copyOf(workingDays);
        excludedDates = List.copyOf(excludedDates);
        includedDates = List.copyOf(includedDates);
    }

    /**
     * A calendar as a request gives it, checked strictly: a known IANA {@code timeZone}, at least
     * one working day of the week, ISO dates (yyyy-MM-dd) each listed once and not both excluded
     * and included; {@code revision} is taken back as the GET answered it (the caller checks it).
     */
    public static BusinessCalendar read(JsonNode body) {
        if (body == null || !body.isObject()) {
            throw Refusal.invalid("A business calendar is an object {timeZone, workingDays, excludedDates?, includedDates?}", null);
        }
        Set<String> accepted = new HashSet<>(FIELDS);
        accepted.add("revision");
        JsonFields.refuseUnknown(body, "", accepted);
        String timeZone = JsonFields.requiredString(body, "timeZone", 64);
        if (!ZoneId.getAvailableZoneIds().contains(timeZone)) {
            throw Refusal.invalid("Unknown time zone '" + timeZone + "'; use an IANA name such as Europe/Berlin or UTC", "timeZone");
        }
        List<String> days = JsonFields.stringList(body.get("workingDays"), "workingDays");
        for (int i = 0; i < days.size(); i++) {
            if (!DAYS.contains(days.get(i)) || days.indexOf(days.get(i)) != i) {
                throw Refusal.invalid("Expected workingDays to list distinct days of " + DAYS + ", but entry " + i + " is '"
                        + days.get(i) + "'", "workingDays[" + i + "]");
            }
        }
        if (days.isEmpty()) {
            throw Refusal.invalid("A business calendar needs at least one working day of the week in workingDays, such as "
                    + DAYS.subList(0, 5), "workingDays");
        }
        List<String> excluded = dates(body, "excludedDates");
        List<String> included = dates(body, "includedDates");
        if (excluded.size() + included.size() > MAX_DATES) {
            throw Refusal.invalid("A business calendar lists at most " + MAX_DATES + " excluded and included dates together", "excludedDates");
        }
        for (String date : included) {
            if (Collections.binarySearch(excluded, date) >= 0) {
                throw Refusal.invalid("Date " + date + " is both excluded and included; name it in one of the lists", "includedDates");
            }
        }
        return new BusinessCalendar(timeZone, DAYS.stream().filter(days::contains).toList(), excluded, included);
    }

    /** The ISO dates of a list field, sorted; 400 at the entry that is not one, or is listed twice. */
    private static List<String> dates(JsonNode body, String field) {
        List<String> given = JsonFields.stringList(body.get(field), field);
        List<String> dates = new ArrayList<>();
        for (int i = 0; i < given.size(); i++) {
            String text = given.get(i);
            try {
                if (text.length() != 10) {
                    throw new DateTimeParseException("not yyyy-MM-dd", text, 0);
                }
                LocalDate.parse(text);
            } catch (DateTimeParseException e) {
                throw Refusal.invalid("Expected " + field + " to hold ISO dates such as 2026-12-25, but entry " + i + " is '" + text + "'",
                        field + "[" + i + "]");
            }
            if (dates.contains(text)) {
                throw Refusal.invalid("Date " + text + " is listed twice in " + field, field + "[" + i + "]");
            }
            dates.add(text);
        }
        Collections.sort(dates);
        return dates;
    }

    /** The calendar as the API shows it. */
    public ObjectNode view() {
        ObjectNode view = Json.object().put("timeZone", timeZone);
        workingDays.forEach(view.putArray("workingDays")::add);
        excludedDates.forEach(view.putArray("excludedDates")::add);
        includedDates.forEach(view.putArray("includedDates")::add);
        return view;
    }

    public boolean workingDay(LocalDate date) {
        String iso = date.toString();
        if (Collections.binarySearch(includedDates, iso) >= 0) {
            return true;
        }
        return workingDays.contains(DAYS.get(date.getDayOfWeek().ordinal())) && Collections.binarySearch(excludedDates, iso) < 0;
    }

    /**
     * The due moment {@code days} working days after {@code from}: the same local time on the
     * {@code days}th working day after its day, or, from a day off, the end of the {@code days}th
     * working day from then on (0 days: {@code from} itself). A local time the clocks skip on that
     * day moves on by the gap.
     */
    public Instant plusWorkingDays(Instant from, int days) {
        if (days == 0) {
            return from;
        }
        LocalDateTime local = LocalDateTime.ofInstant(from, zone());
        LocalDate day = local.toLocalDate();
        if (workingDay(day)) {
            for (int i = 0; i < days; i++) {
                day = nextWorkingDay(day);
            }
            return ZonedDateTime.ofLocal(day.atTime(local.toLocalTime()), zone(), null).toInstant();
        }
        day = nextWorkingDay(day);
        for (int i = 1; i < days; i++) {
            day = nextWorkingDay(day);
        }
        return startOf(day.plusDays(1));
    }

    @Override
    public long between(Instant from, Instant to) {
        long total = 0;
        LocalDate day = LocalDate.ofInstant(from, zone());
        Instant start = startOf(day);
        while (start.isBefore(to)) {
            Instant end = startOf(day.plusDays(1));
            if (workingDay(day)) {
                total += java.time.Duration.between(later(from, start), earlier(to, end)).toMillis();
            }
            day = day.plusDays(1);
            start = end;
        }
        return total;
    }

    @Override
    public Instant plus(Instant from, long millis) {
        if (millis == 0) {
            return from;
        }
        long left = millis;
        LocalDate day = LocalDate.ofInstant(from, zone());
        while (true) {
            Instant end = startOf(day.plusDays(1));
            if (workingDay(day)) {
                Instant start = later(from, startOf(day));
                long available = java.time.Duration.between(start, end).toMillis();
                if (left <= available) {
                    return start.plusMillis(left);
                }
                left -= available;
            }
            day = day.plusDays(1);
        }
    }

    private LocalDate nextWorkingDay(LocalDate after) {
        LocalDate day = after.plusDays(1);
        while (!workingDay(day)) {
            day = day.plusDays(1);
        }
        return day;
    }

    private ZoneId zone() {
        return ZoneId.of(timeZone);
    }

    /** The first moment of the local day (not always midnight: some zones skip it when the clocks change). */
    private Instant startOf(LocalDate day) {
        return day.atStartOfDay(zone()).toInstant();
    }

    private static Instant later(Instant a, Instant b) {
        return a.isAfter(b) ? a : b;
    }

    private static Instant earlier(Instant a, Instant b) {
        return a.isBefore(b) ? a : b;
    }
}
