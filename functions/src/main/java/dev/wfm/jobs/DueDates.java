package dev.wfm.jobs;

import com.fasterxml.jackson.databind.JsonNode;
import dev.wfm.calendars.BusinessCalendar;
import dev.wfm.common.JsonataTemplates;
import dev.wfm.common.Refusal;
import dev.wfm.config.JobTemplate;
import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.Map;

/**
 * A job's due date: the one its creation or update gives, else, as it is created, its template's
 * {@code dueDate} expression's value or its template's {@code dueDays} (working days of the
 * item's business calendar when it has one, else days of 24 hours). Due dates lie in the years
 * 1 to 9999, so every clock arithmetic on them stays in range.
 */
public final class DueDates {
    private static final Instant FIRST = Instant.parse("0001-01-01T00:00:00Z");
    private static final Instant LAST = Instant.parse("9999-12-31T23:59:59.999Z");

    private DueDates() {}

    /** A due date a request gives (ISO-8601, normalised; null when absent), in range; 400 at {@code target} otherwise. */
    public static String checked(String dueDate, String target) {
        if (dueDate != null && !inRange(Instant.parse(dueDate))) {
            throw Refusal.invalid(target + " must lie in the years 1 to 9999, not " + dueDate, target);
        }
        return dueDate;
    }

    private static boolean inRange(Instant due) {
        return !due.isBefore(FIRST) && !due.isAfter(LAST);
    }

    /**
     * The due date of {@code job}, created at {@code now} from {@code template} without one of
     * its own: the template's expression's (with {@code $job}: the job's properties and
     * {@code created}; an ISO-8601 time or epoch milliseconds; nothing gives no due date), else
     * its due days; null when the template sets neither.
     */
    static String fromTemplate(JobTemplate template, Job job, BusinessCalendar calendar, Instant now) {
        if (template.dueDate() != null) {
            return evaluated(template, job);
        }
        if (template.dueDays() == null) {
            return null;
        }
        return (calendar != null ? calendar.plusWorkingDays(now, template.dueDays()) : now.plus(Duration.ofDays(template.dueDays())))
                .toString();
    }

    private static String evaluated(JobTemplate template, Job job) {
        JsonNode variables = job.properties().put("created", job.created());
        Object value;
        try {
            value = JsonataTemplates.evaluate(template.dueDate(), Map.of("job", variables));
        } catch (RuntimeException e) {
            throw refused(template, "failed: " + e.getMessage());
        }
        if (value == null || "".equals(value)) {
            return null;
        }
        Instant due;
        try {
            due = value instanceof Number millis ? Instant.ofEpochMilli(millis.longValue()) : Instant.parse(value.toString());
        } catch (DateTimeParseException e) {
            throw refused(template, "gave '" + value + "', not an ISO-8601 time such as 2026-12-01T17:00:00Z or epoch milliseconds");
        }
        if (!inRange(due)) {
            throw refused(template, "gave " + due + ", outside the years 1 to 9999");
        }
        return due.toString();
    }

    private static Refusal refused(JobTemplate template, String what) {
        return Refusal.invalid("The dueDate expression of job template '" + template.jobTemplateId() + "' " + what
                + "; give the job a dueDate or fix the template", "dueDate");
    }
}
