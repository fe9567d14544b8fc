package dev.wfm.items;

import dev.wfm.common.Ids;
import dev.wfm.common.Refusal;
import dev.wfm.http.Route;
import dev.wfm.security.Identity;
import dev.wfm.security.Role;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Workflow items (tenants). Only members of the system administrators' group create items; an
 * item is visible only to users whose groups hold a role in it, and to others it does not exist.
 */
public final class ItemService {
    public static final int MAX_NAME_LENGTH = 200;

    private final ItemStore store;
    private final String systemAdminGroup;
    private final Clock clock;

    public ItemService(ItemStore store, String systemAdminGroup, Clock clock) {
        this.store = store;
        this.systemAdminGroup = systemAdminGroup;
        this.clock = clock;
    }

    public WorkflowItem create(Identity caller, NewItem request) {
        if (!caller.inGroup(systemAdminGroup)) {
            throw Refusal.denied("Creating a workflow item needs membership of the '" + systemAdminGroup + "' group");
        }
        Map<Role, List<String>> roleGroups = request.roleGroups().isEmpty()
                ? Map.of(Role.ADMIN, List.of(systemAdminGroup))
                : request.roleGroups();
        WorkflowItem item = new WorkflowItem(Ids.newId(clock.instant()), request.name(), request.description(),
                roleGroups, caller.user(), clock.instant());
        store.create(item);
        return item;
    }

    /** The item, if the caller holds a role in it; NOT_FOUND otherwise, so existence is not revealed. */
    public WorkflowItem get(Identity caller, String itemId) {
        return store.find(itemId)
                .filter(item -> !item.rolesOf(caller).isEmpty())
                .orElseThrow(() -> Refusal.notFound("Workflow item '" + itemId + "' was not found", "itemId"));
    }

    /** The item, if the caller holds one of the given roles in it. */
    public WorkflowItem require(Identity caller, String itemId, Set<Role> anyOf) {
        WorkflowItem item = get(caller, itemId);
        if (item.rolesOf(caller).stream().noneMatch(anyOf::contains)) {
            throw Refusal.denied("This needs one of the roles " + anyOf + " in workflow item '" + itemId + "'");
        }
        return item;
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

    /** A validated create request. */
    public record NewItem(String name, String description, Map<Role, List<String>> roleGroups) {
        public NewItem {
            roleGroups = Map.copyOf(roleGroups);
        }
    }
}
