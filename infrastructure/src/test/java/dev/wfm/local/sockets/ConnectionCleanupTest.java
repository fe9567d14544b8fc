package dev.wfm.local.sockets;

import static dev.wfm.local.sockets.SocketClient.msgType;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import dev.wfm.local.Await;
import dev.wfm.local.TestCloud;
import dev.wfm.local.TestTable;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/** A connection that ends leaves no records behind: closed by its client, or found gone by a push. */
class ConnectionCleanupTest {
    private static final Duration BOUND = Duration.ofSeconds(30);

    private final LiveItem item = new LiveItem("Cleanup");

    @Test
    void aClosedConnectionIsRemovedWithItsSubscriptions() {
        String jobId = item.newJob();
        String user = "closer-" + System.nanoTime();
        List<String> connections;
        try (SocketClient client = SocketClient.connect(item.endpoint(), item.itemId, item.token(user, "managers"))) {
            client.send("{\"action\": \"subscribe\", \"jobIds\": [\"" + jobId + "\"]}");
            client.await(msgType("Subscribed"), BOUND, "the subscription");
            client.send("{\"action\": \"subscribe\", \"queue\": \"mine\"}");
            client.await(msgType("Subscribed"), BOUND, "the second subscription");
            // read while open: once closed, the $disconnect may remove them before any read
            connections = connectionsOf(user);
            assertFalse(connections.isEmpty(), "the connection was recorded");
            // the connection; the job's subscriber and my work's of the user and of the group managers, each with its reference
            assertEquals(7, recordsOf(connections).size());
        }
        Await.until(() -> recordsOf(connections).isEmpty(), 30_000, "the closed connection's records to be removed");
    }

    @Test
    void aConnectionAPushFindsGoneIsRemovedWithItsSubscriptions() {
        String jobId = item.newJob();
        String user = "vanished-" + System.nanoTime();
        // a connection API Gateway no longer knows, whose $disconnect never came
        String connectionId = "gone" + System.nanoTime();
        long expires = Instant.now().plusSeconds(3600).getEpochSecond();
        String subscribers = "ITEM#" + item.itemId + "#SUBSCRIBERS#JOB#" + jobId;
        put(Map.of("pk", s("SOCKET#" + connectionId), "sk", s("SOCKET")), connectionId, user, expires);
        put(Map.of("pk", s(subscribers), "sk", s(connectionId)), connectionId, user, expires);
        put(Map.of("pk", s("SOCKET#" + connectionId), "sk", s("SUB#" + subscribers)), connectionId, user, expires);
        // and, as its opening wrote, its end as the latest of the item's connections
        TestTable.put(Map.of("pk", s("ITEM#" + item.itemId), "sk", s("SOCKETS"), "expiresAt", AttributeValue.fromN(Long.toString(expires))));

        // the push of the Finish's events meets 410, or the push of the job's first events, still on their way, met it already
        item.act(jobId, "{\"type\": \"Finish\", \"stepIds\": [\"define\"]}");
        Await.until(() -> recordsOf(List.of(connectionId)).isEmpty(), 30_000, "the gone connection's records to be removed by the push that met 410");
    }

    /** The connections the user's token opened, as recorded. */
    private static List<String> connectionsOf(String user) {
        return TestTable.scan().stream().filter(record -> record.containsKey("connectionId") && record.containsKey("user")
                        && user.equals(record.get("user").s()))
                .map(record -> record.get("connectionId").s()).distinct().toList();
    }

    /** Every record of these connections: their own, their subscriptions, the subscriptions' references. */
    private static List<Map<String, AttributeValue>> recordsOf(List<String> connectionIds) {
        return TestTable.scan().stream().filter(record -> connectionIds.stream().anyMatch(id ->
                record.get("pk").s().equals("SOCKET#" + id) || record.get("sk").s().equals(id))).toList();
    }

    private void put(Map<String, AttributeValue> key, String connectionId, String user, long expires) {
        Map<String, AttributeValue> record = new java.util.HashMap<>(key);
        record.put("connectionId", s(connectionId));
        record.put("itemId", s(item.itemId));
        record.put("user", s(user));
        record.put("groups", AttributeValue.fromL(List.of(s("managers"))));
        record.put("expiresAt", AttributeValue.fromN(Long.toString(expires)));
        try (DynamoDbClient dynamo = DynamoDbClient.builder().endpointOverride(TestCloud.get().endpoints().dynamodb()).build()) {
            dynamo.putItem(b -> b.tableName("WorkflowTable").item(record));
        }
    }

    private static AttributeValue s(String value) {
        return AttributeValue.fromS(value);
    }
}
