package dev.wfm.items;

import dev.wfm.jobs.Actor;
import dev.wfm.security.Identity;
import dev.wfm.security.Role;
import java.time.Instant;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** A workflow item: one tenant, with the groups that hold each role in it. */
public record WorkflowItem(
        String itemId,
        String name,
        String description,
        Map<Role, List<String>> roleGroups,
        String createdBy,
        Instant created,
        long revision) {

    public WorkflowItem {
        roleGroups = Map.copyOf(roleGroups);
    }

    /** The roles the caller's groups give them here; empty means the item is invisible to them. */
    public Set<Role> rolesOf(Identity identity) {
        Set<Role> roles = EnumSet.noneOf(Role.class);
        roleGroups.forEach((role, groups) -> {
            if (groups.stream().anyMatch(identity::inGroup)) {
                roles.add(role);
            }
        });
        return roles;
    }

    /** The caller as they act on this item's jobs: with the roles the item gives them. */
    public Actor actor(Identity identity) {
        return new Actor(identity.user(), identity.groups(), rolesOf(identity));
    }
}
