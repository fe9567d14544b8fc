package dev.wfm.jobs;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.wfm.calendars.BusinessCalendar;
import dev.wfm.common.Refusal;
import dev.wfm.config.JobTemplate;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

/** A new job's due date from its template: a JSONata expression over $job, or due days, in business days with a calendar. */
class DueDatesTest {
    private final JobsInMemory domain = new JobsInMemory();
    private final Job job = domain.job(j -> j.with(b -> {
        b.priority = "High";
        return b;
    }));
    private final Instant now = Instant.parse(job.created());

    private static JobTemplate template(Integer dueDays, String dueDate) {
        return new JobTemplate("tmpl", "Permit", "permits", null, null, null, null, null, null, dueDays, dueDate, List.of(), List.of(), false);
    }

    @Test
    void anExpressionGivesTheDueDateFromTheJobAsItIsCreated() {
        String expression = "{% $job.priority = 'High' ? $fromMillis($toMillis($job.created) + 86400000) : undefined %}";

        assertEquals("2026-03-03T09:00:00Z", DueDates.fromTemplate(template(null, expression), job, null, now));
        assertEquals("2026-03-05T00:00:00Z", DueDates.fromTemplate(template(null, "{% 1772668800000 %}"), job, null, now), "epoch milliseconds");
        assertNull(DueDates.fromTemplate(template(null, "{% $job.priority = 'Low' ? '2027-01-01T00:00:00Z' : undefined %}"), job, null, now),
                "nothing: no due date");
    }

    @Test
    void anExpressionThatGivesNoTimeOrFailsRefusesTheCreationAtDueDate() {
        for (String expression : List.of("{% 'next week' %}", "{% {'a': 1} %}", "{% $error('no') %}", "{% '+20000-01-01T00:00:00Z' %}")) {
            Refusal refused = assertThrows(Refusal.class, () -> DueDates.fromTemplate(template(null, expression), job, null, now), expression);
            assertEquals("dueDate", refused.target());
            assertTrue(refused.getMessage().startsWith("The dueDate expression of job template 'tmpl' "), refused.getMessage());
        }
    }

    @Test
    void dueDaysAreDaysOf24HoursOrWithACalendarWorkingDays() {
        BusinessCalendar weekdays = new BusinessCalendar("UTC", List.of("MON", "TUE", "WED", "THU", "FRI"), List.of("2026-03-03"), List.of());
        Instant friday = Instant.parse("2026-02-27T09:00:00Z");

        assertEquals("2026-03-01T09:00:00Z", DueDates.fromTemplate(template(2, null), job, null, friday));
        assertEquals("2026-03-04T09:00:00Z", DueDates.fromTemplate(template(2, null), job, weekdays, friday), "Monday, then Wednesday");
        assertNull(DueDates.fromTemplate(template(null, null), job, weekdays, friday));
    }

    @Test
    void aDueDateBeyondTheYear9999IsRefused() {
        assertEquals("dueDate", assertThrows(Refusal.class, () -> DueDates.checked("+10000-01-01T00:00:00Z", "dueDate")).target());
        assertEquals("9999-12-31T23:59:59Z", DueDates.checked("9999-12-31T23:59:59Z", "dueDate"));
    }
}
