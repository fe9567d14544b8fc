package dev.wfm.jobs;

import dev.wfm.security.Role;
import java.util.List;
import java.util.Set;

/** Who acts on a job: a user with groups and roles in the item, or the system itself (executions, scheduler). */
public record Actor(String user, List<String> groups, Set<Role> roles) {
    public static final Actor SYSTEM = new Actor("system", List.of(), Set.of(Role.ADMIN));

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
