package dev.wfm.config;

import java.util.ArrayList;
import java.util.List;

/**
 * Records that name a job template (createJob steps of diagram versions, schedules, createJobs
 * tasks, webhooks), which would fail once it is gone: asked before a template is deleted, each
 * finds its users by a Query of the item's records, never by a Scan.
 */
@FunctionalInterface
public interface TemplateUsers {
    /** One record naming the template: {@code id} names it, {@code what} describes it ("webhook 'Survey'"). */
    record Use(String id, String what) {}

    /** The records of the item that name job template {@code jobTemplateId}. */
    List<Use> using(String itemId, String jobTemplateId);

    /** All of these users, asked in turn. */
    static TemplateUsers all(List<TemplateUsers> users) {
        return (itemId, jobTemplateId) -> {
            List<Use> uses = new ArrayList<>();
            users.forEach(user -> uses.addAll(user.using(itemId, jobTemplateId)));
            return uses;
        };
    }
}
