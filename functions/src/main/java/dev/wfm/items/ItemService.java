package dev.wfm.items;

import dev.wfm.common.Ids;
import dev.wfm.common.Refusal;
import dev.wfm.http.Route;
import dev.wfm.security.Identity;
import dev.wfm.security.Privilege;
import dev.wfm.security.Role;
import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Workflow items (tenants). Only members of the system administrators' group create items; an
 * item is visible only to users whose groups hold a role in it, and to others it does not exist.
 */
public final class ItemService {
    public static final int MAX_NAME_LENGTH = 200;

    /** How long a container trusts that a member's record is current. */
    static final long SEEN_MINUTES = 60;
    private static final int MAX_SEEN = 10_000;

    private final ItemStore store;
    private final String systemAdminGroup;
    private final Clock clock;
    private final Consumer<String> created;
    private final Map<String, Seen> seen = new ConcurrentHashMap<>();

    private record Seen(List<String> groups, Instant at) {}

    /** How long a container trusts its read of an item (its role mappings above all). */
    static final long ITEM_STALENESS_SECONDS = 5;
    private final Map<String, Read> read = new ConcurrentHashMap<>();

    private record Read(WorkflowItem item, Instant at) {}

    /** {@code created}: what else a new item starts with (its job counts), given its id before the item exists. */
    public ItemService(ItemStore store, String systemAdminGroup, Clock clock, Consumer<String> created) {
        this.store = store;
        this.systemAdminGroup = systemAdminGroup;
        this.clock = clock;
        this.created = created;
    }

    /**
     * Replaces the item's name, description and role mappings (admins of the item), at the
     * revision the caller read: 409 when it changed since. The admins keep at least one group, so
     * no update locks everyone out of the item.
     */
    public WorkflowItem update(Identity caller, String itemId, ItemUpdate update) {
        WorkflowItem current = require(caller, itemId, Set.of(Role.ADMIN));
        if (update.roleGroups().getOrDefault(Role.ADMIN, List.of()).isEmpty()) {
            throw Refusal.invalid("roles.admin must name at least one group: an item without admins could not be changed again", "roles.admin");
        }
        WorkflowItem next = new WorkflowItem(itemId, update.name(), update.description(), update.roleGroups(), current.createdBy(),
                current.created(), update.revision() + 1, current.privileges());
        return replace(current, next, update.revision());
    }

    /**
     * Replaces the roles that hold each privilege named in {@code mapping} (admins of the item), at
     * the revision the caller read; the privileges not named go back to their defaults.
     */
    public WorkflowItem updatePrivileges(Identity caller, String itemId, Map<Privilege, Set<Role>> mapping, long revision) {
        WorkflowItem current = require(caller, itemId, Set.of(Role.ADMIN));
        Map<Privilege, Set<Role>> overrides = new EnumMap<>(Privilege.class);
        mapping.forEach((privilege, roles) -> {
            if (!roles.equals(privilege.defaults())) {
                overrides.put(privilege, Set.copyOf(roles));
            }
        });
        WorkflowItem next = new WorkflowItem(itemId, current.name(), current.description(), current.roleGroups(), current.createdBy(),
                current.created(), revision + 1, overrides);
        return replace(current, next, revision);
    }

    private WorkflowItem replace(WorkflowItem current, WorkflowItem next, long revision) {
        if (revision != current.revision() || !store.replace(next, revision)) {
            read.remove(current.itemId()); // read it afresh: the change that won may have come from another container
            throw Refusal.conflict("Workflow item '" + current.itemId() + "' changed since revision " + revision + "; read it again",
                    "revision");
        }
        keep(next, clock.instant());
        return next;
    }

    /** Who has used the item, each with their groups as last seen and the roles those give them now. */
    public List<ItemStore.Member> members(Identity caller, String itemId) {
        require(caller, itemId, Set.of(Role.ADMIN, Role.MANAGER));
        return store.members(itemId);
    }

    /** Refuses a caller outside the system administrators' group: {@code what} needs it. */
    public void requireSystemAdmin(Identity caller, String what) {
        if (!caller.inGroup(systemAdminGroup)) {
            throw Refusal.denied(what + " needs membership of the '" + systemAdminGroup + "' group");
        }
    }

    public WorkflowItem create(Identity caller, NewItem request) {
        requireSystemAdmin(caller, "Creating a workflow item");
        Map<Role, List<String>> roleGroups = request.roleGroups().isEmpty()
                ? Map.of(Role.ADMIN, List.of(systemAdminGroup))
                : request.roleGroups();
        WorkflowItem item = new WorkflowItem(Ids.newId(clock.instant()), request.name(), request.description(),
                roleGroups, caller.user(), clock.instant(), 1);
        // before the item: none of its jobs can exist uncounted
        created.accept(item.itemId());
        store.create(item);
        return item;
    }

