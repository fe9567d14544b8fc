package dev.wfm.config;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * Records that hold values of a lookup (job templates, schedules, webhooks, open jobs): asked
 * before values are removed from it, each finds its users by key or index, never by a Scan.
 */
@FunctionalInterface
public interface LookupUsers {
    /** One record using a value: {@code id} names it, {@code what} describes it ("job template 'Weekly'"). */
    record Use(String value, String id, String what) {}

    /** The records that use any of {@code values} of lookup {@code lookup} in the item. */
    List<Use> using(String itemId, String lookup, Set<String> values);

    /** All of these users, asked in turn. */
    static LookupUsers all(List<LookupUsers> users) {
        return (itemId, lookup, values) -> {
            List<Use> uses = new ArrayList<>();
            users.forEach(user -> uses.addAll(user.using(itemId, lookup, values)));
            return uses;
        };
    }
}
