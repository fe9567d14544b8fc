package dev.wfm.items;

import dev.wfm.security.Role;
import dev.wfm.store.Keys;
import dev.wfm.store.Table;
import java.time.Instant;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/** Workflow items in DynamoDB: {@code ITEM#{id} / ITEM}, listed through gsi1 partition {@code ITEMS}. */
public final class ItemStore {
    private final Table table;

    public ItemStore(Table table) {
        this.table = table;
    }

    public void create(WorkflowItem item) {
        Map<String, AttributeValue> record = new HashMap<>(Table.key(Keys.item(item.itemId()), Keys.ITEM));
        record.put(Keys.GSI1_PK, Table.s(Keys.ITEMS));
        record.put(Keys.GSI1_SK, Table.s(Keys.itemByName(item.name(), item.itemId())));
        record.put("itemId", Table.s(item.itemId()));
        record.put("name", Table.s(item.name()));
        if (item.description() != null) {
            record.put("description", Table.s(item.description()));
        }
        Map<String, AttributeValue> roles = new HashMap<>();
        item.roleGroups().forEach((role, groups) -> roles.put(role.key(),
                AttributeValue.fromL(groups.stream().map(Table::s).toList())));
        record.put("roleGroups", AttributeValue.fromM(roles));
        record.put("createdBy", Table.s(item.createdBy()));
        record.put("created", Table.s(item.created().toString()));
        if (!table.putNew(record)) {
            throw new IllegalStateException("item id collision: " + item.itemId());
        }
    }

    public Optional<WorkflowItem> find(String itemId) {
        return table.get(Keys.item(itemId), Keys.ITEM).map(ItemStore::fromRecord);
    }

    public List<WorkflowItem> all() {
        return table.queryGsi1(Keys.ITEMS).stream().map(ItemStore::fromRecord).toList();
    }

    private static WorkflowItem fromRecord(Map<String, AttributeValue> record) {
        Map<Role, List<String>> roleGroups = new EnumMap<>(Role.class);
        record.getOrDefault("roleGroups", AttributeValue.fromM(Map.of())).m().forEach((key, groups) ->
                Role.fromKey(key).ifPresent(role -> roleGroups.put(role, groups.l().stream().map(AttributeValue::s).toList())));
        AttributeValue description = record.get("description");
        return new WorkflowItem(
                record.get("itemId").s(),
                record.get("name").s(),
                description == null ? null : description.s(),
                roleGroups,
                record.get("createdBy").s(),
                Instant.parse(record.get("created").s()));
    }
}
