package dev.wfm.search;

import dev.wfm.common.Log;
import dev.wfm.jobs.Job;
import dev.wfm.store.Keys;
import dev.wfm.store.Table;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.ConditionCheck;
import software.amazon.awssdk.services.dynamodb.model.Put;
import software.amazon.awssdk.services.dynamodb.model.QueryRequest;
import software.amazon.awssdk.services.dynamodb.model.TransactWriteItem;
import software.amazon.awssdk.services.dynamodb.model.Update;

/**
 * How many of an item's jobs have each value of a statistics field, kept as counters so that
 * statistics grouped by a job field cost a Query of the field's counters (O(groups)), not a read of
 * every job.
 *
 * <p><b>From the stream, not in the job's transaction</b>: every job change would otherwise carry
 * counter updates on its critical path (a Finish moves currentStep and currentStepStatus), and every
 * writer of an item would contend for the same counter records. Here each change of a job record
 * (its old and new image) is counted once, off the critical path: a stream batch's changes of an item
 * go in as few transactions as fit, each of the counters' summed ADDs and every job's
 * {@code COUNTED#{jobId}} revision, conditional on that revision being older, so a change the stream
 * gives again counts nothing. Counters are split in 4 shards, a transaction writing to one of them
 * (chosen by its first job), so concurrent consumers of one item rarely touch the same record and a
 * transaction's changes share its counters; a shard's count alone may be negative (a job counted
 * into one shard and out of another), the sum over the shards is the count. The counts are exact once the
 * stream has caught up (seconds); an answer says so ({@code asOf}, the newest change counted).
 *
 * <p>An item counts from when it is made ({@code COUNTS}, written then). An item made before counting
 * existed has none: its first statistics request (or a search read past a page) writes it,
 * backfilling, and the stream counts the item's changes from then on while {@link CountsBackfill}
 * counts the jobs it has; its statistics are answered by search until the backfill ends. A job's
 * counted revision settles which of the two counts it: a change of a job not counted yet counts the
 * job as the change left it, not the change (so a change never takes away what was never counted),
 * and the backfill counts a job only while nothing has counted it.
 */
public final class JobCounts {
    static final int SHARDS = 4;
    /** DynamoDB's limit on the records one transaction writes. */
    static final int MAX_TRANSACTION = 100;
    /** The statistics groups whose value does not depend on the time of asking (overdue does). */
    static final List<JobField> FIELDS = StatisticsGroups.ALLOWED.stream().filter(field -> field != JobField.OVERDUE).toList();
    /** A deleted job's counted revision outlives the stream's 24 hours of retries, then expires. */
    private static final Duration DELETED_MARKER_LIFE = Duration.ofDays(2);
    /** The DueIndex partition of the items whose jobs a backfill is counting. */
    static final String BACKFILL_DUE = Keys.duePartition(Keys.JOB_COUNTS);
    /** On an item's {@code COUNTS} while its backfill runs; with {@link #BACKFILL_AFTER}, the last job id it has passed. */
    static final String BACKFILLING = "backfilling";
    static final String BACKFILL_AFTER = "backfillAfter";
    /**
     * How long after its start a backfill reads the item's job listing: the listing is an index, which
     * may not show yet a job written just before the start, whose change the stream passed uncounted.
     */
    static final Duration BACKFILL_DELAY = Duration.ofMinutes(1);

    /** The counts of a field's values, and the time of the newest change counted in them (null when none was). */
    public record Counted(int total, Map<Object, Integer> groups, Instant asOf) {}

    private final Table table;

    public JobCounts(Table table) {
        this.table = table;
    }

    public static boolean counts(SearchField field) {
        return field instanceof JobField jobField && FIELDS.contains(jobField);
    }

    /** Marks a new item's jobs as counted from now on. */
    public void startCounting(String itemId) {
        Map<String, AttributeValue> marker = new HashMap<>(Table.key(Keys.item(itemId), Keys.JOB_COUNTS));
        table.put(marker);
    }

    /**
     * Where the counting of an item's jobs stands: counted since it was made or since its backfill
     * ended (the counts answer), counted from the stream while the backfill counts the jobs it had
     * (search answers), or not counted.
     */
    enum State { COUNTED, BACKFILLING, NONE }

    State state(String itemId) {
        return table.get(Keys.item(itemId), Keys.JOB_COUNTS)
                .map(record -> record.containsKey(BACKFILLING) ? State.BACKFILLING : State.COUNTED).orElse(State.NONE);
    }

    /**
     * How many jobs the item has by its counts (exact once the stream has caught up); empty while
     * they are not kept, as for an item made before counting (which starts their count).
     */
    OptionalInt jobs(String itemId, Instant now) {
        return jobsWith(itemId, JobField.CLOSED, List.of("false", "true"), now);
    }

