package dev.wfm.store;

import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;

/**
 * The single-table key design: the one picture of the workflow table's layout, and the builders
 * of its keys (no other package spells a key). Every record but a webhook's pointer lives under
 * its workflow item's partition family, so a tenant's data never mixes with another's:
 * <pre>
 *   pk                          sk                                  what (kept by)
 *   ITEM#{itemId}               ITEM                                a workflow item (items.ItemStore); gsi1 = ITEMS / {name}#{itemId}
 *   ITEM#{itemId}               {KIND}#{id}                         a configuration document, revisioned (DocumentStore), of kind
 *                                                                   DIAGRAM, DIAGRAM_VERSION (id {diagramId}#{version, 6 digits}),
 *                                                                   TEMPLATE, LOOKUP, LOOKUP_USE (a counter), EXTPROP, SEARCH, WEBHOOK,
 *                                                                   NOTIFICATION (a rule), EMAIL_DIRECTORY (id people),
 *                                                                   CALENDAR (id business: calendars.BusinessCalendars)
 *   ITEM#{itemId}               SCHEDULE#{id}, TASK#{id}            a schedule, a scheduled task (scheduling.RecurringStore);
 *                                                                   DueIndex = {KIND}_DUE / nextRun while enabled
 *   ITEM#{itemId}               {KIND}RUN#{id}#{runId}              one of its runs
 *   HOOK#{webhookId}            HOOK                                the item a webhook belongs to (webhooks.WebhookStore)
 *   ITEM#{itemId}               DELIVERY#{webhookId}#{deliveryId}   a webhook delivery, expiring (webhooks.DeliveryLog)
 *   ITEM#{itemId}               NOTIFYDELIVERY#{ruleId}#{time}#{eventId}  a rule's delivery for one event, expiring
 *                                                                   (notifications.NotificationLog); DueIndex = NOTIFICATION_DUE / next attempt
 *   ITEM#{itemId}               JOB#{jobId}                         a job (jobs.JobStore); gsi1 = ITEM#{itemId}#JOBS / jobId,
 *                                                                   gsi2 = ITEM#{itemId}#DIAGRAM#{diagramId} / jobId, the search
 *                                                                   indexes ITEM#{itemId}#{FIELD}#{value} (jobs.JobIndex),
 *                                                                   jobsByOverdueFrom = ITEM#{itemId}#OVERDUE / overdue from
 *                                                                   (jobs.OverdueIndex), jobsByDueDate = ITEM#{itemId}#DUE / due
 *                                                                   date (jobs.DueDateIndex), jobsByStatusAndPriority =
 *                                                                   ITEM#{itemId}#JOBSTATUS#{s}#PRIORITY#{p} (jobs.StatusPriorityIndex),
 *                                                                   DueIndex = JOB_DUE#{shard of 16, by jobId} / next due
 *   ITEM#{itemId}               JOB#{jobId}#...                     the job's history, comments, related records, dependents,
 *                                                                   parent (jobs.JobStore), and:
 *   ITEM#{itemId}               JOB#{jobId}#WORK#{stepId}           a current step waiting for a person (jobs.WorkRecords), written with
 *                                                                   the job; workByAssignee = ITEM#{itemId}#WORK#USER#{user} or
 *                                                                   ITEM#{itemId}#WORK#GROUP#{group} / since (jobs.WorkQueue)
 *   ITEM#{itemId}               JOB#{jobId}#LOCATION                its location (geo.LocationStore)
 *   ITEM#{itemId}               JOB#{jobId}#ATT#{attachmentId}      an attachment's metadata, a document (attachments.Attachments)
 *   ITEM#{itemId}#CELL#{z}#{x}  {y, 7 digits}#JOB#{jobId}           a spatial index cell of a job's location (geo.SpatialIndex)
 *   ITEM#{itemId}               DELETION                            the item's deletion: who asked, when, what it removed (items.ItemStore);
 *                                                                   kept, with the admins' groups, when all else of the item is gone
 *   ITEM#{itemId}               DELETIONSTEP#{n, 6 digits}          a step of it: its insert in the stream runs it (items.ItemDeletion)
 *   ITEM#{itemId}               BATCH#{batchId}                     a batch update: its change, job count, who asked (jobs.batches.BatchStore)
 *   ITEM#{itemId}               BATCHCHUNK#{batchId}#{n, 4 digits}  up to 100 of its job ids: its insert in the stream runs them
 *   ITEM#{itemId}               BATCHJOB#{batchId}#{jobId}          one job's result in it, written with the job's change (jobs.JobStore)
 *   ITEM#{itemId}               ACTIVITY#{yyyy-mm-dd}               the item's job events of a day, counted by type (activity.ActivityCounts)
 *   ITEM#{itemId}               CONSUMED#{consumer}#{eventId}       a streamed job event a consumer has had its effect of, expiring
 *   ITEM#{itemId}               COUNTS                              the item's jobs are counted (search.JobCounts): written when it is made,
 *                                                                   or by the first statistics request of an item made before counting,
 *                                                                   then backfilling (search.CountsBackfill): DueIndex = COUNTS_DUE / next page
 *   ITEM#{itemId}               COUNT#{field}#{shard}#{0|1}#{=value|~}  how many jobs (open 0, closed 1) have that value of a field, in
 *                                                                   one of 4 shards (summed when read); ADDed from the stream's job changes
 *   ITEM#{itemId}               COUNTED#{jobId}                     the job revision last counted, so a change given again counts once
 *   ITEM#{itemId}               SOCKETS                             the latest end (expiresAt) of the item's WebSocket connections (0: none
 *                                                                   yet), so a push to an item nobody is connected to reads no subscribers
 *   SOCKET#{connectionId}       SOCKET                              a WebSocket connection: its item, user, groups (sockets.Connections)
 *   SOCKET#{connectionId}       SUB#{subscribers partition}         a subscription it holds, so closing it finds them all
 *   ITEM#{itemId}#SUBSCRIBERS#JOB#{jobId}    {connectionId}         a connection subscribed to a job's events, and to "my work"
 *   ITEM#{itemId}#SUBSCRIBERS#USER#{user}    {connectionId}         of a user or of a group (a push Queries the partition);
 *   ITEM#{itemId}#SUBSCRIBERS#GROUP#{group}  {connectionId}         connections and subscriptions expire (expiresAt) with the socket
 * </pre>
 * A job's records share its sort-key prefix, so deleting a job (a prefix Query of JOB#{jobId})
 * deletes them all. gsi1 (gsi1pk, gsi1sk) serves listings; gsi2 a second access pattern per
 * record kind; DueIndex (duePk, dueAt) holds work due at a time, so a scheduler tick is a Query.
 */
