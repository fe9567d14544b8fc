package dev.wfm.store;

import dev.wfm.common.Settings;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.GetItemRequest;
import software.amazon.awssdk.services.dynamodb.model.PutItemRequest;
import software.amazon.awssdk.services.dynamodb.model.QueryRequest;
import software.amazon.awssdk.services.dynamodb.model.QueryResponse;

/** The workflow table: the few primitive operations every store in the domain builds on. */
public final class Table {
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

    public DynamoDbClient client() {
        return dynamo;
    }

    public Optional<Map<String, AttributeValue>> get(String pk, String sk) {
        var response = dynamo.getItem(GetItemRequest.builder()
                .tableName(name)
                .key(Map.of(Keys.PK, s(pk), Keys.SK, s(sk)))
                .consistentRead(true)
                .build());
        return response.hasItem() && !response.item().isEmpty() ? Optional.of(response.item()) : Optional.empty();
    }

    /** Writes a record that must not exist yet; false when it does. */
    public boolean putNew(Map<String, AttributeValue> record) {
        try {
            dynamo.putItem(PutItemRequest.builder()
                    .tableName(name)
                    .item(record)
                    .conditionExpression("attribute_not_exists(pk)")
                    .build());
            return true;
        } catch (software.amazon.awssdk.services.dynamodb.model.ConditionalCheckFailedException e) {
            return false;
        }
    }

    /** Every record of one gsi1 partition, following pagination. */
    public List<Map<String, AttributeValue>> queryGsi1(String partition) {
        List<Map<String, AttributeValue>> records = new ArrayList<>();
        Map<String, AttributeValue> start = null;
        do {
            QueryResponse page = dynamo.query(QueryRequest.builder()
                    .tableName(name)
                    .indexName(Keys.GSI1)
                    .keyConditionExpression("gsi1pk = :p")
                    .expressionAttributeValues(Map.of(":p", s(partition)))
                    .exclusiveStartKey(start)
                    .build());
            records.addAll(page.items());
            start = page.hasLastEvaluatedKey() && !page.lastEvaluatedKey().isEmpty() ? page.lastEvaluatedKey() : null;
        } while (start != null);
        return records;
    }

    public static AttributeValue s(String value) {
        return AttributeValue.fromS(value);
    }
}