    /**
     * How many of the item's jobs have one of {@code values} of {@code field} (as its index spells
     * them: booleans true or false) by its counts; empty as {@link #jobs} is.
     */
    OptionalInt jobsWith(String itemId, JobField field, List<String> values, Instant now) {
        if (!answerable(itemId, now)) {
            return OptionalInt.empty();
        }
        // the values' counters only, by key: a field such as assignedTo may have thousands of values
        List<String> counters = new ArrayList<>();
        for (String value : values) {
            for (int shard = 0; shard < SHARDS; shard++) {
                counters.add(Keys.jobCount(field.fieldName(), shard, false, value));
                counters.add(Keys.jobCount(field.fieldName(), shard, true, value));
            }
        }
        return OptionalInt.of(table.batchGet(Keys.item(itemId), counters).values().stream()
                .mapToInt(counter -> Integer.parseInt(counter.get("n").n())).sum());
    }

    /** Whether the item's counts can answer: they are complete; an item made before counting starts its count. */
    private boolean answerable(String itemId, Instant now) {
        State state = state(itemId);
        if (state == State.NONE) {
            startBackfill(itemId, now);
        }
        return state == State.COUNTED;
    }

    /**
     * Starts counting the jobs of an item made before counting existed: from this write the stream
     * counts their changes, and ticks from {@code now} + {@link #BACKFILL_DELAY} count the jobs
     * (CountsBackfill). Nothing when the item counts already.
     */
    void startBackfill(String itemId, Instant now) {
        Map<String, AttributeValue> record = new HashMap<>(Table.key(Keys.item(itemId), Keys.JOB_COUNTS));
        record.put(BACKFILLING, AttributeValue.fromBool(true));
        record.put("duePk", Table.s(BACKFILL_DUE));
        record.put("dueAt", Table.s(Keys.dueTime(now.plus(BACKFILL_DELAY))));
        if (table.putNew(record)) {
            Log.info("Counting the jobs of an item made before counting", "itemId", itemId);
        }
    }

    /** Of these jobs of the item, the ones nothing has counted yet (no counted revision), in the order given. */
    List<String> notCountedYet(String itemId, List<String> jobIds) {
        Map<String, Map<String, AttributeValue>> counted = table.batchGet(Keys.item(itemId), jobIds.stream().map(Keys::jobCounted).toList());
        return jobIds.stream().filter(jobId -> !counted.containsKey(Keys.jobCounted(jobId))).toList();
    }

    /**
     * One change of a job record: {@code before} null for a created job, {@code after} null for a
     * deleted one; {@code at}: when it was made.
     */
    public record Change(String itemId, Job before, Job after, Instant at) {
        String jobId() {
            return (after != null ? after : before).jobId();
        }

        /** The revision it made: a deletion is one past the job's last. */
        long revision() {
            return after != null ? after.revision() : before.revision() + 1;
        }
    }

    /**
     * Counts the changes, in order, in as few transactions as fit (a chunk: one item's changes, at
     * most {@link #MAX_TRANSACTION} records written, a job's changes in it counted together); a chunk of an item that does
     * not count counts nothing, and one refused for a change counted already (a repeat from the stream) or a job not
     * counted yet is counted change by change. Answers how many changes, from the first, are counted: fewer
     * than all when one failed, which the stream gives again with those after it.
     */
    public int count(List<Change> changes) {
        int start = 0;
        while (start < changes.size()) {
            Chunk chunk = chunk(changes, start);
            try {
                if (!table.transact(chunk.writes()) && state(changes.get(start).itemId()) != State.NONE) {
                    changes.subList(start, chunk.end()).forEach(this::countAlone);
                }
            } catch (RuntimeException e) {
                Log.warn("Job changes not counted; the stream gives them again", e, "itemId", changes.get(start).itemId());
                return start;
            }
            start = chunk.end();
        }
        return changes.size();
    }

    private record Chunk(List<TransactWriteItem> writes, int end) {}