public final class Keys {
    public static final String PK = "pk";
    public static final String SK = "sk";
    public static final String GSI1_PK = "gsi1pk";
    public static final String GSI1_SK = "gsi1sk";
    public static final String GSI1 = "gsi1";
    public static final String DUE_INDEX = "DueIndex";

    /** The sort key of the workflow item's own record. */
    public static final String ITEM = "ITEM";
    /** The gsi1 partition that lists every workflow item. */
    public static final String ITEMS = "ITEMS";
    /** The sort key of a webhook's pointer to its item. */
    public static final String WEBHOOK_POINTER = "HOOK";

    /** DynamoDB's limit on a partition key value (of the table or of an index), in UTF-8. */
    public static final int MAX_PARTITION_KEY_BYTES = 2048;

    private static final java.time.format.DateTimeFormatter TIME_KEY =
            java.time.format.DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss'Z'").withZone(java.time.ZoneOffset.UTC);

    private Keys() {}

    /**
     * A time as index sort keys spell it: UTC, whole seconds, fixed width, so keys sort as times
     * ({@code Instant.toString()} drops zero fractions, and "…00.5Z" sorts before "…00Z" as
     * text). Rounded up: a key is never before its time.
     */
    public static String timeKey(java.time.Instant time) {
        java.time.Instant second = time.truncatedTo(java.time.temporal.ChronoUnit.SECONDS);
        return TIME_KEY.format(second.equals(time) ? second : second.plusSeconds(1));
    }

