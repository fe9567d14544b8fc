package dev.wfm.store;

import dev.wfm.common.Parallel;
import dev.wfm.common.Settings;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ExecutorService;
import java.util.function.UnaryOperator;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.BatchGetItemRequest;
import software.amazon.awssdk.services.dynamodb.model.BatchGetItemResponse;
import software.amazon.awssdk.services.dynamodb.model.BatchWriteItemRequest;
import software.amazon.awssdk.services.dynamodb.model.BatchWriteItemResponse;
import software.amazon.awssdk.services.dynamodb.model.ConditionalCheckFailedException;
import software.amazon.awssdk.services.dynamodb.model.DeleteItemRequest;
import software.amazon.awssdk.services.dynamodb.model.GetItemRequest;
import software.amazon.awssdk.services.dynamodb.model.KeysAndAttributes;
import software.amazon.awssdk.services.dynamodb.model.Put;
import software.amazon.awssdk.services.dynamodb.model.PutItemRequest;
import software.amazon.awssdk.services.dynamodb.model.QueryRequest;
import software.amazon.awssdk.services.dynamodb.model.QueryResponse;
import software.amazon.awssdk.services.dynamodb.model.TransactWriteItem;
import software.amazon.awssdk.services.dynamodb.model.TransactWriteItemsRequest;
import software.amazon.awssdk.services.dynamodb.model.UpdateItemRequest;
import software.amazon.awssdk.services.dynamodb.model.TransactionCanceledException;
import software.amazon.awssdk.services.dynamodb.model.TransactionConflictException;
import software.amazon.awssdk.services.dynamodb.model.WriteRequest;

/** The workflow table: the primitive operations every store in the domain builds on. */
public final class Table {
    private static final int BATCH = 25;
    /**
     * The batches of one large write go side by side (creating 100 jobs is 12 of them), a few at a
     * time so one call does not take every connection of the client's pool. Made on first use, so
     * a function that never writes a batch starts no pool.
     */
    private static final class BatchWriters {
        static final ExecutorService POOL = Parallel.pool("batch-writer", 4);
    }
    private static final int GET_BATCH = 100;
    private static final int CONFLICT_ATTEMPTS = 6;

    private final DynamoDbClient dynamo;
    private final String name;

    public Table(DynamoDbClient dynamo, String name) {
        this.dynamo = dynamo;
        this.name = name;
    }

    /** The table named by template.yaml's TABLE_NAME environment variable. */
    public static Table fromEnvironment() {
        return new Table(AwsClients.dynamoDb(), Settings.required("TABLE_NAME"));
    }

    public String name() {
        return name;
    }

    public Optional<Map<String, AttributeValue>> get(String pk, String sk) {
        var response = dynamo.getItem(GetItemRequest.builder()
                .tableName(name)
                .key(key(pk, sk))
                .consistentRead(true)
                .build());
        return response.hasItem() && !response.item().isEmpty() ? Optional.of(response.item()) : Optional.empty();
    }

    /** Writes (or replaces) a record unconditionally. */
    public void put(Map<String, AttributeValue> record) {
        RecordSize.requireFits(record);
        dynamo.putItem(PutItemRequest.builder().tableName(name).item(record).build());
    }

    /** Sets attributes of a record as the request says (the table name is filled in), unconditionally. */
    public void update(UpdateItemRequest.Builder update) {
        dynamo.updateItem(update.tableName(name).build());
    }

    /** Sets attributes of a record if the request's condition holds (the table name is filled in); false when it does not. */
    public boolean updateIf(UpdateItemRequest.Builder update) {
        try {
            dynamo.updateItem(update.tableName(name).build());
            return true;
        } catch (ConditionalCheckFailedException e) {
            return false;
        }
    }

    /** Deletes a record unconditionally (a missing one is no error). */
    public void delete(String pk, String sk) {
        dynamo.deleteItem(DeleteItemRequest.builder().tableName(name).key(key(pk, sk)).build());
    }

    /** Writes a record that must not exist yet; false when it does. */
    public boolean putNew(Map<String, AttributeValue> record) {
        return putIf(PutItemRequest.builder().item(record).conditionExpression("attribute_not_exists(pk)"));
    }

    /**
     * Writes one record if the request's condition holds (the table name is filled in); false when
     * it does not, or when a transaction kept the record busy through every attempt: either way a
     * concurrent writer got there first, which callers answer as a conflict, never as an error.
     */
    public boolean putIf(PutItemRequest.Builder put) {
        PutItemRequest request = put.tableName(name).build();
        RecordSize.requireFits(request.item());
        for (int attempt = 1; ; attempt++) {
            try {
                dynamo.putItem(request);
                return true;
            } catch (ConditionalCheckFailedException e) {
                return false;
            } catch (TransactionConflictException busy) {
                if (attempt == CONFLICT_ATTEMPTS) {
                    return false;
                }
                pause(conflictBackOff(attempt));
            }
        }
    }

