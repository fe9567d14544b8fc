package dev.wfm.jobs;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JavaType;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.wfm.common.Ids;
import dev.wfm.common.Json;
import dev.wfm.common.Parallel;
import dev.wfm.config.LookupUsers;
import dev.wfm.config.Lookups;
import dev.wfm.jobs.events.HistoryEntry;
import dev.wfm.jobs.events.JobEvent.CommentAdded;
import dev.wfm.jobs.events.JobEventJson;
import dev.wfm.jobs.events.RecordedEvent;
import dev.wfm.store.Keys;
import dev.wfm.store.RecordSize;
import dev.wfm.store.Table;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.stream.IntStream;
import java.util.stream.Stream;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.ConditionCheck;
import software.amazon.awssdk.services.dynamodb.model.Delete;
import software.amazon.awssdk.services.dynamodb.model.DeleteRequest;
import software.amazon.awssdk.services.dynamodb.model.Put;
import software.amazon.awssdk.services.dynamodb.model.PutItemRequest;
import software.amazon.awssdk.services.dynamodb.model.PutRequest;
import software.amazon.awssdk.services.dynamodb.model.QueryRequest;
import software.amazon.awssdk.services.dynamodb.model.TransactWriteItem;
import software.amazon.awssdk.services.dynamodb.model.WriteRequest;

/**
 * Jobs and their records in DynamoDB, under the item's partition (keys built by {@link Keys}):
 * <pre>
 *   JOB#{jobId}                       the job (JSON document, revision; gsi1 lists an item's jobs,
 *                                     gsi2 a diagram's jobs; the search indexes of {@link JobIndex}
 *                                     and {@link OverdueIndex})
 *   JOB#{jobId}#H#{time}#000#{id}     a change's history: its entries and its events, written in the same
 *                                     transaction as the change (older records hold one entry each, {n}
 *                                     in place of 000 ordering those written together)
 *   JOB#{jobId}#C#{id}                a comment
 *   JOB#{jobId}#REL#{table}#{id}      a record of a related (one-to-many) extended property table,
 *                                     written in the same transaction as the job revision
 *   JOB#{jobId}#PARENT                the parent job waiting for this one to close (ParentJobs)
 *   JOB#{jobId}#CHILD#{childJobId}    a child job a createJob step of this job created, written with the child
 *   JOB#{jobId}#DEP#{dependencyId}    a dependency of another job's step on a step of this one (Dependencies)
 *   JOB#{jobId}#WORK#{stepId}         a current step waiting for the person or group it is assigned to
 *                                     ({@link WorkQueue}), written with every change of the job
 *   JOB#{jobId}#LOCATION              the job's location (geo.LocationStore)
 *   JOB#{jobId}#ATT#{id}              an attachment's metadata (attachments.Attachments)
 *   BATCHJOB#{batchId}#{jobId}        the job's result in a batch update, written with the job's change;
 *                                     kept when the job is deleted, as the batch's record of it
 * Deleting a job deletes all of them with it.
 * </pre>
 */
public final class JobStore implements JobRepository {
    /**
     * The DueIndex partitions of jobs ({@code JOB_DUE#{shard}}, by job id); the index is sparse: only
     * jobs with something due carry the keys. Every write of an open job with a due date rewrites its
     * entry, so one key for all would take every such write of the account; 16 take 16 partitions'.
     */
    private static final int DUE_SHARDS = 16;
    private static final String DUE_KIND = "JOB";
    /**
     * The partitions a tick reads: the shards, and the one partition of jobs' due entries written before
     * they were sharded, read until none is left (a job's next write moves it).
     */
    private static final List<String> DUE_PARTITIONS = Stream.concat(Stream.of(Keys.duePartition(DUE_KIND)),
            IntStream.range(0, DUE_SHARDS).mapToObj(shard -> Keys.duePartition(DUE_KIND, shard))).toList();
    /** How many of the open jobs that hold a lookup value an answer names. */
    private static final int USES_NAMED = 3;
    /**
     * The attributes of a history record: the history entries of its change ({@value #ENTRIES}, a JSON array) and
     * its events with their ids ({@value #EVENTS}, JobEventJson.writeChange), which the table's stream carries to
     * the event consumers. Only history records have them.
     */
    public static final String ENTRIES = "entries";
    public static final String EVENTS = "events";
    /**
     * A history record written before a change's events shared one record holds one entry ({@code doc}) and, when
     * written since events were kept, its event ({@value #EVENT}) and the event's id ({@value #EVENT_ID}).
     */
    public static final String EVENT_ID = "eventId";
    public static final String EVENT = "event";
    private static final JavaType HISTORY_ENTRIES = Json.MAPPER.getTypeFactory().constructCollectionType(List.class, HistoryEntry.class);
    private final Table table;