    /** Whether DynamoDB accepts the value as a partition key (a longer one fails the whole request). */
    public static boolean fitsPartitionKey(String value) {
        return value.getBytes(java.nio.charset.StandardCharsets.UTF_8).length <= MAX_PARTITION_KEY_BYTES;
    }

    /** The partition of everything a workflow item holds. */
    public static String item(String itemId) {
        return "ITEM#" + itemId;
    }

    // Workflow items and their configuration: items, config documents, schedules and tasks, webhooks.

    /** The gsi1 sort key of a workflow item in {@link #ITEMS}: items list by name. */
    /** Someone seen using the item (items.ItemStore#seen), under the item's partition. */
    public static String member(String user) {
        return "MEMBER#" + user;
    }

    public static String itemByName(String name, String itemId) {
        return name + "#" + itemId;
    }

    /** The sort key of an item's record of a kind (a configuration document, a schedule, a task). */
    public static String ofKind(String kind, String id) {
        return kindPrefix(kind) + id;
    }

    /** The sort-key prefix of all an item's records of a kind: listing them is one Query. */
    public static String kindPrefix(String kind) {
        return kind + "#";
    }

    /** The id of a diagram's version document (kind DIAGRAM_VERSION): versions sort by number. */
    public static String diagramVersion(String diagramId, int version) {
        return diagramVersionPrefix(diagramId) + String.format("%06d", version);
    }

    /** The id prefix of all a diagram's version documents. */
    public static String diagramVersionPrefix(String diagramId) {
        return diagramId + "#";
    }

    /** The sort key of one run of a schedule or task. */
    public static String run(String kind, String id, String runId) {
        return runPrefix(kind, id) + runId;
    }

    /** The sort-key prefix of a schedule's or task's runs: their own, so listing the records of a kind never reads runs. */
    public static String runPrefix(String kind, String id) {
        return kind + "RUN#" + id + "#";
    }

    /** The DueIndex partition of the records of a kind that have something due (notifications: NOTIFICATION_DUE). */
    public static String duePartition(String kind) {
        return kind + "_DUE";
    }

    /** A shard of the DueIndex partition of a kind whose records change too often for one key (jobs: JOB_DUE#{0..15}). */
    public static String duePartition(String kind, int shard) {
        return duePartition(kind) + "#" + shard;
    }

    private static final DateTimeFormatter DUE_TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss.SSS'Z'").withZone(ZoneOffset.UTC);

    /** A DueIndex sort key of a time, at one precision, so keys compare as text exactly as their times do. */
    public static String dueTime(Instant at) {
        return DUE_TIME.format(at);
    }

    /** The partition of a webhook's pointer to its item (a delivery knows only the webhook id). */
    public static String webhookPointer(String webhookId) {
        return "HOOK#" + webhookId;
    }

    /** The sort key of a webhook delivery (delivery ids sort by time). */
    public static String delivery(String webhookId, String deliveryId) {
        return deliveryPrefix(webhookId) + deliveryId;
    }

    /** The sort-key prefix of a webhook's deliveries. */
    public static String deliveryPrefix(String webhookId) {
        return "DELIVERY#" + webhookId + "#";
    }

    /**
     * The sort key of a notification rule's delivery of one event: one per rule and event, so a
     * delivery is claimed once; by the event's time (epoch milliseconds, 13 digits), so a rule's
     * deliveries list newest first.
     */
    public static String notificationDelivery(String ruleId, java.time.Instant eventAt, String eventId) {
        return notificationDeliveryPrefix(ruleId) + String.format("%013d", eventAt.toEpochMilli()) + "#" + eventId;
    }

