package dev.wfm.store;

/**
 * The single-table key design. Every record lives under its workflow item's partition family so
 * a tenant's data never mixes with another's:
 * <pre>
 *   pk                 sk                    what
 *   ITEM#{itemId}      ITEM                  a workflow item (tenant); gsi1 = ITEMS / name#itemId
 * </pre>
 * gsi1 (gsi1pk, gsi1sk) serves listings; gsi2 a second access pattern per record kind;
 * DueIndex (duePk, dueAt) holds work due at a time, so a scheduler tick is a Query.
 */
public final class Keys {
    public static final String PK = "pk";
    public static final String SK = "sk";
    public static final String GSI1_PK = "gsi1pk";
    public static final String GSI1_SK = "gsi1sk";
    public static final String GSI1 = "gsi1";

    /** DynamoDB's limit on a partition key value (of the table or of an index), in UTF-8. */
    public static final int MAX_PARTITION_KEY_BYTES = 2048;

    private Keys() {}

    /** Whether DynamoDB accepts the value as a partition key (a longer one fails the whole request). */
    public static boolean fitsPartitionKey(String value) {
        return value.getBytes(java.nio.charset.StandardCharsets.UTF_8).length <= MAX_PARTITION_KEY_BYTES;
    }

    public static String item(String itemId) {
        return "ITEM#" + itemId;
    }

    /** The item a partition {@code ITEM#{itemId}} belongs to. */
    public static String itemIdOf(String partition) {
        return partition.substring(item("").length());
    }

    // The job domain's records (jobs.JobStore): a job, and the records under its sort-key prefix.

    /** The sort key of a job's record. */
    public static String job(String jobId) {
        return "JOB#" + jobId;
    }

    /** The sort-key prefix of every record kept under a job: deleting a job deletes them all with it. */
    public static String jobRecords(String jobId) {
        return job(jobId) + "#";
    }

    /** The sort key of a history entry: entries written together at one time keep their order by {@code position}. */
    public static String historyEntry(String jobId, String date, int position, String id) {
        return historyPrefix(jobId) + date + "#" + String.format("%03d", position) + "#" + id;
    }

    /** The sort-key prefix of a job's history entries, which sort oldest first. */
    public static String historyPrefix(String jobId) {
        return jobRecords(jobId) + "H#";
    }

    public static String comment(String jobId, String commentId) {
        return commentPrefix(jobId) + commentId;
    }

    public static String commentPrefix(String jobId) {
        return jobRecords(jobId) + "C#";
    }

    /** The sort key of a record of a related (one-to-many) extended property table. */
    public static String relatedRecord(String jobId, String tableName, String recordId) {
        return relatedPrefix(jobId) + tableName + "#" + recordId;
    }

    public static String relatedPrefix(String jobId) {
        return jobRecords(jobId) + "REL#";
    }

    /** The sort key of the record naming the parent job that waits for this child job to close. */
    public static String parentLink(String childJobId) {
        return jobRecords(childJobId) + "PARENT";
    }

    /** The sort key of the reverse record of a dependency on a step of job {@code onJobId}, kept under that job. */
    public static String dependent(String onJobId, String dependencyId) {
        return dependentsPrefix(onJobId) + dependencyId;
    }

    public static String dependentsPrefix(String onJobId) {
        return jobRecords(onJobId) + "DEP#";
    }

    /** The dependency a reverse record (its sort key) stands for. */
    public static String dependencyOf(String sortKey) {
        return sortKey.substring(sortKey.lastIndexOf('#') + 1);
    }

    /** The gsi1 partition that lists an item's jobs (what a search reads when no index narrows it). */
    public static String jobListing(String itemId) {
        return item(itemId) + "#JOBS";
    }

    /** The gsi2 partition of the item's jobs that walk a diagram (any version). */
    public static String diagramJobs(String itemId, String diagramId) {
        return item(itemId) + "#DIAGRAM#" + diagramId;
    }

    /** The partition of a job search index: the item's jobs whose {@code field} has {@code value}. */
    public static String jobIndex(String itemId, String field, String value) {
        return item(itemId) + "#" + field.toUpperCase(java.util.Locale.ROOT) + "#" + value;
    }

    /** The DueIndex partition of the records of a kind that have something due (jobs: JOB_DUE). */
    public static String duePartition(String kind) {
        return kind + "_DUE";
    }
}
