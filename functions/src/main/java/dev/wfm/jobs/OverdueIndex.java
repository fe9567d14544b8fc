package dev.wfm.jobs;

import dev.wfm.store.Keys;
import dev.wfm.store.Table;
import java.util.Map;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/**
 * The sparse index of an item's jobs by the moment they count as overdue from (template.yaml's
 * {@value #NAME}): one partition per item, sorted by {@link Job#overdueFrom} to the second
 * (rounded up). Only open jobs that are overdue, or will be once their running clock reaches it,
 * carry the keys; so the overdue jobs at a time are one range Query, never a Scan.
 */
public final class OverdueIndex {
    public static final String NAME = "jobsByOverdueFrom";
    public static final String PARTITION = "overdueFromPk";
    public static final String SORT = "overdueFrom";

    private OverdueIndex() {}

    public static String partition(String itemId) {
        return Keys.overdueJobs(itemId);
    }

    /** The index keys a job record carries: none when it has no moment to be overdue from. */
    static Map<String, AttributeValue> keys(Job job) {
        return job.overdueFrom()
                .map(from -> Map.of(PARTITION, Table.s(partition(job.itemId())), SORT, Table.s(Keys.timeKey(from))))
                .orElse(Map.of());
    }
}