    public JobStore(Table table) {
        this.table = table;
    }

    @Override
    public Optional<Job> find(String itemId, String jobId) {
        return table.get(Keys.item(itemId), Keys.job(jobId)).map(JobStore::fromRecord);
    }

    @Override
    public List<String> missing(String itemId, List<String> jobIds) {
        var found = table.batchGet(Keys.item(itemId), jobIds.stream().map(Keys::job).toList());
        return jobIds.stream().filter(jobId -> !found.containsKey(Keys.job(jobId))).toList();
    }

    @Override
    public List<Job> findAll(String itemId, List<String> jobIds) {
        var found = table.batchGet(Keys.item(itemId), jobIds.stream().map(Keys::job).toList());
        return jobIds.stream().map(jobId -> found.get(Keys.job(jobId))).filter(java.util.Objects::nonNull)
                .map(JobStore::fromRecord).toList();
    }

    /** Writes new jobs, the history record of their creation and their work in batches of 25. */
    @Override
    public void createAll(List<Job> jobs, Map<String, List<RecordedEvent>> history) {
        List<List<WriteRequest>> perJob = new ArrayList<>();
        for (Job job : jobs) {
            // the job first, in the call that writes its history: a consumer of the streamed history finds the job
            List<WriteRequest> writes = new ArrayList<>();
            writes.add(WriteRequest.builder().putRequest(PutRequest.builder().item(record(job)).build()).build());
            eventRecords(job, history.getOrDefault(job.jobId(), List.of()))
                    .forEach(record -> writes.add(WriteRequest.builder().putRequest(PutRequest.builder().item(record).build()).build()));
            workRecords(job).forEach(record -> writes.add(WriteRequest.builder().putRequest(PutRequest.builder().item(record).build()).build()));
            childRecord(job).ifPresent(record -> writes.add(WriteRequest.builder().putRequest(PutRequest.builder().item(record).build()).build()));
            perJob.add(writes);
        }
        table.batchWriteGroups(perJob);
    }

    /** The record under a child's parent that lists it there ({@link #childrenOf}). */
    private static Optional<Map<String, AttributeValue>> childRecord(Job job) {
        if (job.parentJobId() == null) {
            return Optional.empty();
        }
        Map<String, AttributeValue> record = new HashMap<>(Table.key(Keys.item(job.itemId()), Keys.child(job.parentJobId(), job.jobId())));
        record.put("childJobId", Table.s(job.jobId()));
        return Optional.of(record);
    }

    @Override
    public List<String> childrenOf(String itemId, String parentJobId) {
        return query(itemId, Keys.childrenPrefix(parentJobId)).stream().map(record -> record.get("childJobId").s()).toList();
    }

    @Override
    public boolean createIfAbsent(Job job, List<RecordedEvent> history) {
        List<TransactWriteItem> items = new ArrayList<>();
        items.add(TransactWriteItem.builder().put(Put.builder()
                .tableName(table.name())
                .item(record(job))
                .conditionExpression("attribute_not_exists(pk)")
                .build()).build());
        eventRecords(job, history).forEach(record -> items.add(TransactWriteItem.builder()
                .put(Put.builder().tableName(table.name()).item(record).build()).build()));
        workRecords(job).forEach(record -> items.add(TransactWriteItem.builder()
                .put(Put.builder().tableName(table.name()).item(record).build()).build()));
        childRecord(job).ifPresent(record -> items.add(TransactWriteItem.builder()
                .put(Put.builder().tableName(table.name()).item(record).build()).build()));
        return table.transact(items);
    }

