package dev.wfm.items;

import dev.wfm.security.Privilege;
import dev.wfm.security.Role;
import dev.wfm.store.Keys;
import dev.wfm.store.Table;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.PutItemRequest;

/**
 * Workflow items in DynamoDB: {@code ITEM#{id} / ITEM}, listed through gsi1 partition {@code ITEMS};
 * an item marked {@value #DELETING} is on its way out and is neither found nor listed.
 */
public final class ItemStore {
    /** The item record's mark of an item being deleted ({@link DeletionStore#start}): such an item is not found. */
    static final String DELETING = "deleting";
    private final Table table;

    public ItemStore(Table table) {
        this.table = table;
    }

    public void create(WorkflowItem item) {
        if (!table.putNew(record(item))) {
            throw new IllegalStateException("item id collision: " + item.itemId());
        }
    }

    /**
     * Replaces the item if it is still at {@code expectedRevision} (an item written before items
     * had revisions is at 1); false when another writer got there first.
     */
    public boolean replace(WorkflowItem item, long expectedRevision) {
        String condition = expectedRevision == 1 ? "attribute_not_exists(revision) OR revision = :expected" : "revision = :expected";
        return table.putIf(PutItemRequest.builder().item(record(item))
                .conditionExpression("attribute_exists(pk) AND attribute_not_exists(" + DELETING + ") AND (" + condition + ")")
                .expressionAttributeValues(Map.of(":expected", AttributeValue.fromN(Long.toString(expectedRevision)))));
    }

    /** What the workflow item knows of someone who used it: their user, groups and when they were last seen. */
    public record Member(String user, List<String> groups, Instant lastSeen) {
        public Member {
            groups = List.copyOf(groups);
        }
    }

    /**
     * Records that {@code member} used the item, unless the record says so already (the same
     * groups, seen since {@code seenSince}): a conditional write that changes nothing then.
     */
    public void seen(String itemId, Member member, Instant seenSince) {
        Map<String, AttributeValue> record = new HashMap<>(Table.key(Keys.item(itemId), Keys.member(member.user())));
        record.put("user", Table.s(member.user()));
        record.put("groups", AttributeValue.fromL(member.groups().stream().map(Table::s).toList()));
        record.put("lastSeen", Table.s(member.lastSeen().truncatedTo(ChronoUnit.SECONDS).toString()));
        table.putIf(PutItemRequest.builder().item(record)
                .conditionExpression("attribute_not_exists(pk) OR #groups <> :groups OR lastSeen < :since")
                .expressionAttributeNames(Map.of("#groups", "groups"))
                .expressionAttributeValues(Map.of(":groups", record.get("groups"), ":since", Table.s(seenSince.truncatedTo(ChronoUnit.SECONDS).toString()))));
    }

    /** Everyone seen using the item, by user. */
    public List<Member> members(String itemId) {
        return table.queryPrefix(Keys.item(itemId), Keys.member("")).stream()
                .map(record -> new Member(record.get("user").s(), record.get("groups").l().stream().map(AttributeValue::s).toList(),
                        Instant.parse(record.get("lastSeen").s())))
                .toList();
    }

    private static Map<String, AttributeValue> record(WorkflowItem item) {
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
        if (!item.privileges().isEmpty()) {
            Map<String, AttributeValue> privileges = new HashMap<>();
            item.privileges().forEach((privilege, holders) -> privileges.put(privilege.key(),
                    AttributeValue.fromL(holders.stream().map(role -> Table.s(role.key())).toList())));
            record.put("privileges", AttributeValue.fromM(privileges));
        }
        record.put("createdBy", Table.s(item.createdBy()));
        record.put("created", Table.s(item.created().toString()));
        record.put("revision", AttributeValue.fromN(Long.toString(item.revision())));
        return record;
    }

    /** The item; none when there is none or it is being deleted. */
    public Optional<WorkflowItem> find(String itemId) {
        return table.get(Keys.item(itemId), Keys.ITEM).filter(record -> !record.containsKey(DELETING)).map(ItemStore::fromRecord);
    }

    /** Every item but those being deleted. */
    public List<WorkflowItem> all() {
        return table.queryGsi1(Keys.ITEMS).stream().filter(record -> !record.containsKey(DELETING)).map(ItemStore::fromRecord).toList();
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
                Instant.parse(record.get("created").s()),
                record.containsKey("revision") ? Long.parseLong(record.get("revision").n()) : 1,
                privileges(record.get("privileges")));
    }

    /** The privileges the item maps to roles of its own: privilege key to role keys (none kept: the defaults). */
    private static Map<Privilege, Set<Role>> privileges(AttributeValue mapped) {
        Map<Privilege, Set<Role>> privileges = new EnumMap<>(Privilege.class);
        if (mapped != null) {
            mapped.m().forEach((key, roles) -> Privilege.fromKey(key).ifPresent(privilege -> privileges.put(privilege,
                    roles.l().stream().flatMap(role -> Role.fromKey(role.s()).stream()).collect(Collectors.toSet()))));
        }
        return privileges;
    }
}