    /** Every record the query matches, following pagination; the table name is filled in. */
    public List<Map<String, AttributeValue>> queryAll(QueryRequest.Builder query) {
        return queryFirst(query, Integer.MAX_VALUE);
    }

    /** The first {@code max} records the query matches (a filter may leave pages empty: they are followed on). */
    public List<Map<String, AttributeValue>> queryFirst(QueryRequest.Builder query, int max) {
        List<Map<String, AttributeValue>> records = new ArrayList<>();
        Map<String, AttributeValue> start = null;
        do {
            Page page = queryPage(query, start);
            records.addAll(page.records());
            start = page.next();
        } while (start != null && records.size() < max);
        return records.size() > max ? records.subList(0, max) : records;
    }

    /** One page of a query's records and the key the next page starts after (null after the last page). */
    public record Page(List<Map<String, AttributeValue>> records, Map<String, AttributeValue> next) {}

    /** The page of the query that starts after {@code start} (null: the first page); the table name is filled in. */
    public Page queryPage(QueryRequest.Builder query, Map<String, AttributeValue> start) {
        QueryResponse page = dynamo.query(query.tableName(name).exclusiveStartKey(start).build());
        return new Page(page.items(), page.hasLastEvaluatedKey() && !page.lastEvaluatedKey().isEmpty() ? page.lastEvaluatedKey() : null);
    }

    /**
     * A page of a log kept under a sort-key prefix (delivery logs): up to {@code limit} records of
     * partition {@code pk} whose sort key starts with {@code prefix}, newest (highest sort key)
     * first, after {@code startAfterSortKey} (null: from the newest), not expired at {@code now}
     * ({@code expiresAt}: TTL removes them within days) and of {@code status} when given;
     * each record's sort key and {@code doc}; {@code more} when records may follow the page's last.
     */
    public LogPage logPage(String pk, String prefix, String status, Instant now, int limit, String startAfterSortKey) {
        Map<String, AttributeValue> values = new HashMap<>();
        values.put(":pk", s(pk));
        values.put(":prefix", s(prefix));
        values.put(":now", AttributeValue.fromN(Long.toString(now.getEpochSecond())));
        String filter = "expiresAt > :now";
        if (status != null) {
            values.put(":status", s(status));
            filter += " AND #status = :status";
        }
        Map<String, AttributeValue> start = startAfterSortKey == null ? null : key(pk, startAfterSortKey);
        List<Map<String, AttributeValue>> records = new ArrayList<>();
        do {
            QueryRequest.Builder query = QueryRequest.builder()
                    .keyConditionExpression("pk = :pk AND begins_with(sk, :prefix)")
                    .filterExpression(filter)
                    .expressionAttributeValues(values)
                    .projectionExpression("sk, doc")
                    .scanIndexForward(false)
                    .consistentRead(true)
                    .limit(limit - records.size());
            if (status != null) {
                query.expressionAttributeNames(Map.of("#status", "status"));
            }
            Page page = queryPage(query, start);
            records.addAll(page.records());
            start = page.next();
        } while (start != null && records.size() < limit);
        // The loop stops early only with a full page, so a next page begins after its last record.
        return new LogPage(records, start != null);
    }

    public record LogPage(List<Map<String, AttributeValue>> records, boolean more) {}

    /** Every record under a partition whose sort key starts with {@code prefix}, read consistently. */
    public List<Map<String, AttributeValue>> queryPrefix(String pk, String prefix) {
        return queryAll(QueryRequest.builder()
                .keyConditionExpression("pk = :pk AND begins_with(sk, :prefix)")
                .expressionAttributeValues(Map.of(":pk", s(pk), ":prefix", s(prefix)))
                .consistentRead(true));
    }

    /** Every record of one gsi1 partition. */
    public List<Map<String, AttributeValue>> queryGsi1(String partition) {
        return queryAll(QueryRequest.builder()
                .indexName(Keys.GSI1)
                .keyConditionExpression("gsi1pk = :p")
                .expressionAttributeValues(Map.of(":p", s(partition))));
    }