    /** Saves the job as {@link JobRepository#save} says, in one transaction. */
    @Override
    public boolean save(Job before, Job job, List<RecordedEvent> history, List<RelatedWrite> related,
                        Map<String, Long> othersAt, BatchResult result) {
        List<TransactWriteItem> items = new ArrayList<>();
        items.add(TransactWriteItem.builder().put(Put.builder()
                .tableName(table.name())
                .item(record(job))
                .conditionExpression("revision = :expected")
                .expressionAttributeValues(Map.of(":expected", AttributeValue.fromN(Long.toString(before.revision()))))
                .build()).build());
        eventRecords(job, history).forEach(record -> items.add(TransactWriteItem.builder()
                .put(Put.builder().tableName(table.name()).item(record).build()).build()));
        items.addAll(workWrites(job.itemId(), WorkItem.between(before, job)));
        for (RelatedWrite write : related) {
            items.add(relatedWrite(job.itemId(), job.jobId(), write));
        }
        othersAt.forEach((jobId, revision) -> items.add(TransactWriteItem.builder().conditionCheck(ConditionCheck.builder()
                .tableName(table.name())
                .key(Table.key(Keys.item(job.itemId()), Keys.job(jobId)))
                .conditionExpression("revision = :expected")
                .expressionAttributeValues(Map.of(":expected", AttributeValue.fromN(Long.toString(revision))))
                .build()).build()));
        if (result != null) {
            items.add(TransactWriteItem.builder().put(Put.builder()
                    .tableName(table.name())
                    .item(batchResultRecord(job.itemId(), result))
                    .conditionExpression("attribute_not_exists(pk)")
                    .build()).build());
        }
        return table.transact(items);
    }

    @Override
    public Map<String, BatchResult> batchResults(String itemId, String batchId, List<String> jobIds) {
        Map<String, BatchResult> results = new HashMap<>();
        table.batchGet(Keys.item(itemId), jobIds.stream().map(jobId -> Keys.batchResult(batchId, jobId)).toList()).values()
                .forEach(record -> results.put(record.get("jobId").s(), batchResult(batchId, record)));
        return results;
    }

    @Override
    public List<BatchResult> batchResults(String itemId, String batchId, String afterJobId, int limit) {
        String prefix = Keys.batchResultPrefix(batchId);
        QueryRequest.Builder query = QueryRequest.builder()
                .keyConditionExpression("pk = :pk AND begins_with(sk, :prefix)")
                .expressionAttributeValues(Map.of(":pk", Table.s(Keys.item(itemId)), ":prefix", Table.s(prefix)))
                .consistentRead(true)
                .limit(limit);
        var start = afterJobId == null ? null : Table.key(Keys.item(itemId), Keys.batchResult(batchId, afterJobId));
        return table.queryPage(query, start).records().stream().map(record -> batchResult(batchId, record)).toList();
    }

    @Override
    public boolean recordBatchResult(String itemId, BatchResult result) {
        return table.putIf(PutItemRequest.builder().item(batchResultRecord(itemId, result))
                .conditionExpression("attribute_not_exists(pk) OR #state = :deleting")
                .expressionAttributeNames(Map.of("#state", "state"))
                .expressionAttributeValues(Map.of(":deleting", Table.s(BatchResult.State.DELETING.name()))));
    }

    private static Map<String, AttributeValue> batchResultRecord(String itemId, BatchResult result) {
        Map<String, AttributeValue> record = new HashMap<>(Table.key(Keys.item(itemId), Keys.batchResult(result.batchId(), result.jobId())));
        record.put("jobId", Table.s(result.jobId()));
        record.put("state", Table.s(result.state().name()));
        if (result.code() != null) {
            record.put("code", Table.s(result.code()));
            record.put("message", Table.s(result.message()));
        }
        return record;
    }

    private static BatchResult batchResult(String batchId, Map<String, AttributeValue> record) {
        return new BatchResult(batchId, record.get("jobId").s(), BatchResult.State.valueOf(record.get("state").s()),
                record.containsKey("code") ? record.get("code").s() : null,
                record.containsKey("message") ? record.get("message").s() : null);
    }

    /**
     * The writes that keep a job's work records as its change leaves its current steps: a record
     * written for each step whose work is new or different, deleted for each step that left.
     */
    private List<TransactWriteItem> workWrites(String itemId, WorkItem.Changes changes) {
        List<TransactWriteItem> writes = new ArrayList<>();
        for (WorkItem item : changes.put()) {
            var record = WorkQueue.record(itemId, item);
            writes.add(record.isPresent()
                    ? TransactWriteItem.builder().put(Put.builder().tableName(table.name()).item(record.get()).build()).build()
                    : deleteWork(itemId, item.jobId(), item.stepId()));
        }
        changes.removedStepIds().forEach(stepId -> writes.add(deleteWork(itemId, changes.jobId(), stepId)));
        return writes;
    }

