package dev.wfm.jobs.batches;

import dev.wfm.security.Privilege;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import dev.wfm.common.Json;
import dev.wfm.jobs.Actor;
import dev.wfm.security.Role;
import dev.wfm.store.Keys;
import dev.wfm.store.Table;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.Put;
import software.amazon.awssdk.services.dynamodb.model.QueryRequest;
import software.amazon.awssdk.services.dynamodb.model.TransactWriteItem;
import software.amazon.awssdk.services.dynamodb.model.UpdateItemRequest;

/**
 * Batches in DynamoDB, under the item's partition: {@code BATCH#{batchId}} (the change, the job
 * count, who asked, when) and its chunks {@code BATCHCHUNK#{batchId}#{n}} of at most
 * {@link JobBatches#CHUNK} job ids, all written in one transaction: a batch is there with all its
 * jobs or not at all. A chunk run notes its counts on its record ({@link #chunkDone}). A chunk's insert reaches the batch function through the table's stream; the
 * jobs' results are kept by the job store, with their changes.
 */
public final class BatchStore {
    private final Table table;

    public BatchStore(Table table) {
        this.table = table;
    }

    /** Writes the batch and its chunks unless a batch with its id exists; false when it does. */
    public boolean create(Batch batch, List<List<String>> chunks) {
        List<TransactWriteItem> writes = new ArrayList<>();
        Map<String, AttributeValue> header = new HashMap<>(Table.key(Keys.item(batch.itemId()), Keys.batch(batch.batchId())));
        header.put("batchId", Table.s(batch.batchId()));
        header.put("change", Table.s(Json.write(batch.change().body())));
        header.put("total", AttributeValue.fromN(Integer.toString(batch.total())));
        header.put("user", Table.s(batch.actor().user()));
        header.put("groups", AttributeValue.fromL(batch.actor().groups().stream().map(Table::s).toList()));
        header.put("roles", AttributeValue.fromL(batch.actor().roles().stream().map(role -> Table.s(role.name())).toList()));
        header.put("privileges", AttributeValue.fromL(batch.actor().privileges().stream().map(privilege -> Table.s(privilege.name())).toList()));
        header.put("submitted", Table.s(batch.submitted()));
        if (batch.requestFingerprint() != null) {
            header.put("requestFingerprint", Table.s(batch.requestFingerprint()));
        }
        writes.add(TransactWriteItem.builder().put(Put.builder().tableName(table.name()).item(header)
                .conditionExpression("attribute_not_exists(pk)").build()).build());
        for (int n = 0; n < chunks.size(); n++) {
            Map<String, AttributeValue> chunk = new HashMap<>(Table.key(Keys.item(batch.itemId()), Keys.batchChunk(batch.batchId(), n)));
            chunk.put("batchId", Table.s(batch.batchId()));
            chunk.put("chunk", AttributeValue.fromN(Integer.toString(n)));
            chunk.put("jobIds", AttributeValue.fromL(chunks.get(n).stream().map(Table::s).toList()));
            writes.add(TransactWriteItem.builder().put(Put.builder().tableName(table.name()).item(chunk).build()).build());
        }
        return table.transact(writes);
    }

    /**
     * Notes on chunk {@code chunk} how many of its jobs the change succeeded and failed on, once each
     * has its result: the batch's progress is the sum over its chunks. (A change, not an insert:
     * the stream's filter gives the batch function inserts only.)
     */
    public void chunkDone(String itemId, String batchId, int chunk, long succeeded, long failed) {
        table.update(UpdateItemRequest.builder()
                .key(Table.key(Keys.item(itemId), Keys.batchChunk(batchId, chunk)))
                .updateExpression("SET succeeded = :succeeded, failed = :failed")
                .expressionAttributeValues(Map.of(":succeeded", AttributeValue.fromN(Long.toString(succeeded)),
                        ":failed", AttributeValue.fromN(Long.toString(failed)))));
    }

    /** Chunks done of all, and the jobs of the chunks done that the change succeeded and failed on. */
    public record Counts(int chunks, int chunksDone, long succeeded, long failed) {}

    /** The batch's counts: one Query of its chunks, reading only their counts. */
    public Counts counts(String itemId, String batchId) {
        int chunks = 0;
        int done = 0;
        long succeeded = 0;
        long failed = 0;
        for (Map<String, AttributeValue> chunk : table.queryAll(QueryRequest.builder()
                .keyConditionExpression("pk = :pk AND begins_with(sk, :prefix)")
                .expressionAttributeValues(Map.of(":pk", Table.s(Keys.item(itemId)), ":prefix",
                        Table.s(Keys.BATCH_CHUNK_PREFIX + batchId + "#")))
                .projectionExpression("succeeded, failed")
                .consistentRead(true))) {
            chunks++;
            if (chunk.containsKey("succeeded")) {
                done++;
                succeeded += Long.parseLong(chunk.get("succeeded").n());
                failed += Long.parseLong(chunk.get("failed").n());
            }
        }
        return new Counts(chunks, done, succeeded, failed);
    }

    public Optional<Batch> find(String itemId, String batchId) {
        return table.get(Keys.item(itemId), Keys.batch(batchId)).map(record -> new Batch(batchId, itemId,
                BatchChange.read(change(record.get("change").s())),
                Integer.parseInt(record.get("total").n()),
                actor(record),
                record.get("submitted").s(),
                record.containsKey("requestFingerprint") ? record.get("requestFingerprint").s() : null));
    }

    /** Who submitted the batch, with the roles and privileges they had then (a privilege no longer known is not held). */
    private static Actor actor(Map<String, AttributeValue> record) {
        Set<Role> roles = record.get("roles").l().stream().map(role -> Role.valueOf(role.s())).collect(Collectors.toSet());
        Set<Privilege> privileges = record.get("privileges").l().stream()
                .flatMap(privilege -> Arrays.stream(Privilege.values()).filter(known -> known.name().equals(privilege.s())))
                .collect(Collectors.toSet());
        return new Actor(record.get("user").s(), record.get("groups").l().stream().map(AttributeValue::s).toList(), roles, privileges);
    }

    private static JsonNode change(String json) {
        try {
            return Json.read(json);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("A batch's change is not JSON", e);
        }
    }
}
