package dev.wfm.local.dynamodb;

import dev.wfm.local.template.TableSpec;
import java.util.ArrayList;
import java.util.List;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeDefinition;
import software.amazon.awssdk.services.dynamodb.model.BillingMode;
import software.amazon.awssdk.services.dynamodb.model.CreateTableRequest;
import software.amazon.awssdk.services.dynamodb.model.GlobalSecondaryIndex;
import software.amazon.awssdk.services.dynamodb.model.KeySchemaElement;
import software.amazon.awssdk.services.dynamodb.model.KeyType;
import software.amazon.awssdk.services.dynamodb.model.Projection;
import software.amazon.awssdk.services.dynamodb.model.ResourceInUseException;
import software.amazon.awssdk.services.dynamodb.model.StreamSpecification;

/**
 * Creates the template's tables, indexes and streams in DynamoDB Local; existing tables are kept as
 * they are, but for a stream the template asks for and the table, made before, lacks: it is enabled.
 */
public final class TableProvisioner {
    private TableProvisioner() {}

    public static void provision(DynamoDbClient dynamo, List<TableSpec> tables) {
        for (TableSpec table : tables) {
            try {
                dynamo.createTable(request(table));
            } catch (ResourceInUseException alreadyThere) {
                // data survives restarts: the table from the last run is the table
                enableStream(dynamo, table);
            }
            dynamo.waiter().waitUntilTableExists(builder -> builder.tableName(table.name()));
        }
    }

    private static void enableStream(DynamoDbClient dynamo, TableSpec table) {
        StreamSpecification current = dynamo.describeTable(builder -> builder.tableName(table.name())).table().streamSpecification();
        if (table.streamViewType() == null || current != null && Boolean.TRUE.equals(current.streamEnabled())) {
            return;
        }
        dynamo.updateTable(builder -> builder.tableName(table.name()).streamSpecification(stream(table)));
    }

    private static StreamSpecification stream(TableSpec table) {
        return StreamSpecification.builder().streamEnabled(true).streamViewType(table.streamViewType()).build();
    }

    private static CreateTableRequest request(TableSpec table) {
        List<GlobalSecondaryIndex> indexes = new ArrayList<>();
        for (TableSpec.Index index : table.indexes()) {
            indexes.add(GlobalSecondaryIndex.builder()
                    .indexName(index.name())
                    .keySchema(keySchema(index.key()))
                    .projection(Projection.builder().projectionType(index.projectionType()).build())
                    .build());
        }
        var builder = CreateTableRequest.builder()
                .tableName(table.name())
                .billingMode(BillingMode.PAY_PER_REQUEST)
                .attributeDefinitions(table.attributeTypes().entrySet().stream()
                        .map(entry -> AttributeDefinition.builder()
                                .attributeName(entry.getKey())
                                .attributeType(entry.getValue())
                                .build())
                        .toList())
                .keySchema(keySchema(table.key()));
        if (!indexes.isEmpty()) {
            builder.globalSecondaryIndexes(indexes);
        }
        if (table.streamViewType() != null) {
            builder.streamSpecification(stream(table));
        }
        return builder.build();
    }

    private static List<KeySchemaElement> keySchema(TableSpec.Key key) {
        List<KeySchemaElement> elements = new ArrayList<>();
        elements.add(KeySchemaElement.builder().attributeName(key.hash()).keyType(KeyType.HASH).build());
        if (key.range() != null) {
            elements.add(KeySchemaElement.builder().attributeName(key.range()).keyType(KeyType.RANGE).build());
        }
        return elements;
    }
}