    private TransactWriteItem deleteWork(String itemId, String jobId, String stepId) {
        return TransactWriteItem.builder().delete(Delete.builder()
                .tableName(table.name())
                .key(Table.key(Keys.item(itemId), Keys.work(jobId, stepId)))
                .build()).build();
    }

    /** The work records of a job as created. */
    private static List<Map<String, AttributeValue>> workRecords(Job job) {
        return WorkItem.of(job).stream().flatMap(item -> WorkQueue.record(job.itemId(), item).stream()).toList();
    }

    @Override
    public List<RelatedRecord> relatedRecords(String itemId, String jobId) {
        return query(itemId, Keys.relatedPrefix(jobId)).stream()
                .map(record -> new RelatedRecord(record.get("tableName").s(), record.get("recordId").s(),
                        (ObjectNode) read(record.get("doc").s(), JsonNode.class)))
                .toList();
    }

    private TransactWriteItem relatedWrite(String itemId, String jobId, RelatedWrite write) {
        RelatedRecord related = write.record();
        String sk = Keys.relatedRecord(jobId, related.tableName(), related.recordId());
        if (write.kind() == RelatedWrite.Kind.DELETE) {
            return TransactWriteItem.builder().delete(Delete.builder()
                    .tableName(table.name())
                    .key(Table.key(Keys.item(itemId), sk))
                    .conditionExpression("attribute_exists(pk)")
                    .build()).build();
        }
        Map<String, AttributeValue> record = new HashMap<>();
        record.put(Keys.PK, Table.s(Keys.item(itemId)));
        record.put(Keys.SK, Table.s(sk));
        record.put("tableName", Table.s(related.tableName()));
        record.put("recordId", Table.s(related.recordId()));
        record.put("doc", Table.s(Json.write(related.properties())));
        return TransactWriteItem.builder().put(Put.builder()
                .tableName(table.name())
                .item(record)
                .conditionExpression(write.kind() == RelatedWrite.Kind.ADD ? "attribute_not_exists(pk)" : "attribute_exists(pk)")
                .build()).build();
    }

    @Override
    public List<HistoryEntry> history(String itemId, String jobId) {
        return query(itemId, Keys.historyPrefix(jobId)).stream()
                .flatMap(record -> record.containsKey(ENTRIES)
                        ? JobStore.<List<HistoryEntry>>read(record.get(ENTRIES).s(), HISTORY_ENTRIES).stream()
                        : Stream.of(read(record.get("doc").s(), HistoryEntry.class)))
                .toList();
    }

    @Override
    public void delete(String itemId, String jobId) {
        List<WriteRequest> deletes = new ArrayList<>();
        for (Map<String, AttributeValue> record : query(itemId, Keys.job(jobId))) {
            String sk = record.get(Keys.SK).s();
            if (sk.equals(Keys.job(jobId)) || sk.startsWith(Keys.jobRecords(jobId))) {
                deletes.add(WriteRequest.builder().deleteRequest(DeleteRequest.builder()
                        .key(Table.key(Keys.item(itemId), sk)).build()).build());
            }
        }
        table.batchWrite(deletes);
    }

    /**
     * Up to {@code limit} of the item's job ids in id order, after {@code afterJobId} (null: from the
     * first), from its job listing (gsi1, which may lag the newest writes).
     */
    public List<String> jobIds(String itemId, String afterJobId, int limit) {
        Map<String, AttributeValue> values = new HashMap<>(Map.of(":p", Table.s(Keys.jobListing(itemId))));
        if (afterJobId != null) {
            values.put(":after", Table.s(afterJobId));
        }
        return table.queryFirst(QueryRequest.builder()
                        .indexName(Keys.GSI1)
                        .keyConditionExpression(afterJobId == null ? "gsi1pk = :p" : "gsi1pk = :p AND gsi1sk > :after")
                        .expressionAttributeValues(values)
                        .projectionExpression("jobId")
                        .limit(limit), limit)
                .stream().map(record -> record.get("jobId").s()).toList();
    }

    /** The ids of the item's jobs that walk a diagram (any version), via gsi2. */
    public List<String> jobsOfDiagram(String itemId, String diagramId) {
        return table.queryAll(QueryRequest.builder()
                        .indexName("gsi2")
                        .keyConditionExpression("gsi2pk = :p")
                        .expressionAttributeValues(Map.of(":p", Table.s(Keys.diagramJobs(itemId, diagramId))))
                        .projectionExpression("jobId"))
                .stream().map(item -> item.get("jobId").s()).toList();
    }

