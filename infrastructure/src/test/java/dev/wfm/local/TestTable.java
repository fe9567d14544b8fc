package dev.wfm.local;

import dev.wfm.local.template.Intrinsics;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.QueryRequest;
import software.amazon.awssdk.services.dynamodb.model.ScanRequest;

/** The local cloud's workflow table read directly, as only a test may: to prove what was, or was not, written. */
public final class TestTable {
    private TestTable() {}

    /** How many jobs the item holds (its job records, not their steps, history or other records). */
    public static int jobCount(String itemId) {
        try (DynamoDbClient dynamo = client()) {
            return (int) dynamo.queryPaginator(QueryRequest.builder()
                            .tableName(name())
                            .keyConditionExpression("pk = :pk AND begins_with(sk, :job)")
                            .expressionAttributeValues(Map.of(":pk", AttributeValue.fromS("ITEM#" + itemId), ":job", AttributeValue.fromS("JOB#")))
                            .consistentRead(true)
                            .build())
                    .items().stream()
                    .filter(record -> record.get("sk").s().indexOf('#', 4) < 0)
                    .count();
        }
    }

    /** Every record of the table, every attribute as DynamoDB returns it. */
    public static List<Map<String, AttributeValue>> scan() {
        try (DynamoDbClient dynamo = client()) {
            List<Map<String, AttributeValue>> records = new ArrayList<>();
            dynamo.scanPaginator(ScanRequest.builder().tableName(name()).consistentRead(true).build()).items().forEach(records::add);
            return records;
        }
    }

    /** The records of a partition whose sort keys begin with {@code prefix}, in sort-key order. */
    public static List<Map<String, AttributeValue>> records(String pk, String prefix) {
        try (DynamoDbClient dynamo = client()) {
            List<Map<String, AttributeValue>> records = new ArrayList<>();
            dynamo.queryPaginator(QueryRequest.builder()
                            .tableName(name())
                            .keyConditionExpression("pk = :pk AND begins_with(sk, :prefix)")
                            .expressionAttributeValues(Map.of(":pk", AttributeValue.fromS(pk), ":prefix", AttributeValue.fromS(prefix)))
                            .consistentRead(true)
                            .build())
                    .items().forEach(records::add);
            return records;
        }
    }

    /** Writes one record behind the API's back, as an earlier version of the functions left it. */
    public static void put(Map<String, AttributeValue> record) {
        try (DynamoDbClient dynamo = client()) {
            dynamo.putItem(b -> b.tableName(name()).item(record));
        }
    }

    /** Removes one record behind the API's back, as a write racing a check could leave the table. */
    public static void delete(String pk, String sk) {
        try (DynamoDbClient dynamo = client()) {
            dynamo.deleteItem(b -> b.tableName(name()).key(Map.of("pk", AttributeValue.fromS(pk), "sk", AttributeValue.fromS(sk))));
        }
    }

    private static String name() {
        return System.getProperty("TABLE_NAME");
    }

    private static DynamoDbClient client() {
        return DynamoDbClient.builder()
                .endpointOverride(TestCloud.get().endpoints().dynamodb())
                .region(Region.of(Intrinsics.REGION))
                .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create("local", "local")))
                .build();
    }
}
