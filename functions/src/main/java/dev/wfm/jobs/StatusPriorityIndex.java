package dev.wfm.jobs;

import dev.wfm.store.Keys;
import dev.wfm.store.Table;
import java.util.Map;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/**
 * The sparse index of an item's jobs by status and priority together (template.yaml's
 * {@value #NAME}, keys only): one partition per item, status and priority, so a search naming both
 * reads the jobs that have both, not all those of one. A job without both, or whose pair is too
 * long for a key, does not carry the key.
 */
public final class StatusPriorityIndex {
    public static final String NAME = "jobsByStatusAndPriority";
    public static final String PARTITION = "statusPriorityPk";

    private StatusPriorityIndex() {}

    public static String partition(String itemId, String status, String priority) {
        return Keys.jobsByStatusAndPriority(itemId, status, priority);
    }

    /** The index key a job record carries. */
    static Map<String, AttributeValue> keys(Job job) {
        if (job.jobStatus() == null || job.jobStatus().isEmpty() || job.priority() == null || job.priority().isEmpty()) {
            return Map.of();
        }
        String partition = partition(job.itemId(), job.jobStatus(), job.priority());
        return Keys.fitsPartitionKey(partition) ? Map.of(PARTITION, Table.s(partition)) : Map.of();
    }
}