    /**
     * Open jobs whose field for a lookup holds one of these values, a few per value: a Query of
     * the field's search index partition per value, filtered to open jobs, never a Scan.
     */
    public List<LookupUsers.Use> openJobsUsing(String itemId, String lookup, Set<String> values) {
        JobIndex index = JobIndex.of(Lookups.jobField(lookup)).orElseThrow();
        List<LookupUsers.Use> uses = new ArrayList<>();
        for (String value : values) {
            table.queryFirst(QueryRequest.builder()
                            .indexName(index.indexName())
                            .keyConditionExpression("#field = :value")
                            .filterExpression("closedPk = :open")
                            .expressionAttributeNames(Map.of("#field", index.attribute()))
                            .expressionAttributeValues(Map.of(":value", Table.s(index.partition(itemId, value)),
                                    ":open", Table.s(JobIndex.CLOSED.partition(itemId, "false"))))
                            .projectionExpression("jobId"), USES_NAMED)
                    .forEach(record -> uses.add(new LookupUsers.Use(value, record.get("jobId").s(),
                            "open job '" + record.get("jobId").s() + "'")));
        }
        return uses;
    }

    @Override
    public List<Comment> comments(String itemId, String jobId) {
        return query(itemId, Keys.commentPrefix(jobId)).stream().map(record -> read(record.get("doc").s(), Comment.class)).toList();
    }

    @Override
    public void addDependent(String itemId, String onJobId, Dependent dependent) {
        Map<String, AttributeValue> record = new HashMap<>(Table.key(Keys.item(itemId), Keys.dependent(onJobId, dependent.dependencyId())));
        record.put("dependentJobId", Table.s(dependent.dependentJobId()));
        record.put("onStepId", Table.s(dependent.onStepId()));
        table.putNew(record);
    }

    @Override
    public List<Dependent> dependentsOf(String itemId, String onJobId) {
        return query(itemId, Keys.dependentsPrefix(onJobId)).stream()
                .map(record -> new Dependent(Keys.dependencyOf(record.get(Keys.SK).s()), record.get("dependentJobId").s(),
                        record.get("onStepId").s()))
                .toList();
    }

    @Override
    public void removeDependent(String itemId, String onJobId, String dependencyId) {
        table.delete(Keys.item(itemId), Keys.dependent(onJobId, dependencyId));
    }

    @Override
    public void linkParent(String itemId, String childJobId, ParentLink parent) {
        Map<String, AttributeValue> record = new HashMap<>(Table.key(Keys.item(itemId), Keys.parentLink(childJobId)));
        record.put("parentJobId", Table.s(parent.parentJobId()));
        record.put("stepId", Table.s(parent.stepId()));
        if (parent.stepSince() != null) {
            record.put("stepSince", Table.s(parent.stepSince()));
        }
        if (parent.taskToken() != null) {
            record.put("taskToken", Table.s(parent.taskToken()));
        }
        table.put(record);
    }

    @Override
    public Map<String, ParentLink> parentsOf(String itemId, List<String> childJobIds) {
        var links = table.batchGet(Keys.item(itemId), childJobIds.stream().map(Keys::parentLink).toList());
        Map<String, ParentLink> parents = new LinkedHashMap<>();
        for (String childJobId : childJobIds) {
            Map<String, AttributeValue> link = links.get(Keys.parentLink(childJobId));
            if (link != null) {
                parents.put(childJobId, new ParentLink(link.get("parentJobId").s(), link.get("stepId").s(), text(link, "stepSince"),
                        text(link, "taskToken")));
            }
        }
        return parents;
    }

    /** A text attribute of a record, null when it has none. */
    private static String text(Map<String, AttributeValue> record, String attribute) {
        AttributeValue value = record.get(attribute);
        return value == null ? null : value.s();
    }

    @Override
    public void unlinkParent(String itemId, String childJobId) {
        table.delete(Keys.item(itemId), Keys.parentLink(childJobId));
    }

    private List<Map<String, AttributeValue>> query(String itemId, String prefix) {
        return table.queryPrefix(Keys.item(itemId), prefix);
    }

    /** Refuses (413) a job whose record DynamoDB would not take, before anything of its creation is written. */
    public static void requireStorable(Job job) {
        RecordSize.requireFits(record(job));
    }

