package dev.wfm.items;

import dev.wfm.jobs.Actor;
import dev.wfm.security.Identity;
import dev.wfm.security.Privilege;
import dev.wfm.security.Role;
import java.time.Instant;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * A workflow item: one tenant, with the groups that hold each role in it, and the privileges it
 * maps to roles other than by default ({@link Privilege#defaults}).
 */
public record WorkflowItem(
        String itemId,
        String name,
        String description,
        Map<Role, List<String>> roleGroups,
        String createdBy,
        Instant created,
        long revision,
        Map<Privilege, Set<Role>> privileges) {

    public WorkflowItem {
        roleGroups = Map.copyOf(roleGroups);
        privileges = Map.copyOf(privileges);
    }

    /** An item that holds every privilege by default. */
    public WorkflowItem(String itemId, String name, String description, Map<Role, List<String>> roleGroups, String createdBy, Instant created,
                        long revision) {
        this(itemId, name, description, roleGroups, createdBy, created, revision, Map.of());
    }

    /** The roles that hold the privilege here. */
    public Set<Role> rolesHolding(Privilege privilege) {
        return privileges.getOrDefault(privilege, privilege.defaults());
    }

    /** The privileges the caller's roles give them here. */
    public Set<Privilege> privilegesOf(Identity identity) {
        return privilegesOf(rolesOf(identity));
    }

    private Set<Privilege> privilegesOf(Set<Role> roles) {
        Set<Privilege> held = EnumSet.noneOf(Privilege.class);
        for (Privilege privilege : Privilege.values()) {
            if (rolesHolding(privilege).stream().anyMatch(roles::contains)) {
                held.add(privilege);
            }
        }
        return held;
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
        Set<Role> roles = rolesOf(identity);
        return new Actor(identity.user(), identity.groups(), roles, privilegesOf(roles));
    }
}
