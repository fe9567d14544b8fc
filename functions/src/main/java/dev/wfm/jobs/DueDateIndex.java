package dev.wfm.jobs;

import dev.wfm.store.Keys;
import dev.wfm.store.Table;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.Map;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/**
 * The sparse index of an item's jobs by their due date (template.yaml's {@value #NAME}): one
 * partition per item, sorted by the due date to the second (rounded up), so a search for the jobs
 * due in a range is one range Query. A job without a due date does not carry the keys.
 */
public final class DueDateIndex {
    public static final String NAME = "jobsByDueDate";
    public static final String PARTITION = "dueDatePk";
    public static final String SORT = "dueDateKey";

    private DueDateIndex() {}

    public static String partition(String itemId) {
        return Keys.jobsByDueDate(itemId);
    }

    /** The index keys a job record carries: none without a due date. */
    static Map<String, AttributeValue> keys(Job job) {
        if (job.dueDate() == null) {
            return Map.of();
        }
        try {
            return Map.of(PARTITION, Table.s(partition(job.itemId())), SORT, Table.s(Keys.timeKey(Instant.parse(job.dueDate()))));
        } catch (DateTimeParseException notAnInstant) {
            return Map.of(); // due dates are checked as instants when set (DueDates); one that is not is found by the job listing
        }
    }
}
