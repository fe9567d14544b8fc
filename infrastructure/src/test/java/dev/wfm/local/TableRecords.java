package dev.wfm.local;

import java.net.URI;
import java.util.List;
import java.util.Map;
import java.util.SortedMap;
import java.util.TreeMap;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.QueryRequest;
import software.amazon.awssdk.services.dynamodb.model.ScanRequest;

/**
 * The workflow table's records as a test sees them through the local cloud's DynamoDB endpoint,
 * each as its key and a canonical text of its attributes: two reads compare equal exactly when
 * nothing was written in between.
 */
public final class TableRecords implements AutoCloseable {
    public static final String TABLE = "WorkflowTable";
    /**
     * The sort-key prefixes of the records written on the system's own account: what the event
     * consumers write (the job counts too, from the job records compared themselves), and who was seen using an item (items.ItemService, once per member and hour).
     */
    private static final List<String> EVENT_CONSUMER_RECORDS = List.of("ACTIVITY#", "CONSUMED#", "NOTIFYDELIVERY#", "MEMBER#", "COUNT#",
            "COUNTED#");

    private final DynamoDbClient dynamo;

    public TableRecords(URI endpoint) {
        dynamo = DynamoDbClient.builder()
                .endpointOverride(endpoint)
                .region(Region.US_EAST_1)
                .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create("local", "local")))
                .build();
    }

    /** Every record of the table, by {@code pk sk}. */
    public SortedMap<String, String> all() {
        SortedMap<String, String> records = new TreeMap<>();
        dynamo.scanPaginator(ScanRequest.builder().tableName(TABLE).consistentRead(true).build())
                .items().forEach(item -> records.put(key(item), canonical(item)));
        return records;
    }

    /** The records of one partition, such as {@code ITEM#{itemId}}, by {@code pk sk}. */
    public SortedMap<String, String> partition(String pk) {
        SortedMap<String, String> records = new TreeMap<>();
        dynamo.queryPaginator(QueryRequest.builder().tableName(TABLE).consistentRead(true)
                        .keyConditionExpression("pk = :pk").expressionAttributeValues(Map.of(":pk", AttributeValue.fromS(pk))).build())
                .items().forEach(item -> records.put(key(item), canonical(item)));
        return records;
    }

    /**
     * The records of {@code records} that requests write: all but what the consumers of the table's
     * stream write later, on their own, from history records that are compared themselves (activity
     * counts, consumed-event marks, rules' deliveries; see store.Keys), and the member records that
     * note who used an item (refused requests included). A request that wrote no history record set
     * none of the consumers going.
     */
    public static SortedMap<String, String> writtenByRequests(SortedMap<String, String> records) {
        SortedMap<String, String> written = new TreeMap<>(records);
        written.keySet().removeIf(key -> EVENT_CONSUMER_RECORDS.stream().anyMatch(key.substring(key.indexOf(' ') + 1)::startsWith));
        return written;
    }

    /** The keys of the records that were added, removed or changed from {@code before} to {@code after}. */
    public static java.util.Set<String> changed(SortedMap<String, String> before, SortedMap<String, String> after) {
        java.util.Set<String> changed = new java.util.TreeSet<>();
        before.forEach((key, record) -> {
            if (!record.equals(after.get(key))) {
                changed.add(key);
            }
        });
        after.keySet().stream().filter(key -> !before.containsKey(key)).forEach(changed::add);
        return changed;
    }

    private static String key(Map<String, AttributeValue> item) {
        return item.get("pk").s() + " " + item.get("sk").s();
    }

    private static String canonical(Map<String, AttributeValue> item) {
        return new TreeMap<>(item).toString();
    }

    @Override
    public void close() {
        dynamo.close();
    }
}
