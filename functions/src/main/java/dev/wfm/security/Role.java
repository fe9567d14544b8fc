package dev.wfm.security;

import java.util.Collections;
import java.util.EnumSet;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;

/** What a user may do in a workflow item; a role is granted to the groups the item names for it. */
public enum Role {
    /** Configures the item: diagrams, templates, lookups, webhooks, schedules. */
    ADMIN,
    /** Manages jobs: creates, closes, reassigns, works on any step. */
    MANAGER,
    /** Works on the steps assigned to them or their groups. */
    WORKER;

    /** Everyone with a role in the item: who may read it. */
    public static final Set<Role> ANY = Collections.unmodifiableSet(EnumSet.allOf(Role.class));
    /** Who may manage jobs. */
    public static final Set<Role> MANAGERS = Collections.unmodifiableSet(EnumSet.of(ADMIN, MANAGER));

    public String key() {
        return name().toLowerCase(Locale.ROOT);
    }

    public static Optional<Role> fromKey(String key) {
        for (Role role : values()) {
            if (role.key().equals(key)) {
                return Optional.of(role);
            }
        }
        return Optional.empty();
    }
}