    /**
     * All the writes or none; false when one of their conditions failed. DynamoDB cancels a
     * transaction that meets another one in progress on one of its records (TransactionConflict,
     * which the SDK does not retry): it is made again after a short, jittered pause, and counts as
     * a failed condition when the records stay busy through every attempt. A lone Put is made as a
     * conditional PutItem ({@link #putIf}): the same effect, at half the write units of a transaction.
     */
    public boolean transact(List<TransactWriteItem> items) {
        if (items.size() == 1 && items.get(0).put() != null) {
            Put put = items.get(0).put();
            return putIf(PutItemRequest.builder().item(put.item()).conditionExpression(put.conditionExpression())
                    .expressionAttributeNames(put.hasExpressionAttributeNames() ? put.expressionAttributeNames() : null)
                    .expressionAttributeValues(put.hasExpressionAttributeValues() ? put.expressionAttributeValues() : null));
        }
        items.stream().filter(item -> item.put() != null).forEach(item -> RecordSize.requireFits(item.put().item()));
        TransactWriteItemsRequest request = TransactWriteItemsRequest.builder().transactItems(items).build();
        for (int attempt = 1; ; attempt++) {
            try {
                dynamo.transactWriteItems(request);
                return true;
            } catch (TransactionCanceledException e) {
                if (e.cancellationReasons().stream().anyMatch(reason -> "ConditionalCheckFailed".equals(reason.code()))) {
                    return false;
                }
                if (e.cancellationReasons().stream().noneMatch(reason -> "TransactionConflict".equals(reason.code()))) {
                    throw e;
                }
                if (attempt == CONFLICT_ATTEMPTS) {
                    return false;
                }
                pause(conflictBackOff(attempt));
            }
        }
    }

    private static long conflictBackOff(int attempt) {
        return (long) (Math.min(200, 10L << attempt) * (0.5 + Math.random()));
    }

    /**
     * The records of one partition with these sort keys, by sort key (absent ones missing), read
     * consistently with BatchGetItem, 100 keys a call, resubmitting what DynamoDB leaves unprocessed.
     */
    public Map<String, Map<String, AttributeValue>> batchGet(String pk, List<String> sortKeys) {
        Map<String, Map<String, AttributeValue>> found = new HashMap<>();
        for (int i = 0; i < sortKeys.size(); i += GET_BATCH) {
            List<Map<String, AttributeValue>> keys = sortKeys.subList(i, Math.min(sortKeys.size(), i + GET_BATCH)).stream()
                    .distinct()
                    .map(sk -> key(pk, sk))
                    .toList();
            untilProcessed(Map.of(name, KeysAndAttributes.builder().keys(keys).consistentRead(true).build()), pending -> {
                BatchGetItemResponse response = dynamo.batchGetItem(BatchGetItemRequest.builder().requestItems(pending).build());
                response.responses().getOrDefault(name, List.of()).forEach(item -> found.put(item.get(Keys.SK).s(), item));
                return response.hasUnprocessedKeys() ? response.unprocessedKeys() : Map.of();
            });
        }
        return found;
    }

    /** Unconditional puts and deletes, 25 a call and a few calls at once, resubmitting what DynamoDB leaves unprocessed. */
    public void batchWrite(List<WriteRequest> writes) {
        batchWriteGroups(List.of(writes));
    }

    /**
     * As {@link #batchWrite}, each group's writes in one call and in their order, unless a group
     * has more than 25: the calls run side by side, so records that readers of the stream expect
     * together (a new job and its history) are not split between calls that may land apart.
     */
    public void batchWriteGroups(List<List<WriteRequest>> groups) {
        List<List<WriteRequest>> batches = new ArrayList<>();
        List<WriteRequest> filling = new ArrayList<>();
        for (List<WriteRequest> group : groups) {
            group.stream().filter(write -> write.putRequest() != null).forEach(write -> RecordSize.requireFits(write.putRequest().item()));
            if (filling.size() + group.size() > BATCH && !filling.isEmpty()) {
                batches.add(filling);
                filling = new ArrayList<>();
            }
            for (WriteRequest write : group) {
                if (filling.size() == BATCH) {
                    batches.add(filling);
                    filling = new ArrayList<>();
                }
                filling.add(write);
            }
        }
        if (!filling.isEmpty()) {
            batches.add(filling);
        }
        UnaryOperator<Map<String, List<WriteRequest>>> call = pending -> {
            BatchWriteItemResponse response = dynamo.batchWriteItem(BatchWriteItemRequest.builder().requestItems(pending).build());
            return response.hasUnprocessedItems() ? response.unprocessedItems() : Map.of();
        };
        Parallel.map(BatchWriters.POOL, batches, batch -> {
            untilProcessed(Map.of(name, batch), call);
            return batch.size();
        });
    }

    /** Makes a batch call, then again with what it left unprocessed, backing off, until nothing is left. */
    private static <T> void untilProcessed(Map<String, T> batch, UnaryOperator<Map<String, T>> call) {
        Map<String, T> pending = batch;
        for (int attempt = 0; !pending.isEmpty(); attempt++) {
            if (attempt > 8) {
                throw new IllegalStateException("DynamoDB left part of a batch unprocessed after " + attempt + " attempts");
            }
            if (attempt > 0) {
                pause(Math.min(1000, 25L << attempt));
            }
            pending = call.apply(pending);
        }
    }

    private static void pause(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    public static AttributeValue s(String value) {
        return AttributeValue.fromS(value);
    }

    /** A record's primary key. */
    public static Map<String, AttributeValue> key(String pk, String sk) {
        return Map.of(Keys.PK, s(pk), Keys.SK, s(sk));
    }
}
