package dev.wfm.scheduling;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.wfm.common.Json;
import dev.wfm.store.Keys;
import dev.wfm.store.RecordSize;
import dev.wfm.store.Table;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.Delete;
import software.amazon.awssdk.services.dynamodb.model.DeleteRequest;
import software.amazon.awssdk.services.dynamodb.model.Put;
import software.amazon.awssdk.services.dynamodb.model.PutItemRequest;
import software.amazon.awssdk.services.dynamodb.model.QueryRequest;
import software.amazon.awssdk.services.dynamodb.model.TransactWriteItem;
import software.amazon.awssdk.services.dynamodb.model.Update;
import software.amazon.awssdk.services.dynamodb.model.WriteRequest;

/**
 * Schedules and tasks ("recurring records") and their runs in the workflow table, under the item's
 * partition. For {@code kind} SCHEDULE (and likewise TASK):
 * <pre>
 *   pk              sk                          attributes
 *   ITEM#{itemId}   SCHEDULE#{id}               itemId, id, revision, doc (the definition as the admin
 *                                               wrote it, JSON), nextRun, lastRun; when enabled and
 *                                               with a next run also duePk = SCHEDULE_DUE, dueAt = nextRun
 *   ITEM#{itemId}   SCHEDULERUN#{id}#{runId}    doc (the run: occurrence, start, end, status, jobIds...)
 * </pre>
 * DueIndex (duePk, dueAt) is sparse: only enabled records with a next run carry its keys, so a
 * tick's Query {@code duePk = SCHEDULE_DUE AND dueAt <= now} reads exactly what is due. Runs use
 * their own sort-key prefix so listing the records of a kind never reads their runs.
 */
public final class RecurringStore {
    /** A record as read: the revision and next run are what a tick's conditional advance checks. */
    public record Stored(String itemId, String id, long revision, ObjectNode definition, Instant nextRun, String lastRun) {
        public boolean enabled() {
            return definition.path("enabled").asBoolean(true);
        }
    }

    private final Table table;
    private final String kind;

    public RecurringStore(Table table, String kind) {
        this.table = table;
        this.kind = kind;
    }

    public String duePartition() {
        return Keys.duePartition(kind);
    }

    public boolean create(String itemId, String id, ObjectNode definition, Instant nextRun) {
        return table.putNew(record(itemId, id, 1, definition, nextRun, null));
    }

    public Optional<Stored> get(String itemId, String id) {
        return table.get(Keys.item(itemId), sortKey(id)).map(this::fromRecord);
    }

    public List<Stored> list(String itemId) {
        return table.queryPrefix(Keys.item(itemId), Keys.kindPrefix(kind)).stream().map(this::fromRecord).toList();
    }

    /** Replaces the definition and next run if the record is still at the revision read; false otherwise. */
    public boolean replace(Stored read, ObjectNode definition, Instant nextRun) {
        return table.putIf(PutItemRequest.builder()
                .item(record(read.itemId(), read.id(), read.revision() + 1, definition, nextRun, read.lastRun()))
                .conditionExpression("revision = :expected")
                .expressionAttributeValues(Map.of(":expected", number(read.revision()))));
    }

    /** Deletes the record and its runs. */
    public void delete(String itemId, String id) {
        table.delete(Keys.item(itemId), sortKey(id));
        List<WriteRequest> runs = new ArrayList<>();
        for (var run : table.queryPrefix(Keys.item(itemId), Keys.runPrefix(kind, id))) {
            runs.add(WriteRequest.builder().deleteRequest(DeleteRequest.builder()
                    .key(key(itemId, run.get(Keys.SK).s())).build()).build());
        }
        table.batchWrite(runs);
    }

    /** Enabled records whose next run is at or before {@code now}: one Query on DueIndex, never a Scan. */
    public List<Stored> due(Instant now) {
        return table.queryAll(QueryRequest.builder()
                        .indexName(Keys.DUE_INDEX)
                        .keyConditionExpression("duePk = :p AND dueAt <= :now")
                        .expressionAttributeValues(Map.of(":p", Table.s(duePartition()), ":now", Table.s(Times.key(now)))))
                .stream().map(this::fromRecord).toList();
    }

