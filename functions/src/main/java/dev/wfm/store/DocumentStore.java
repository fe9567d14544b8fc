package dev.wfm.store;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.wfm.common.Json;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.ConditionCheck;
import software.amazon.awssdk.services.dynamodb.model.Put;
import software.amazon.awssdk.services.dynamodb.model.PutItemRequest;
import software.amazon.awssdk.services.dynamodb.model.TransactWriteItem;
import software.amazon.awssdk.services.dynamodb.model.Update;

/**
 * An item's configuration records (diagrams, templates, lookups, property tables) as JSON
 * documents under the item's partition: {@code pk = ITEM#{itemId}}, {@code sk = KIND#{id}}.
 * Each document carries a {@code revision}; writes are conditional on it, so two admins editing
 * the same record never silently overwrite each other.
 */
public final class DocumentStore {
    /** A stored document and the revision it was read at. */
    public record Document(String id, long revision, ObjectNode body) {}

    /**
     * One write of a transaction: create a new document, replace one still at a revision, hold
     * only while one is at a revision, or count on a counter record.
     */
    public sealed interface Write {
        String kind();

        String id();
    }

    public record Create(String kind, String id, ObjectNode body) implements Write {}

    public record Replace(String kind, String id, long expectedRevision, ObjectNode body) implements Write {}

    /** Writes nothing; the transaction holds only while the document is at {@code revision} (0: while there is none). */
    public record Unchanged(String kind, String id, long revision) implements Write {}

    /**
     * Counts one on a counter record (a revision and no document, created at 1): unconditional,
     * so concurrent counts never fail each other, while a writer that read the count and made it
     * a condition ({@link Unchanged}) fails if anyone counted since.
     */
    public record Count(String kind, String id) implements Write {}

    private final Table table;

    public DocumentStore(Table table) {
        this.table = table;
    }

    public Optional<Document> get(String itemId, String kind, String id) {
        return table.get(Keys.item(itemId), Keys.ofKind(kind, id)).map(DocumentStore::fromRecord);
    }

    /** Every document of one kind in the item, in id order. */
    public List<Document> list(String itemId, String kind) {
        return table.queryPrefix(Keys.item(itemId), Keys.kindPrefix(kind)).stream().map(DocumentStore::fromRecord).toList();
    }

    /** Creates the document; false when one with this id exists already. */
    public boolean create(String itemId, String kind, String id, ObjectNode body) {
        return table.putNew(record(itemId, kind, id, 1, body));
    }

    /** Replaces the document if it is still at {@code expectedRevision}; false when someone else wrote first. */
    public boolean replace(String itemId, String kind, String id, long expectedRevision, ObjectNode body) {
        return table.putIf(PutItemRequest.builder()
                .item(record(itemId, kind, id, expectedRevision + 1, body))
                .conditionExpression("revision = :expected")
                .expressionAttributeValues(Map.of(":expected", number(expectedRevision))));
    }

    /** Applies all writes or none; false when a condition failed (a document exists, or moved on). */
    public boolean writeAll(String itemId, List<Write> writes) {
        List<TransactWriteItem> items = new ArrayList<>();
        for (Write write : writes) {
            items.add(transactItem(itemId, write));
        }
        return table.transact(items);
    }

    /** The revision of a document or counter record; 0 when there is none. */
    public long revision(String itemId, String kind, String id) {
        return table.get(Keys.item(itemId), Keys.ofKind(kind, id)).map(record -> Long.parseLong(record.get("revision").n())).orElse(0L);
    }

    private TransactWriteItem transactItem(String itemId, Write write) {
        if (write instanceof Create create) {
            return TransactWriteItem.builder().put(Put.builder().tableName(table.name())
                    .item(record(itemId, create.kind(), create.id(), 1, create.body()))
                    .conditionExpression("attribute_not_exists(pk)").build()).build();
        }
        if (write instanceof Replace replace) {
            return TransactWriteItem.builder().put(Put.builder().tableName(table.name())
                    .item(record(itemId, replace.kind(), replace.id(), replace.expectedRevision() + 1, replace.body()))
                    .conditionExpression("revision = :expected")
                    .expressionAttributeValues(Map.of(":expected", number(replace.expectedRevision()))).build()).build();
        }
        if (write instanceof Unchanged unchanged) {
            ConditionCheck.Builder check = ConditionCheck.builder().tableName(table.name()).key(key(itemId, write));
            if (unchanged.revision() == 0) {
                check.conditionExpression("attribute_not_exists(pk)");
            } else {
                check.conditionExpression("revision = :expected").expressionAttributeValues(Map.of(":expected", number(unchanged.revision())));
            }
            return TransactWriteItem.builder().conditionCheck(check.build()).build();
        }
        return TransactWriteItem.builder().update(Update.builder().tableName(table.name()).key(key(itemId, write))
                .updateExpression("ADD revision :one").expressionAttributeValues(Map.of(":one", number(1))).build()).build();
    }

    private static Map<String, AttributeValue> key(String itemId, Write write) {
        return Table.key(Keys.item(itemId), Keys.ofKind(write.kind(), write.id()));
    }

    private static AttributeValue number(long value) {
        return AttributeValue.fromN(Long.toString(value));
    }

    public void delete(String itemId, String kind, String id) {
        table.delete(Keys.item(itemId), Keys.ofKind(kind, id));
    }

    private static Map<String, AttributeValue> record(String itemId, String kind, String id, long revision, ObjectNode body) {
        Map<String, AttributeValue> record = new HashMap<>(Table.key(Keys.item(itemId), Keys.ofKind(kind, id)));
        record.put("id", Table.s(id));
        record.put("revision", AttributeValue.fromN(Long.toString(revision)));
        record.put("doc", Table.s(Json.write(body)));
        RecordSize.requireFits(record);
        return record;
    }

    private static Document fromRecord(Map<String, AttributeValue> record) {
        try {
            JsonNode body = Json.read(record.get("doc").s());
            return new Document(record.get("id").s(), Long.parseLong(record.get("revision").n()), (ObjectNode) body);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("Stored document " + record.get("sk").s() + " is not JSON", e);
        }
    }
}