    private static Map<String, AttributeValue> record(Job job) {
        Map<String, AttributeValue> record = new HashMap<>(Table.key(Keys.item(job.itemId()), Keys.job(job.jobId())));
        record.put("jobId", Table.s(job.jobId()));
        record.put("revision", AttributeValue.fromN(Long.toString(job.revision())));
        record.put(Keys.GSI1_PK, Table.s(Keys.jobListing(job.itemId())));
        record.put(Keys.GSI1_SK, Table.s(job.jobId()));
        record.put("gsi2pk", Table.s(Keys.diagramJobs(job.itemId(), job.diagramId())));
        record.put("gsi2sk", Table.s(job.jobId()));
        record.put("doc", Table.s(Json.write(job)));
        record.putAll(JobIndex.keys(job));
        record.putAll(OverdueIndex.keys(job));
        record.putAll(DueDateIndex.keys(job));
        record.putAll(StatusPriorityIndex.keys(job));
        job.nextDue().ifPresent(due -> {
            record.put("duePk", Table.s(duePartition(job.jobId())));
            record.put("dueAt", Table.s(due));
        });
        return record;
    }

    private static String duePartition(String jobId) {
        return Keys.duePartition(DUE_KIND, Math.floorMod(jobId.hashCode(), DUE_SHARDS));
    }

    /** The scheduler's reads of the due shards, side by side; a holder, so the other functions make no pool. */
    private static final class DueReads {
        static final ExecutorService POOL = Parallel.pool("due-shard-read", 6);
    }

    /** Jobs with work due at or before {@code now}, via DueIndex: a Query of each shard and of the unsharded partition. */
    @Override
    public List<JobRef> dueJobs(String now) {
        return Parallel.map(DueReads.POOL, DUE_PARTITIONS, partition -> table.queryAll(QueryRequest.builder()
                        .indexName(Keys.DUE_INDEX)
                        .keyConditionExpression("duePk = :p AND dueAt <= :now")
                        .expressionAttributeValues(Map.of(":p", Table.s(partition), ":now", Table.s(now)))
                        .projectionExpression("pk, jobId")))
                .stream().flatMap(List::stream)
                .map(item -> new JobRef(Keys.itemIdOf(item.get(Keys.PK).s()), item.get("jobId").s()))
                .toList();
    }

    /**
     * The records the events of a change write: its history record, and for a comment added the comment's own
     * record, so a comment and its history are written together.
     */
    private static List<Map<String, AttributeValue>> eventRecords(Job job, List<RecordedEvent> history) {
        if (history.isEmpty()) {
            return List.of();
        }
        List<Map<String, AttributeValue>> records = new ArrayList<>(List.of(historyRecord(job, history)));
        history.stream().filter(event -> event.event() instanceof CommentAdded)
                .forEach(event -> records.add(commentRecord(job, (CommentAdded) event.event())));
        return records;
    }

    private static Map<String, AttributeValue> commentRecord(Job job, CommentAdded added) {
        Comment comment = new Comment(added.commentId(), added.comment(), added.user(), added.at().toString());
        Map<String, AttributeValue> record = new HashMap<>(Table.key(Keys.item(job.itemId()), Keys.comment(job.jobId(), comment.commentId())));
        record.put("doc", Table.s(Json.write(comment)));
        return record;
    }

    /**
     * A change's history record: one however many events the change made (a creation's JobCreated and its first
     * step's StepBecameCurrent are one record, not two), sorted among the job's others by the time of its first.
     */
    private static Map<String, AttributeValue> historyRecord(Job job, List<RecordedEvent> history) {
        String date = history.get(0).entry().date();
        Map<String, AttributeValue> record = new HashMap<>(Table.key(Keys.item(job.itemId()),
                Keys.historyRecord(job.jobId(), date, Ids.newId(Instant.parse(date)))));
        record.put(ENTRIES, Table.s(Json.write(history.stream().map(RecordedEvent::entry).toList())));
        record.put(EVENTS, Table.s(JobEventJson.writeChange(history)));
        return record;
    }

    /** A job from its record's {@code doc}, as a stream image carries it. */
    public static Job fromDoc(String doc) {
        return read(doc, Job.class);
    }

    private static Job fromRecord(Map<String, AttributeValue> record) {
        return read(record.get("doc").s(), Job.class);
    }

    private static <T> T read(String json, Class<T> type) {
        return read(json, Json.MAPPER.constructType(type));
    }

    private static <T> T read(String json, JavaType type) {
        try {
            return Json.MAPPER.readValue(json, type);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("A stored " + type.toCanonical() + " is not readable: " + e.getOriginalMessage(), e);
        }
    }
}
