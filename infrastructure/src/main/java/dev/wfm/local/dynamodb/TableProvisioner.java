package dev.wfm.local.dynamodb;

import dev.wfm.local.template.TableSpec;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeDefinition;
import software.amazon.awssdk.services.dynamodb.model.BillingMode;
import software.amazon.awssdk.services.dynamodb.model.CreateGlobalSecondaryIndexAction;
import software.amazon.awssdk.services.dynamodb.model.CreateTableRequest;
import software.amazon.awssdk.services.dynamodb.model.GlobalSecondaryIndex;
import software.amazon.awssdk.services.dynamodb.model.GlobalSecondaryIndexDescription;
import software.amazon.awssdk.services.dynamodb.model.GlobalSecondaryIndexUpdate;
import software.amazon.awssdk.services.dynamodb.model.KeySchemaElement;
import software.amazon.awssdk.services.dynamodb.model.KeyType;
import software.amazon.awssdk.services.dynamodb.model.Projection;
import software.amazon.awssdk.services.dynamodb.model.ResourceInUseException;
import software.amazon.awssdk.services.dynamodb.model.StreamSpecification;

/**
 * Creates the template's tables, indexes and streams in DynamoDB Local; existing tables are kept as
 * they are, but for what the template added since, which is added as a stack update adds it on AWS:
 * a stream the table lacks is enabled, each missing index created (one UpdateTable each).
 */
public final class TableProvisioner {
    private TableProvisioner() {}

    public static void provision(DynamoDbClient dynamo, List<TableSpec> tables) {
        for (TableSpec table : tables) {
            boolean kept = false;
            try {
                dynamo.createTable(request(table));
            } catch (ResourceInUseException alreadyThere) {
                kept = true; // data survives restarts: the table from the last run is the table
            }
            dynamo.waiter().waitUntilTableExists(builder -> builder.tableName(table.name()));
            if (kept) {
                enableStream(dynamo, table);
                addMissingIndexes(dynamo, table);
            }
        }
    }

    private static void addMissingIndexes(DynamoDbClient dynamo, TableSpec table) {
        Set<String> existing = dynamo.describeTable(builder -> builder.tableName(table.name())).table().globalSecondaryIndexes().stream()
                .map(GlobalSecondaryIndexDescription::indexName).collect(Collectors.toSet());
        for (TableSpec.Index index : table.indexes()) {
            if (existing.contains(index.name())) {
                continue;
            }
            GlobalSecondaryIndex created = index(index);
            dynamo.updateTable(builder -> builder.tableName(table.name())
                    .attributeDefinitions(definitions(table, index.key()))
                    .globalSecondaryIndexUpdates(GlobalSecondaryIndexUpdate.builder().create(CreateGlobalSecondaryIndexAction.builder()
                            .indexName(created.indexName()).keySchema(created.keySchema()).projection(created.projection()).build()).build()));
        }
    }

    private static List<AttributeDefinition> definitions(TableSpec table, TableSpec.Key key) {
        return table.attributeTypes().entrySet().stream()
                .filter(entry -> entry.getKey().equals(key.hash()) || entry.getKey().equals(key.range()))
                .map(entry -> AttributeDefinition.builder().attributeName(entry.getKey()).attributeType(entry.getValue()).build())
                .toList();
    }

    private static GlobalSecondaryIndex index(TableSpec.Index index) {
        return GlobalSecondaryIndex.builder()
                .indexName(index.name())
                .keySchema(keySchema(index.key()))
                .projection(Projection.builder().projectionType(index.projectionType()).build())
                .build();
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
            indexes.add(index(index));
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