    private Chunk chunk(List<Change> changes, int start) {
        String itemId = changes.get(start).itemId();
        int shard = shardOf(changes.get(start).jobId());
        Map<String, Delta> deltas = new HashMap<>();
        // each job's first and last change in the chunk: its counted revision goes from before the first to the last
        Map<String, Change[]> jobs = new LinkedHashMap<>();
        Instant at = changes.get(start).at();
        int end = start;
        while (end < changes.size()) {
            Change change = changes.get(end);
            if (!change.itemId().equals(itemId)) {
                break;
            }
            Map<String, Delta> merged = new HashMap<>(deltas);
            deltas(shard, change.before(), change.after()).forEach((key, delta) -> merged.merge(key, delta, Delta::plus));
            merged.values().removeIf(delta -> delta.change() == 0);
            int markers = jobs.size() + (jobs.containsKey(change.jobId()) ? 0 : 1);
            // the item's check, a counted revision per job, a write per counter
            if (!jobs.isEmpty() && 1 + markers + merged.size() > MAX_TRANSACTION) {
                break;
            }
            deltas = merged;
            jobs.computeIfAbsent(change.jobId(), jobId -> new Change[] {change, change})[1] = change;
            at = change.at().isAfter(at) ? change.at() : at;
            end++;
        }
        List<TransactWriteItem> writes = new ArrayList<>();
        writes.add(itemCounts(itemId));
        jobs.values().forEach(firstAndLast -> writes.add(marker(firstAndLast[0], firstAndLast[1], firstAndLast[0].before() != null)));
        Instant asOf = at;
        deltas.forEach((sortKey, delta) -> writes.add(TransactWriteItem.builder().update(counter(itemId, sortKey, delta, asOf)).build()));
        return new Chunk(writes, end);
    }

    /**
     * The job's counted revision, {@code last}'s, written over one older than {@code first}'s when the
     * counts hold the job as it was before {@code first} ({@code countedBefore}), else only where none
     * is: a change counted already, or a job counted otherwise than assumed, refuses the transaction.
     */
    private TransactWriteItem marker(Change first, Change last, boolean countedBefore) {
        Map<String, AttributeValue> marker = new HashMap<>(Table.key(Keys.item(last.itemId()), Keys.jobCounted(last.jobId())));
        marker.put("revision", AttributeValue.fromN(Long.toString(last.revision())));
        if (last.after() == null) {
            marker.put("expiresAt", AttributeValue.fromN(Long.toString(last.at().plus(DELETED_MARKER_LIFE).getEpochSecond())));
        }
        Put.Builder put = Put.builder().tableName(table.name()).item(marker);
        if (countedBefore) {
            put.conditionExpression("revision < :revision")
                    .expressionAttributeValues(Map.of(":revision", AttributeValue.fromN(Long.toString(first.revision()))));
        } else {
            put.conditionExpression("attribute_not_exists(revision)");
        }
        return TransactWriteItem.builder().put(put.build()).build();
    }

    /**
     * One change in a transaction of its own: counted as a change of the job as counted before it, or,
     * when nothing has counted the job yet (an item being backfilled), as the job it leaves; nothing
     * when it was counted already or its item does not count.
     */
    private void countAlone(Change change) {
        boolean counted = transactAlone(change, change.before() != null)
                || change.before() != null && transactAlone(change, false);
        if (!counted && !countedAlready(change)) {
            // a refused condition is a repeat or an item that does not count; anything else (conflicts to the end) is tried again
            throw new IllegalStateException("Job " + change.jobId() + " revision " + change.revision() + " was not counted");
        }
    }

    private boolean transactAlone(Change change, boolean countedBefore) {
        List<TransactWriteItem> writes = new ArrayList<>();
        writes.add(itemCounts(change.itemId()));
        writes.add(marker(change, change, countedBefore));
        deltas(shardOf(change.jobId()), countedBefore ? change.before() : null, change.after()).forEach((sortKey, delta) ->
                writes.add(TransactWriteItem.builder().update(counter(change.itemId(), sortKey, delta, change.at())).build()));
        return table.transact(writes);
    }

    /**
     * Whether a refused change needs no counting: its item does not count, or its job's counted
     * revision is past it (for a change from no job, a creation or a backfill's count, any counted
     * revision: the job is counted by the stream).
     */
    private boolean countedAlready(Change change) {
        if (state(change.itemId()) == State.NONE) {
            return true;
        }
        return table.get(Keys.item(change.itemId()), Keys.jobCounted(change.jobId()))
                .map(marker -> change.before() == null || Long.parseLong(marker.get("revision").n()) >= change.revision()).orElse(false);
    }

    /** The check that the item's jobs are counted, which every counting transaction makes. */
    private TransactWriteItem itemCounts(String itemId) {
        return TransactWriteItem.builder().conditionCheck(ConditionCheck.builder().tableName(table.name())
                .key(Table.key(Keys.item(itemId), Keys.JOB_COUNTS)).conditionExpression("attribute_exists(pk)").build()).build();
    }

    /** A counter's change, with the field, value and closed it counts (written on it, so a Query reads them back). */
    record Delta(String field, boolean closed, Object value, int change) {
        Delta plus(Delta other) {
            return new Delta(field, closed, value, change + other.change);
        }
    }