    /**
     * Claims {@code occurrence} for this tick: moves the next run on to {@code next} (off the index
     * when there is none) and writes the run record, in one transaction conditional on the record
     * still being at the revision and next run this tick read. Exactly one of several ticks that
     * read the same occurrence wins; false for the others.
     */
    public boolean advance(Stored read, Instant occurrence, Optional<Instant> next, ObjectNode run) {
        Map<String, AttributeValue> values = new HashMap<>();
        values.put(":rev", number(read.revision()));
        values.put(":nextRev", number(read.revision() + 1));
        values.put(":read", Table.s(Times.key(read.nextRun())));
        values.put(":last", Table.s(Times.key(occurrence)));
        String update;
        if (next.isPresent()) {
            values.put(":next", Table.s(Times.key(next.get())));
            update = "SET nextRun = :next, dueAt = :next, lastRun = :last, revision = :nextRev";
        } else {
            update = "SET lastRun = :last, revision = :nextRev REMOVE nextRun, duePk, dueAt";
        }
        Update advance = Update.builder().tableName(table.name())
                .key(key(read.itemId(), sortKey(read.id())))
                .updateExpression(update)
                .conditionExpression("revision = :rev AND nextRun = :read")
                .expressionAttributeValues(values)
                .build();
        Put runRecord = Put.builder().tableName(table.name())
                .item(runRecord(read.itemId(), read.id(), Times.runId(occurrence), run))
                .conditionExpression("attribute_not_exists(pk)")
                .build();
        return table.transact(List.of(TransactWriteItem.builder().update(advance).build(),
                TransactWriteItem.builder().put(runRecord).build()));
    }

    /** Rewrites a run this tick owns (a task's call finished). */
    public void saveRun(String itemId, String id, String runId, ObjectNode run) {
        table.put(runRecord(itemId, id, runId, run));
    }

    /** The runs of a record, oldest first. */
    public List<ObjectNode> runs(String itemId, String id) {
        return table.queryPrefix(Keys.item(itemId), Keys.runPrefix(kind, id)).stream().map(record -> parse(record.get("doc").s())).toList();
    }

    /** Deletes one run; false when there is no such run. */
    public boolean deleteRun(String itemId, String id, String runId) {
        return table.transact(List.of(TransactWriteItem.builder().delete(Delete.builder().tableName(table.name())
                .key(key(itemId, Keys.run(kind, id, runId)))
                .conditionExpression("attribute_exists(pk)").build()).build()));
    }

    private String sortKey(String id) {
        return Keys.ofKind(kind, id);
    }

    private Map<String, AttributeValue> record(String itemId, String id, long revision, ObjectNode definition, Instant nextRun,
                                               String lastRun) {
        Map<String, AttributeValue> record = new HashMap<>(key(itemId, sortKey(id)));
        record.put("itemId", Table.s(itemId));
        record.put("id", Table.s(id));
        record.put("revision", number(revision));
        record.put("doc", Table.s(Json.write(definition)));
        if (lastRun != null) {
            record.put("lastRun", Table.s(lastRun));
        }
        if (nextRun != null) {
            record.put("nextRun", Table.s(Times.key(nextRun)));
            if (definition.path("enabled").asBoolean(true)) {
                record.put("duePk", Table.s(duePartition()));
                record.put("dueAt", Table.s(Times.key(nextRun)));
            }
        }
        RecordSize.requireFits(record);
        return record;
    }

    private Map<String, AttributeValue> runRecord(String itemId, String id, String runId, ObjectNode run) {
        Map<String, AttributeValue> record = new HashMap<>(key(itemId, Keys.run(kind, id, runId)));
        record.put("doc", Table.s(Json.write(run)));
        return record;
    }

    private static Map<String, AttributeValue> key(String itemId, String sortKey) {
        return Table.key(Keys.item(itemId), sortKey);
    }

    private Stored fromRecord(Map<String, AttributeValue> record) {
        AttributeValue next = record.get("nextRun");
        AttributeValue last = record.get("lastRun");
        return new Stored(record.get("itemId").s(), record.get("id").s(), Long.parseLong(record.get("revision").n()),
                parse(record.get("doc").s()), next == null ? null : Instant.parse(next.s()), last == null ? null : last.s());
    }

    private static ObjectNode parse(String json) {
        try {
            return (ObjectNode) Json.read(json);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("A stored schedule or task is not JSON", e);
        }
    }

    private static AttributeValue number(long value) {
        return AttributeValue.fromN(Long.toString(value));
    }
}
