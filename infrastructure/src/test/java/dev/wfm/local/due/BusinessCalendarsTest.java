package dev.wfm.local.due;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.wfm.local.ApiClient;
import java.time.DayOfWeek;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** An item's business calendar over HTTP, and the due dates its jobs get from it and from a template's expression. */
class BusinessCalendarsTest {
    private static final List<String> DAYS = List.of("MON", "TUE", "WED", "THU", "FRI", "SAT", "SUN");

    private final DueDriver driver = new DueDriver("Calendar test");

    private ApiClient.Response put(String json) {
        return driver.api.send("PUT", driver.path("/calendar"), driver.admin, json);
    }

    @Test
    void anAdminSetsReadsAndRemovesTheItemsCalendarGuardedByItsRevision() {
        assertEquals(404, driver.api.get(driver.path("/calendar"), driver.admin).status());
        String calendar = """
                {"timeZone": "Europe/Berlin", "workingDays": ["FRI", "MON", "TUE", "WED", "THU"],
                 "excludedDates": ["2026-12-25", "2026-12-24"], "includedDates": ["2026-12-27"]}""";
        String worker = driver.cloud.token("wanda", List.of("workers"));
        assertEquals(403, driver.api.send("PUT", driver.path("/calendar"), worker, calendar).status());

        ApiClient.Response set = put(calendar);

        assertEquals(200, set.status(), set.body().toString());
        assertEquals("{\"timeZone\":\"Europe/Berlin\",\"workingDays\":[\"MON\",\"TUE\",\"WED\",\"THU\",\"FRI\"],"
                + "\"excludedDates\":[\"2026-12-24\",\"2026-12-25\"],\"includedDates\":[\"2026-12-27\"],\"revision\":1}", set.body().toString());
        ApiClient.Response read = driver.api.get(driver.path("/calendar"), worker);
        assertEquals(set.body(), read.body(), "anyone with a role reads it");
        ObjectNode stale = (ObjectNode) read.body().deepCopy();
        assertEquals(200, put(stale.toString()).status(), "a GET's answer is taken back");
        ApiClient.Response conflict = put(stale.toString());
        assertEquals(List.of(409, "revision"), List.of(conflict.status(), conflict.body().path("target").asText()));
        assertEquals(204, driver.api.send("DELETE", driver.path("/calendar"), driver.admin, null).status());
        assertEquals(404, driver.api.get(driver.path("/calendar"), driver.admin).status());
    }

    @Test
    void aCalendarIsCheckedStrictlyAndABadOneChangesNothing() {
        for (String[] bad : new String[][] {
                {"{\"timeZone\": \"UTC\", \"workingDays\": []}", "workingDays"},
                {"{\"timeZone\": \"UTC\", \"workingDays\": [\"MON\"], \"hours\": \"9-17\"}", "hours"},
                {"{\"timeZone\": \"Berlin\", \"workingDays\": [\"MON\"]}", "timeZone"},
                {"{\"timeZone\": \"UTC\", \"workingDays\": [\"MON\"], \"excludedDates\": [\"2026-02-30\"]}", "excludedDates[0]"},
                {"{\"timeZone\": \"UTC\", \"workingDays\": [\"Monday\"]}", "workingDays[0]"}}) {
            ApiClient.Response refused = put(bad[0]);
            assertEquals(List.of(400, bad[1]), List.of(refused.status(), refused.body().path("target").asText()), bad[0]);
        }
        assertEquals(404, driver.api.get(driver.path("/calendar"), driver.admin).status());
    }

    /**
     * The job is created today; the calendar, in a zone where it is around noon now (so no day
     * boundary falls during the test), gives it a "weekend" of the next two days and a holiday on
     * the third: two working days on are five days on. An extra working day brings the next job's in.
     */
    @Test
    void dueDaysCountWorkingDaysSkippingAWeekendAndAHolidayAndAJobKeepsItsCalendar() {
        Instant now = Instant.now();
        int offset = 12 - now.atZone(ZoneOffset.UTC).getHour();
        ZoneId zone = ZoneId.of(offset == 0 ? "Etc/GMT" : offset > 0 ? "Etc/GMT-" + offset : "Etc/GMT+" + -offset);
        LocalDate today = LocalDate.now(zone);
        List<String> working = new ArrayList<>(DAYS);
        for (DayOfWeek off : List.of(today.plusDays(1).getDayOfWeek(), today.plusDays(2).getDayOfWeek())) {
            working.remove(DAYS.get(off.ordinal()));
        }
        ObjectNode calendar = DueDriver.MAPPER.createObjectNode().put("timeZone", zone.getId());
        working.forEach(calendar.putArray("workingDays")::add);
        calendar.putArray("excludedDates").add(today.plusDays(3).toString());
        assertEquals(200, put(calendar.toString()).status());
        String template = driver.template(", \"dueDays\": 2");

        JsonNode job = driver.get(driver.job(template, ""));
        assertEquals(Instant.parse(job.path("created").asText()).plus(Duration.ofDays(5)).toString(), job.path("dueDate").asText());

        calendar.put("revision", 1).putArray("includedDates").add(today.plusDays(2).toString());
        assertEquals(200, put(calendar.toString()).status());
        JsonNode next = driver.get(driver.job(template, ""));
        assertEquals(Instant.parse(next.path("created").asText()).plus(Duration.ofDays(4)).toString(), next.path("dueDate").asText(),
                "the day after tomorrow works now");
        assertEquals(job.path("dueDate"), driver.get(job.path("jobId").asText()).path("dueDate"), "a due date once given stays");
    }

    @Test
    void aTemplatesDueDateExpressionGivesNewJobsTheirDueDate() {
        String template = driver.template(", \"dueDate\": \"{% $fromMillis($toMillis($job.created) + 3 * 3600000) %}\"");

        JsonNode job = driver.get(driver.job(template, ""));
        assertEquals(Instant.parse(job.path("created").asText()).truncatedTo(ChronoUnit.MILLIS).plus(Duration.ofHours(3)).toString(),
                job.path("dueDate").asText(), "JSONata's times are milliseconds");
        JsonNode given = driver.get(driver.job(template, ", \"dueDate\": \"2030-01-01T00:00:00Z\""));
        assertEquals("2030-01-01T00:00:00Z", given.path("dueDate").asText(), "a due date the request gives comes first");
    }

    @Test
    void aDueDateExpressionThatDoesNotParseOrComesWithDueDaysIsRefusedOnSave() {
        for (String extra : List.of(", \"dueDate\": \"{% $job.created + %}\"", ", \"dueDate\": \"2030-01-01T00:00:00Z\"",
                ", \"dueDate\": \"{% $job.created %}\", \"dueDays\": 2")) {
            ApiClient.Response refused = driver.api.post(driver.path("/job-templates"), driver.admin,
                    "{\"name\": \"Inspect\", \"diagramId\": \"" + driver.diagramId + "\"" + extra + "}");
            assertEquals(List.of(400, "dueDate"), List.of(refused.status(), refused.body().path("target").asText()), extra);
        }
    }
}