    /** The counters of {@code shard} the change moves: -1 for each of the job's values before, +1 for each after, net. */
    static int shardOf(String jobId) {
        return Math.floorMod(jobId.hashCode(), SHARDS);
    }

    static Map<String, Delta> deltas(int shard, Job before, Job after) {
        Map<String, Delta> deltas = new HashMap<>();
        for (JobField field : FIELDS) {
            if (before != null) {
                add(deltas, field, shard, before, -1);
            }
            if (after != null) {
                add(deltas, field, shard, after, +1);
            }
        }
        deltas.values().removeIf(delta -> delta.change() == 0);
        return deltas;
    }

    private static void add(Map<String, Delta> deltas, JobField field, int shard, Job job, int change) {
        Object value = field.valueOf(job, Instant.EPOCH);
        String text = value == null ? null : value.toString();
        deltas.merge(Keys.jobCount(field.fieldName(), shard, job.closed(), text), new Delta(field.fieldName(), job.closed(), value, change),
                Delta::plus);
    }

    private Update counter(String itemId, String sortKey, Delta delta, Instant changedAt) {
        Map<String, AttributeValue> values = new HashMap<>();
        values.put(":change", AttributeValue.fromN(Integer.toString(delta.change())));
        values.put(":field", Table.s(delta.field()));
        values.put(":closed", AttributeValue.fromBool(delta.closed()));
        values.put(":at", Table.s(changedAt.toString()));
        String set = "SET #field = :field, closed = :closed, asOf = :at";
        if (delta.value() != null) {
            values.put(":value", delta.value() instanceof Boolean b ? AttributeValue.fromBool(b) : Table.s(delta.value().toString()));
            set += ", #value = :value";
        }
        return Update.builder().tableName(table.name()).key(Table.key(Keys.item(itemId), sortKey))
                .updateExpression("ADD n :change " + set)
                .expressionAttributeNames(delta.value() != null ? Map.of("#field", "field", "#value", "value") : Map.of("#field", "field"))
                .expressionAttributeValues(values).build();
    }

    /**
     * The counts that answer a statistics request, when they can: grouped by a counted field, with
     * no free-text search or area, and no {@code q} or one on {@code closed} alone ({@code closed = 0});
     * empty for the planner to answer, as for an item whose jobs are not counted yet (which starts their count).
     */
    public Optional<Counted> answer(String itemId, SearchRequest query, SearchField groupBy) {
        if (!counts(groupBy) || (query.search() != null && !query.search().isBlank()) || query.spatial() != null) {
            return Optional.empty();
        }
        Boolean closed = null;
        if (query.where() != null) {
            if (!(query.where() instanceof Expr.Compare compare && compare.field().equals(JobField.CLOSED.fieldName())
                    && compare.op() == Expr.Op.EQ && compare.value() instanceof Boolean value)) {
                return Optional.empty();
            }
            closed = value;
        }
        return answerable(itemId, query.now()) ? Optional.of(counted(itemId, (JobField) groupBy, closed)) : Optional.empty();
    }

    /**
     * The item's jobs by {@code field}: of the open ones ({@code closed} false), the closed ones
     * (true) or all (null); most first.
     */
    public Counted counted(String itemId, JobField field, Boolean closed) {
        Map<Object, Integer> counts = new HashMap<>();
        Instant asOf = null;
        int total = 0;
        // a range, not begins_with: the same keys, and DynamoDB Local reads a prefix by scanning the partition (jobs and all)
        String prefix = Keys.jobCountsOf(field.fieldName());
        String past = prefix.substring(0, prefix.length() - 1) + (char) ('#' + 1);
        for (Map<String, AttributeValue> counter : table.queryAll(QueryRequest.builder()
                .keyConditionExpression("pk = :pk AND sk BETWEEN :prefix AND :past")
                .expressionAttributeValues(Map.of(":pk", Table.s(Keys.item(itemId)), ":prefix", Table.s(prefix), ":past", Table.s(past))))) {
            Instant at = Instant.parse(counter.get("asOf").s());
            asOf = asOf == null || at.isAfter(asOf) ? at : asOf;
            if (closed != null && counter.get("closed").bool() != closed) {
                continue;
            }
            int n = Integer.parseInt(counter.get("n").n());
            if (n != 0) {
                AttributeValue value = counter.get("value");
                counts.merge(JobSearch.nullKey(value == null ? null : value.bool() != null ? value.bool() : value.s()), n, Integer::sum);
                total += n;
            }
        }
        counts.values().removeIf(n -> n == 0);
        return new Counted(total, JobSearch.ordered(counts), asOf);
    }
}