    /**
     * The item, if the caller holds a role in it; NOT_FOUND otherwise, so existence is not revealed.
     * The caller is recorded as a member ({@link #members}) when this container has not seen them
     * with these groups in the last {@value #SEEN_MINUTES} minutes: at most one write an hour per
     * member and container, and none when the record says so already.
     */
    public WorkflowItem get(Identity caller, String itemId) {
        WorkflowItem item = find(itemId)
                .filter(found -> !found.rolesOf(caller).isEmpty())
                .orElseThrow(() -> Refusal.notFound("Workflow item '" + itemId + "' was not found", "itemId"));
        noteSeen(itemId, caller);
        return item;
    }

    /**
     * The item as this container read it at most {@value #ITEM_STALENESS_SECONDS} s ago: every
     * request checks the caller's roles in it, and a read per request would be the one DynamoDB
     * call most requests add. A change of its role mappings made in another container is so seen
     * within that time; one made here at once. An item not found is not kept.
     */
    private Optional<WorkflowItem> find(String itemId) {
        Instant now = clock.instant();
        Read kept = read.get(itemId);
        if (kept != null && kept.at().isAfter(now.minusSeconds(ITEM_STALENESS_SECONDS))) {
            return Optional.of(kept.item());
        }
        Optional<WorkflowItem> found = store.find(itemId);
        found.ifPresent(item -> keep(item, now));
        return found;
    }

    /** Forgets this container's read of the item: it was deleted, or is on its way out. */
    void forget(String itemId) {
        read.remove(itemId);
    }

    private void keep(WorkflowItem item, Instant at) {
        if (read.size() > MAX_SEEN) {
            read.clear();
        }
        read.put(item.itemId(), new Read(item, at));
    }

    private void noteSeen(String itemId, Identity caller) {
        Instant now = clock.instant();
        String key = itemId + "\n" + caller.user();
        Seen last = seen.get(key);
        if (last != null && last.groups().equals(caller.groups()) && last.at().isAfter(now.minus(SEEN_MINUTES, ChronoUnit.MINUTES))) {
            return;
        }
        store.seen(itemId, new ItemStore.Member(caller.user(), caller.groups(), now), now.minus(SEEN_MINUTES, ChronoUnit.MINUTES));
        if (seen.size() > MAX_SEEN) {
            seen.clear(); // a container that served this many people starts over rather than grow
        }
        seen.put(key, new Seen(List.copyOf(caller.groups()), now));
    }

    /** The item, if the caller holds one of the given roles in it. */
    public WorkflowItem require(Identity caller, String itemId, Set<Role> anyOf) {
        WorkflowItem item = get(caller, itemId);
        if (item.rolesOf(caller).stream().noneMatch(anyOf::contains)) {
            throw Refusal.denied("This needs one of the roles " + anyOf + " in workflow item '" + itemId + "'");
        }
        return item;
    }

    /** The item, if the caller's roles in it hold {@code privilege} (PERMISSION_DENIED, naming it, otherwise). */
    public WorkflowItem require(Identity caller, String itemId, Privilege privilege) {
        WorkflowItem item = get(caller, itemId);
        if (!item.privilegesOf(caller).contains(privilege)) {
            throw denied(item, privilege);
        }
        return item;
    }

    /** The refusal of an action that needs {@code privilege}: who holds it here. */
    public static Refusal denied(WorkflowItem item, Privilege privilege) {
        return Refusal.denied("This needs the privilege '" + privilege.key() + "' (" + privilege.description() + "), held in workflow item '"
                + item.itemId() + "' by the roles " + item.rolesHolding(privilege).stream().map(Role::key).sorted().toList());
    }

    /** The route, run only for callers holding {@code privilege} in the item its path names. */
    public Route allowed(Privilege privilege, Route route) {
        return request -> {
            require(request.identity(), request.pathParameter("itemId"), privilege);
            return route.handle(request);
        };
    }

    /** Whether the caller is an admin of the item: who may see its secrets, such as secret request headers. */
    public boolean isAdmin(Identity caller, String itemId) {
        return get(caller, itemId).rolesOf(caller).contains(Role.ADMIN);
    }

    /** The route, run only for callers holding one of the roles in the item its path names. */
    public Route requiring(Set<Role> anyOf, Route route) {
        return request -> {
            require(request.identity(), request.pathParameter("itemId"), anyOf);
            return route.handle(request);
        };
    }

    /** The route, for anyone with a role in the item. */
    public Route reader(Route route) {
        return requiring(Role.ANY, route);
    }

    /** The route, for the item's admins. */
    public Route admin(Route route) {
        return requiring(Set.of(Role.ADMIN), route);
    }

    public List<WorkflowItem> visibleTo(Identity caller) {
        return store.all().stream().filter(item -> !item.rolesOf(caller).isEmpty()).toList();
    }

    /** A validated update: what replaces the item's name, description and role mappings, and the revision it was read at. */
    public record ItemUpdate(String name, String description, Map<Role, List<String>> roleGroups, long revision) {
        public ItemUpdate {
            roleGroups = Map.copyOf(roleGroups);
        }
    }

    /** A validated create request. */
    public record NewItem(String name, String description, Map<Role, List<String>> roleGroups) {
        public NewItem {
            roleGroups = Map.copyOf(roleGroups);
        }
    }
}
