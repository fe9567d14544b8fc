package dev.wfm.items;

import dev.wfm.security.Role;
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
import software.amazon.awssdk.services.dynamodb.model.Put;
import software.amazon.awssdk.services.dynamodb.model.QueryRequest;
import software.amazon.awssdk.services.dynamodb.model.TransactWriteItem;
import software.amazon.awssdk.services.dynamodb.model.Update;
import software.amazon.awssdk.services.dynamodb.model.UpdateItemRequest;
import software.amazon.awssdk.services.dynamodb.model.WriteRequest;

/**
 * An item's deletion in DynamoDB, under the item's partition: the report {@code DELETION} (who
 * asked, when, the counts of what was removed, the admins' groups, so they can read it when the
 * item is gone), the steps {@code DELETIONSTEP#{n}} whose inserts run it, and the sweep of the
 * partition's records once nothing else refers to them.
 */
public final class DeletionStore {
    private final Table table;

    public DeletionStore(Table table) {
        this.table = table;
    }

    /** The report as kept: {@code finished} null while the deletion runs. */
    public record Report(String itemId, String requestedBy, String started, String finished, List<String> adminGroups, long jobsDeleted,
                         long stateMachinesDeleted, long sourcesDeleted, long recordsDeleted, long steps) {}

    /**
     * Marks the item as being deleted (from then on it is not found: {@link ItemStore}), keeps the
     * report and writes the first step, all or nothing; false when the item is gone or being deleted.
     */
    public boolean start(WorkflowItem item, String requestedBy, Instant at) {
        String pk = Keys.item(item.itemId());
        Map<String, AttributeValue> report = new HashMap<>(Table.key(pk, Keys.DELETION));
        report.put("itemId", Table.s(item.itemId()));
        report.put("requestedBy", Table.s(requestedBy));
        report.put("started", Table.s(at.toString()));
        report.put("adminGroups", AttributeValue.fromL(item.roleGroups().getOrDefault(Role.ADMIN, List.of()).stream().map(Table::s).toList()));
        return table.transact(List.of(
                TransactWriteItem.builder().update(Update.builder().tableName(table.name()).key(Table.key(pk, Keys.ITEM))
                        .updateExpression("SET " + ItemStore.DELETING + " = :at")
                        .conditionExpression("attribute_exists(pk) AND attribute_not_exists(" + ItemStore.DELETING + ")")
                        .expressionAttributeValues(Map.of(":at", Table.s(at.toString()))).build()).build(),
                TransactWriteItem.builder().put(Put.builder().tableName(table.name()).item(report)
                        .conditionExpression("attribute_not_exists(pk)").build()).build(),
                TransactWriteItem.builder().put(Put.builder().tableName(table.name()).item(Table.key(pk, Keys.deletionStep(0))).build())
                        .build()));
    }

    public Optional<Report> report(String itemId) {
        return table.get(Keys.item(itemId), Keys.DELETION).map(record -> new Report(record.get("itemId").s(), record.get("requestedBy").s(),
                record.get("started").s(), record.containsKey("finished") ? record.get("finished").s() : null,
                record.get("adminGroups").l().stream().map(AttributeValue::s).toList(), number(record, "jobsDeleted"),
                number(record, "stateMachinesDeleted"), number(record, "sourcesDeleted"), number(record, "recordsDeleted"),
                number(record, "steps")));
    }

    /** Adds what a step removed to the report and counts the step. */
    public void stepDone(String itemId, long jobs, long stateMachines, long sources, long records) {
        table.update(UpdateItemRequest.builder().key(Table.key(Keys.item(itemId), Keys.DELETION))
                .updateExpression("ADD jobsDeleted :jobs, stateMachinesDeleted :machines, sourcesDeleted :sources, recordsDeleted :records, "
                        + "steps :one")
                .expressionAttributeValues(Map.of(":jobs", n(jobs), ":machines", n(stateMachines), ":sources", n(sources),
                        ":records", n(records), ":one", n(1))));
    }

    /** Writes step {@code step}, whose insert runs it; a step written already is not written again. */
    public void next(String itemId, int step) {
        table.putNew(Table.key(Keys.item(itemId), Keys.deletionStep(step)));
    }

    /**
     * The sort keys of up to {@code limit} of the item's own records: all but the item, the
     * deletion's report and its steps.
     */
    public List<String> someRecords(String itemId, int limit) {
        QueryRequest.Builder query = QueryRequest.builder()
                .keyConditionExpression("pk = :pk")
                .expressionAttributeValues(Map.of(":pk", Table.s(Keys.item(itemId))))
                .projectionExpression("sk")
                .consistentRead(true);
        List<String> records = new ArrayList<>();
        Map<String, AttributeValue> start = null;
        do {
            Table.Page page = table.queryPage(query, start);
            for (Map<String, AttributeValue> record : page.records()) {
                String sk = record.get(Keys.SK).s();
                if (!sk.equals(Keys.ITEM) && !sk.equals(Keys.DELETION) && !sk.startsWith(Keys.DELETION_STEP_PREFIX) && records.size() < limit) {
                    records.add(sk);
                }
            }
            start = page.next();
        } while (start != null && records.size() < limit);
        return records;
    }

    public void delete(String itemId, List<String> sortKeys) {
        List<WriteRequest> deletes = new ArrayList<>();
        sortKeys.forEach(sk -> deletes.add(WriteRequest.builder()
                .deleteRequest(DeleteRequest.builder().key(Table.key(Keys.item(itemId), sk)).build()).build()));
        table.batchWrite(deletes);
    }

    /** The last of it: the item's record and the steps go, the report says when it finished. */
    public void finish(String itemId, Instant at) {
        List<String> last = new ArrayList<>(List.of(Keys.ITEM));
        table.queryPrefix(Keys.item(itemId), Keys.DELETION_STEP_PREFIX).forEach(step -> last.add(step.get(Keys.SK).s()));
        delete(itemId, last);
        table.update(UpdateItemRequest.builder().key(Table.key(Keys.item(itemId), Keys.DELETION))
                .updateExpression("SET finished = :at").expressionAttributeValues(Map.of(":at", Table.s(at.toString()))));
    }

    private static AttributeValue n(long value) {
        return AttributeValue.fromN(Long.toString(value));
    }

    private static long number(Map<String, AttributeValue> record, String name) {
        return record.containsKey(name) ? Long.parseLong(record.get(name).n()) : 0;
    }
}
