package dev.wfm.jobs;

import dev.wfm.common.Refusal;
import dev.wfm.security.Privilege;
import dev.wfm.security.Role;
import java.util.Arrays;
import java.util.Collections;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Who acts on a job: a user with groups, roles and the privileges those roles hold in the item, or
 * the system itself (executions, scheduler), which holds them all.
 */
public record Actor(String user, List<String> groups, Set<Role> roles, Set<Privilege> privileges) {
    public static final Actor SYSTEM = new Actor("system", List.of(), Set.of(Role.ADMIN));

    public Actor {
        groups = List.copyOf(groups);
        roles = Set.copyOf(roles);
        privileges = privileges.isEmpty() ? Set.of() : Collections.unmodifiableSet(EnumSet.copyOf(privileges));
    }

    /** With the privileges the roles hold by default. */
    public Actor(String user, List<String> groups, Set<Role> roles) {
        this(user, groups, roles, Arrays.stream(Privilege.values())
                .filter(privilege -> privilege.defaults().stream().anyMatch(roles::contains)).collect(Collectors.toSet()));
    }

    public boolean may(Privilege privilege) {
        return privileges.contains(privilege);
    }

    /** Refuses (PERMISSION_DENIED, naming the privilege) unless the actor holds it. */
    public void require(Privilege privilege) {
        if (!may(privilege)) {
            throw Refusal.denied("This needs the privilege '" + privilege.key() + "' (" + privilege.description() + ") in this workflow item");
        }
    }

    /** Managers and admins work on any step; others on steps assigned to them, their groups, or nobody. */
    public boolean mayWorkOn(CurrentStep step) {
        if (roles.contains(Role.ADMIN) || roles.contains(Role.MANAGER)) {
            return true;
        }
        if (!roles.contains(Role.WORKER)) {
            return false;
        }
        String type = step.assignedType();
        if (type == null || type.equals("Unassigned")) {
            return true;
        }
        return type.equals("User") ? user.equals(step.assignedTo()) : groups.contains(step.assignedTo());
    }

    public boolean manages() {
        return roles.contains(Role.ADMIN) || roles.contains(Role.MANAGER);
    }
}
