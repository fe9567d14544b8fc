package dev.wfm.local.dynamodb;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.wfm.local.Await;
import dev.wfm.local.TestCloud;
import dev.wfm.local.template.TableSpec;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.GlobalSecondaryIndexDescription;

/**
 * A table kept from an earlier run gets the indexes (with its records in them) and the stream the
 * template added since, as a stack update gives them.
 */
class TableProvisionerTest {
    @Test
    void anIndexAndAStreamTheTemplateAddedToAKeptTableAreCreated() {
        String name = "Provisioned-" + UUID.randomUUID();
        TableSpec.Key key = new TableSpec.Key("pk", "sk");
        TableSpec before = new TableSpec(name, Map.of("pk", "S", "sk", "S"), key, List.of(), null);
        TableSpec after = new TableSpec(name, Map.of("pk", "S", "sk", "S", "duePk", "S", "dueAt", "S"), key,
                List.of(new TableSpec.Index("byDue", new TableSpec.Key("duePk", "dueAt"), "ALL")), "NEW_IMAGE");
        try (DynamoDbClient dynamo = DynamoDbClient.builder().endpointOverride(TestCloud.get().endpoints().dynamodb()).build()) {
            TableProvisioner.provision(dynamo, List.of(before));
            dynamo.putItem(builder -> builder.tableName(name).item(Map.of("pk", AttributeValue.fromS("a"), "sk", AttributeValue.fromS("b"),
                    "duePk", AttributeValue.fromS("DUE"), "dueAt", AttributeValue.fromS("2026-12-01T00:00:00Z"))));

            TableProvisioner.provision(dynamo, List.of(after));
            TableProvisioner.provision(dynamo, List.of(after));

            assertEquals(List.of("byDue"), dynamo.describeTable(builder -> builder.tableName(name)).table().globalSecondaryIndexes().stream()
                    .map(GlobalSecondaryIndexDescription::indexName).toList());
            // an index added to a table with records backfills them in the background, as on AWS
            Await.until(() -> dynamo.query(builder -> builder.tableName(name).indexName("byDue").keyConditionExpression("duePk = :p")
                    .expressionAttributeValues(Map.of(":p", AttributeValue.fromS("DUE")))).count() == 1, 10_000,
                    "the kept record to be in the new index");
            assertTrue(dynamo.describeTable(builder -> builder.tableName(name)).table().streamSpecification().streamEnabled(),
                    "the stream the template added is enabled");
            dynamo.deleteTable(builder -> builder.tableName(name));
        }
    }
}
