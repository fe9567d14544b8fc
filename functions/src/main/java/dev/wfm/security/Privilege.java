package dev.wfm.security;

import java.util.Arrays;
import java.util.Collections;
import java.util.EnumSet;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;

/**
 * What a role may do in a workflow item beyond seeing it, named as the seed product names its
 * privileges. Each item maps each privilege to the roles that hold it (its admins edit the
 * mapping); an item that maps none holds these defaults. Administering the item itself (its name,
 * roles, privileges, members, deleting it) stays with its admins: no mapping can lock them out.
 */
public enum Privilege {
    CREATE_JOBS("Create jobs (of any template; a template shared with a worker's groups lets them create its jobs too)", Role.MANAGERS),
    UPDATE_JOBS("Update job properties (PUT, PATCH), set a job's current step, batch updates of properties", Role.MANAGERS),
    ASSIGN_JOBS("Assign jobs and steps to any user or group", Role.MANAGERS),
    CLOSE_JOBS("Close jobs", Role.MANAGERS),
    REOPEN_CLOSED_JOBS("Reopen closed jobs", Role.MANAGERS),
    DELETE_JOBS("Delete jobs", Role.MANAGERS),
    UPGRADE_JOBS("Move jobs to their diagram's latest version", Role.MANAGERS),
    PAUSE_JOBS("Pause and resume jobs", Role.MANAGERS),
    MANAGE_DEPENDENCIES("Add and release dependencies between jobs' steps", Role.MANAGERS),
    MANAGE_LOCATIONS("Set and remove job locations", Role.MANAGERS),
    MANAGE_DIAGRAMS("Create, change and delete diagrams", Set.of(Role.ADMIN)),
    MANAGE_TEMPLATES("Create, change and delete job templates", Set.of(Role.ADMIN)),
    MANAGE_LOOKUPS("Change lookups, lookup tables and extended property tables", Set.of(Role.ADMIN)),
    MANAGE_SCHEDULES("Create, change and delete schedules and scheduled tasks", Set.of(Role.ADMIN)),
    MANAGE_WEBHOOKS("Create, change and delete webhooks; replay their deliveries", Set.of(Role.ADMIN)),
    MANAGE_NOTIFICATIONS("Create, change and delete notification rules and the email directory", Set.of(Role.ADMIN)),
    VIEW_NOTIFICATIONS("Read notification rules and their deliveries", Role.MANAGERS),
    MANAGE_CALENDAR("Set the business calendar", Set.of(Role.ADMIN)),
    TRY_WEB_REQUESTS("Send a web request step's request to try it", Set.of(Role.ADMIN)),
    EXPORT_CONFIGURATION("Export the item's configuration", Set.of(Role.ADMIN));

    private final String description;
    private final Set<Role> defaults;
    private final String key;

    Privilege(String description, Set<Role> defaults) {
        this.description = description;
        this.defaults = Collections.unmodifiableSet(EnumSet.copyOf(defaults));
        String[] words = name().toLowerCase(Locale.ROOT).split("_");
        StringBuilder camel = new StringBuilder(words[0]);
        for (int i = 1; i < words.length; i++) {
            camel.append(Character.toUpperCase(words[i].charAt(0))).append(words[i].substring(1));
        }
        this.key = camel.toString();
    }

    /** The privilege's name in the API: {@code closeJobs}. */
    public String key() {
        return key;
    }

    public String description() {
        return description;
    }

    /** The roles that hold it in an item that maps it to none of its own. */
    public Set<Role> defaults() {
        return defaults;
    }

    public static Optional<Privilege> fromKey(String key) {
        return Arrays.stream(values()).filter(privilege -> privilege.key().equals(key)).findFirst();
    }
}
