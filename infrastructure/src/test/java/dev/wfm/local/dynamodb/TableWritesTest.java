package dev.wfm.local.dynamodb;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.wfm.local.TestCloud;
import dev.wfm.local.template.Intrinsics;
import dev.wfm.store.Table;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.core.SdkRequest;
import software.amazon.awssdk.core.interceptor.Context;
import software.amazon.awssdk.core.interceptor.ExecutionAttributes;
import software.amazon.awssdk.core.interceptor.ExecutionInterceptor;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.BatchWriteItemRequest;
import software.amazon.awssdk.services.dynamodb.model.PutItemRequest;
import software.amazon.awssdk.services.dynamodb.model.PutRequest;
import software.amazon.awssdk.services.dynamodb.model.TransactWriteItem;
import software.amazon.awssdk.services.dynamodb.model.TransactWriteItemsRequest;
import software.amazon.awssdk.services.dynamodb.model.UpdateItemRequest;
import software.amazon.awssdk.services.dynamodb.model.WriteRequest;

/** How the table's writes reach DynamoDB Local: which calls, holding which records. */
class TableWritesTest {
    private final List<SdkRequest> requests = new CopyOnWriteArrayList<>();
    private final DynamoDbClient dynamo = DynamoDbClient.builder()
            .endpointOverride(TestCloud.get().endpoints().dynamodb())
            .region(Region.of(Intrinsics.REGION))
            .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create("local", "local")))
            .overrideConfiguration(c -> c.addExecutionInterceptor(new ExecutionInterceptor() {
                @Override
                public void beforeExecution(Context.BeforeExecution context, ExecutionAttributes attributes) {
                    requests.add(context.request());
                }
            }))
            .build();
    private final String table = System.getProperty("TABLE_NAME");
    private final Table writes = new Table(dynamo, table);
    private final String pk = "TEST#" + UUID.randomUUID();

    @AfterEach
    void close() {
        dynamo.close();
    }

    @Test
    void aConditionalUpdateSaysWhetherItsConditionHeldAndChangesNothingWhenNot() {
        UpdateItemRequest.Builder raise = UpdateItemRequest.builder().key(Table.key(pk, "end"))
                .updateExpression("SET expiresAt = :end").conditionExpression("attribute_not_exists(expiresAt) OR expiresAt < :end");

        assertTrue(writes.updateIf(raise.copy().expressionAttributeValues(Map.of(":end", AttributeValue.fromN("20")))));
        assertFalse(writes.updateIf(raise.copy().expressionAttributeValues(Map.of(":end", AttributeValue.fromN("10")))));
        assertEquals("20", writes.get(pk, "end").orElseThrow().get("expiresAt").n(), "the later end stands");
    }

    @Test
    void groupsOfWritesAreNeverSplitBetweenBatchCallsAndKeepTheirOrder() {
        List<List<WriteRequest>> groups = new ArrayList<>();
        for (int group = 0; group < 20; group++) {
            List<WriteRequest> records = new ArrayList<>();
            for (int record = 0; record < 3; record++) {
                records.add(put(group + "#" + record));
            }
            groups.add(records);
        }

        writes.batchWriteGroups(groups);

        List<List<String>> calls = requests.stream().map(BatchWriteItemRequest.class::cast)
                .map(call -> call.requestItems().get(table).stream().map(write -> write.putRequest().item().get("sk").s()).toList())
                .toList();
        assertEquals(3, calls.size(), "60 records, 24 (8 groups) a call: " + calls);
        for (int group = 0; group < 20; group++) {
            String prefix = group + "#";
            List<List<String>> holding = calls.stream().filter(call -> call.stream().anyMatch(sk -> sk.startsWith(prefix))).toList();
            assertEquals(1, holding.size(), "group " + group + " in one call");
            List<String> call = holding.get(0);
            int first = call.indexOf(prefix + 0);
            assertEquals(List.of(prefix + 0, prefix + 1, prefix + 2), call.subList(first, first + 3), "in its order");
        }
        assertEquals(60, dynamo.query(b -> b.tableName(table).keyConditionExpression("pk = :pk")
                .expressionAttributeValues(Map.of(":pk", AttributeValue.fromS(pk))).consistentRead(true)).count());
    }

    @Test
    void aLonePutIsAConditionalPutItemAndSeveralWritesOneTransaction() {
        TransactWriteItem first = conditionalPut("job", "1");

        assertTrue(writes.transact(List.of(first)));
        assertFalse(writes.transact(List.of(conditionalPut("job", "2"))), "the condition holds as in a transaction");
        assertTrue(writes.transact(List.of(
                TransactWriteItem.builder().put(p -> p.tableName(table).item(record("a", "1"))).build(),
                TransactWriteItem.builder().put(p -> p.tableName(table).item(record("b", "1"))).build())));

        assertEquals(List.of(PutItemRequest.class, PutItemRequest.class, TransactWriteItemsRequest.class),
                requests.stream().map(Object::getClass).toList());
        assertEquals("1", dynamo.getItem(b -> b.tableName(table).key(Map.of("pk", AttributeValue.fromS(pk), "sk", AttributeValue.fromS("job")))
                .consistentRead(true)).item().get("value").s(), "the failed put changed nothing");
    }

    private TransactWriteItem conditionalPut(String sk, String value) {
        return TransactWriteItem.builder().put(p -> p.tableName(table).item(record(sk, value))
                .conditionExpression("attribute_not_exists(#pk)").expressionAttributeNames(Map.of("#pk", "pk"))).build();
    }

    private WriteRequest put(String sk) {
        return WriteRequest.builder().putRequest(PutRequest.builder().item(record(sk, "v")).build()).build();
    }

    private Map<String, AttributeValue> record(String sk, String value) {
        return Map.of("pk", AttributeValue.fromS(pk), "sk", AttributeValue.fromS(sk), "value", AttributeValue.fromS(value));
    }
}
