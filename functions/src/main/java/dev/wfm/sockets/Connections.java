package dev.wfm.sockets;

import dev.wfm.store.Keys;
import dev.wfm.store.Table;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.DeleteRequest;
import software.amazon.awssdk.services.dynamodb.model.PutRequest;
import software.amazon.awssdk.services.dynamodb.model.QueryRequest;
import software.amazon.awssdk.services.dynamodb.model.UpdateItemRequest;
import software.amazon.awssdk.services.dynamodb.model.WriteRequest;

/**
 * WebSocket connections and their subscriptions in the workflow table (keys in {@link Keys}): a
 * record per connection; per subscription a record in the subscribers partition it joins (a job's,
 * a user's, a group's), so a push Queries the one partition its event concerns, and a back
 * reference under the connection, so closing it finds everything it holds. Every record carries
 * the connection's end ({@code expiresAt}, epoch seconds): DynamoDB's TTL deletes what a lost
 * {@code $disconnect} left, and reads skip it meanwhile.
 */
public final class Connections {
    private final Table table;

    public Connections(Table table) {
        this.table = table;
    }

    /**
     * Records the connection, and its end as the item's latest ({@link #anyOpen}) unless a later one is there. The
     * item's end is written first, so no subscription is ever made to an item that does not show it.
     */
    public void open(Connection connection) {
        // false when another connection of the item ends later: its end stands
        table.updateIf(UpdateItemRequest.builder()
                .key(Table.key(Keys.item(connection.itemId()), Keys.ITEM_SOCKETS))
                .updateExpression("SET expiresAt = :end")
                .conditionExpression("attribute_not_exists(expiresAt) OR expiresAt < :end")
                .expressionAttributeValues(Map.of(":end", epochSeconds(connection.expiresAt()))));
        Map<String, AttributeValue> record = attributes(connection);
        record.putAll(Table.key(Keys.socketConnection(connection.connectionId()), Keys.SOCKET));
        table.put(record);
    }

    /** Marks a new item as having had no connection yet ({@link #anyOpen}). */
    public void noneOpenYet(String itemId) {
        Map<String, AttributeValue> record = new HashMap<>(Table.key(Keys.item(itemId), Keys.ITEM_SOCKETS));
        record.put("expiresAt", AttributeValue.fromN("0"));
        table.put(record);
    }

    /**
     * Whether a connection to the item may still be open: when none is, nothing in it has subscribers to read. An
     * item made before its connections' end was kept has none written: its connections may be open.
     */
    public boolean anyOpen(String itemId, Instant now) {
        return table.get(Keys.item(itemId), Keys.ITEM_SOCKETS)
                .map(record -> Long.parseLong(record.get("expiresAt").n()) > now.getEpochSecond())
                .orElse(true);
    }

    /** The connection, unless it is closed or expired. */
    public Optional<Connection> find(String connectionId, Instant now) {
        return table.get(Keys.socketConnection(connectionId), Keys.SOCKET).map(Connections::connection)
                .filter(connection -> !connection.expired(now));
    }

    /** Joins the connection to these subscribers partitions (joining one again changes nothing). */
    public void subscribe(Connection connection, List<String> partitions) {
        List<WriteRequest> writes = new ArrayList<>();
        for (String partition : partitions) {
            Map<String, AttributeValue> subscriber = attributes(connection);
            subscriber.putAll(Table.key(partition, connection.connectionId()));
            writes.add(put(subscriber));
            Map<String, AttributeValue> reference = new HashMap<>(Table.key(Keys.socketConnection(connection.connectionId()),
                    Keys.socketSubscription(partition)));
            reference.put("expiresAt", epochSeconds(connection.expiresAt()));
            writes.add(put(reference));
        }
        table.batchWrite(writes);
    }

    public void unsubscribe(String connectionId, List<String> partitions) {
        List<WriteRequest> writes = new ArrayList<>();
        for (String partition : partitions) {
            writes.add(delete(partition, connectionId));
            writes.add(delete(Keys.socketConnection(connectionId), Keys.socketSubscription(partition)));
        }
        table.batchWrite(writes);
    }

    /** The live connections of a subscribers partition. */
    public List<Connection> subscribers(String partition, Instant now) {
        return table.queryAll(QueryRequest.builder()
                        .keyConditionExpression("pk = :pk")
                        .expressionAttributeValues(Map.of(":pk", Table.s(partition)))
                        .consistentRead(true))
                .stream().map(Connections::connection)
                .filter(connection -> !connection.expired(now)).toList();
    }

    /** The subscribers partitions the connection has joined. */
    public List<String> subscriptions(String connectionId) {
        return table.queryPrefix(Keys.socketConnection(connectionId), Keys.socketSubscriptionPrefix()).stream()
                .map(record -> Keys.subscribersOf(record.get(Keys.SK).s())).toList();
    }

    /** Removes the connection and every subscription it holds (a connection already gone is no error). */
    public void close(String connectionId) {
        List<WriteRequest> writes = new ArrayList<>();
        for (String partition : subscriptions(connectionId)) {
            writes.add(delete(partition, connectionId));
            writes.add(delete(Keys.socketConnection(connectionId), Keys.socketSubscription(partition)));
        }
        writes.add(delete(Keys.socketConnection(connectionId), Keys.SOCKET));
        table.batchWrite(writes);
    }

    private static Map<String, AttributeValue> attributes(Connection connection) {
        Map<String, AttributeValue> record = new HashMap<>();
        record.put("connectionId", Table.s(connection.connectionId()));
        record.put("itemId", Table.s(connection.itemId()));
        record.put("user", Table.s(connection.user()));
        record.put("groups", AttributeValue.fromL(connection.groups().stream().map(Table::s).toList()));
        record.put("expiresAt", epochSeconds(connection.expiresAt()));
        return record;
    }

    private static Connection connection(Map<String, AttributeValue> record) {
        return new Connection(record.get("connectionId").s(), record.get("itemId").s(), record.get("user").s(),
                record.get("groups").l().stream().map(AttributeValue::s).toList(),
                Instant.ofEpochSecond(Long.parseLong(record.get("expiresAt").n())));
    }

    private static AttributeValue epochSeconds(Instant time) {
        return AttributeValue.fromN(Long.toString(time.getEpochSecond()));
    }

    private static WriteRequest put(Map<String, AttributeValue> record) {
        return WriteRequest.builder().putRequest(PutRequest.builder().item(record).build()).build();
    }

    private static WriteRequest delete(String pk, String sk) {
        return WriteRequest.builder().deleteRequest(DeleteRequest.builder().key(Table.key(pk, sk)).build()).build();
    }
}