    /** The sort-key prefix of a rule's deliveries. */
    public static String notificationDeliveryPrefix(String ruleId) {
        return "NOTIFYDELIVERY#" + ruleId + "#";
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

    /**
     * The sort key of a change's history record. Older records hold one entry each and put the entry's place among
     * those written with it where this puts {@code 000}, so both kinds sort together by time.
     */
    public static String historyRecord(String jobId, String date, String id) {
        return historyPrefix(jobId) + date + "#000#" + id;
    }

    /** The sort-key prefix of a job's history records, which sort oldest first. */
    public static String historyPrefix(String jobId) {
        return jobRecords(jobId) + "H#";
    }

    /** The job a history record (its sort key) belongs to. */
    public static String jobOfHistoryRecord(String sortKey) {
        int end = sortKey.indexOf("#H#");
        if (!sortKey.startsWith(job("")) || end < 0) {
            throw new IllegalArgumentException("Not the sort key of a history record: " + sortKey);
        }
        return sortKey.substring(job("").length(), end);
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
    /** A child job a createJob step of job {@code parentJobId} created. */
    public static String child(String parentJobId, String childJobId) {
        return childrenPrefix(parentJobId) + childJobId;
    }

    public static String childrenPrefix(String parentJobId) {
        return jobRecords(parentJobId) + "CHILD#";
    }

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

    // An item's deletion (items.ItemDeletion): its report and its steps.

    public static final String DELETION = "DELETION";
    /** The sort-key prefix of a deletion's steps: the stream filter of the function that runs them. */
    public static final String DELETION_STEP_PREFIX = "DELETIONSTEP#";

    public static String deletionStep(int step) {
        return DELETION_STEP_PREFIX + String.format("%06d", step);
    }

    // Batch updates (jobs.batches): a batch, its chunks of job ids, each job's result.

    public static String batch(String batchId) {
        return "BATCH#" + batchId;
    }

    /** The sort-key prefix of every batch's chunks: the stream filter of the function that runs them. */
    public static final String BATCH_CHUNK_PREFIX = "BATCHCHUNK#";

    public static String batchChunk(String batchId, int chunk) {
        return BATCH_CHUNK_PREFIX + batchId + "#" + String.format("%04d", chunk);
    }

    public static final String JOB_COUNTS = "COUNTS";

    /** The counters of a field's values (search.JobCounts): {@code COUNT#{field}#}, then shard, closed and value. */
    public static String jobCountsOf(String field) {
        return "COUNT#" + field + "#";
    }

    /** A counter: the jobs of {@code shard} (open or closed) whose {@code field} is {@code value} (null: none). */
    public static String jobCount(String field, int shard, boolean closed, String value) {
        return jobCountsOf(field) + shard + "#" + (closed ? "1" : "0") + "#" + (value == null ? "~" : "=" + value);
    }

    /** The revision of a job last counted. */
    public static String jobCounted(String jobId) {
        return "COUNTED#" + jobId;
    }

    public static String batchResult(String batchId, String jobId) {
        return batchResultPrefix(batchId) + jobId;
    }

    public static String batchResultPrefix(String batchId) {
        return "BATCHJOB#" + batchId + "#";
    }

    /** The sort key of the work record of a job's current step (jobs.WorkRecords). */
    public static String work(String jobId, String stepId) {
        return workPrefix(jobId) + stepId;
    }

    /** The sort-key prefix of a job's work records. */
    public static String workPrefix(String jobId) {
        return jobRecords(jobId) + "WORK#";
    }

    /** The workByAssignee partition of the item's current steps assigned to a user. */
    public static String userWork(String itemId, String user) {
        return item(itemId) + "#WORK#USER#" + user;
    }

    /** The workByAssignee partition of the item's current steps assigned to a group. */
    public static String groupWork(String itemId, String group) {
        return item(itemId) + "#WORK#GROUP#" + group;
    }

    /** The gsi1 partition that lists an item's jobs (what a search reads when no index narrows it). */
    public static String jobListing(String itemId) {
        return item(itemId) + "#JOBS";
    }

    /** The gsi2 partition of the item's jobs that walk a diagram (any version). */
    public static String diagramJobs(String itemId, String diagramId) {
        return item(itemId) + "#DIAGRAM#" + diagramId;
    }

    /** The partition of the item's jobs with a moment to be overdue from (jobs.OverdueIndex), sorted by it. */
    public static String overdueJobs(String itemId) {
        return item(itemId) + "#OVERDUE";
    }

    /**
     * The jobsByStatusAndPriority partition of an item's jobs with this status and priority (a value
     * holding the separator could share another pair's partition: a search filters what it reads).
     */
    public static String jobsByStatusAndPriority(String itemId, String status, String priority) {
        return item(itemId) + "#JOBSTATUS#" + status + "#PRIORITY#" + priority;
    }

    /** The jobsByDueDate partition of an item's jobs that have a due date. */
    public static String jobsByDueDate(String itemId) {
        return item(itemId) + "#DUE";
    }

    /** The partition of a job search index: the item's jobs whose {@code field} has {@code value}. */
    public static String jobIndex(String itemId, String field, String value) {
        return item(itemId) + "#" + field.toUpperCase(java.util.Locale.ROOT) + "#" + value;
    }

    // Records beside jobs kept outside the job domain: search's listing, locations, attachments, the spatial index.

    /** The sort key of a job's location record. */
    public static String jobLocation(String jobId) {
        return jobRecords(jobId) + "LOCATION";
    }

    /** The document kind of a job's attachments: their sort keys are {@code JOB#{jobId}#ATT#{attachmentId}}. */
    public static String jobAttachments(String jobId) {
        return jobRecords(jobId) + "ATT";
    }

    /** The partition of one spatial index cell column: level {@code z}, column {@code x}. */
    public static String spatialColumn(String itemId, int z, long x) {
        return item(itemId) + "#CELL#" + z + "#" + x;
    }

    /** The sort key of a job's record in the cell at row {@code y} of a column. */
    public static String spatialCell(long y, String jobId) {
        return spatialRow(y) + "#JOB#" + jobId;
    }

    /** The lowest sort key of the cells at row {@code y}: a range of rows is {@code BETWEEN} this and {@link #spatialRowEnd}. */
    public static String spatialRowStart(long y) {
        return spatialRow(y) + "#";
    }

    /** A sort key above every cell record at row {@code y}. */
    public static String spatialRowEnd(long y) {
        return spatialRow(y) + "#~";
    }

    /** The job a spatial cell record (its sort key) stands for. */
    public static String jobOfSpatialCell(String sortKey) {
        return sortKey.substring(sortKey.indexOf("#JOB#") + "#JOB#".length());
    }

    // What the consumers of the event stream keep (dev.wfm.events and its consumers).

    /** The sort key of an item's activity counts of one day (ISO date, UTC). */
    public static String activityDay(String date) {
        return "ACTIVITY#" + date;
    }

    /** The sort key of the mark that a consumer has had its effect of a streamed event: one effect per event. */
    public static String consumedEvent(String consumer, String eventId) {
        return "CONSUMED#" + consumer + "#" + eventId;
    }

    // Live notifications (sockets.Connections): connections, and who subscribed to what.

    /** The sort key, under an item, of the latest end of its WebSocket connections. */
    public static final String ITEM_SOCKETS = "SOCKETS";

    /** The sort key of a WebSocket connection's own record. */
    public static final String SOCKET = "SOCKET";

    /** The partition of a WebSocket connection: its record and its subscriptions' back references. */
    public static String socketConnection(String connectionId) {
        return "SOCKET#" + connectionId;
    }

    /** The sort key, under its connection, of a subscription to the subscribers partition {@code partition}. */
    public static String socketSubscription(String partition) {
        return socketSubscriptionPrefix() + partition;
    }

    public static String socketSubscriptionPrefix() {
        return "SUB#";
    }

    /** The subscribers partition a subscription's sort key (under its connection) names. */
    public static String subscribersOf(String subscriptionSortKey) {
        return subscriptionSortKey.substring(socketSubscriptionPrefix().length());
    }

    /** The partition of the connections subscribed to a job's events. */
    public static String jobSubscribers(String itemId, String jobId) {
        return item(itemId) + "#SUBSCRIBERS#JOB#" + jobId;
    }

    /** The partition of the connections subscribed to the work of a user ({@code queue: mine}). */
    public static String userSubscribers(String itemId, String user) {
        return item(itemId) + "#SUBSCRIBERS#USER#" + user;
    }

    /** The partition of the connections subscribed to the work of one of their groups ({@code queue: mine}). */
    public static String groupSubscribers(String itemId, String group) {
        return item(itemId) + "#SUBSCRIBERS#GROUP#" + group;
    }

    private static String spatialRow(long y) {
        return String.format("%07d", y);
    }
}
