package dev.wfm.scheduling;

import dev.wfm.config.JobTemplates;
import dev.wfm.config.LookupUsers;
import dev.wfm.config.Lookups;
import dev.wfm.config.TemplateUsers;
import dev.wfm.jobs.JobCreation;
import dev.wfm.outbound.OutboundHttp;
import dev.wfm.outbound.SecretHeaders;
import dev.wfm.store.Table;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;

/** The scheduling capability wired once: schedules and tasks (admin API) and what a tick does with them. */
public final class Scheduling {
    public final Schedules schedules;
    public final ScheduledTasks tasks;
    public final Ticks ticks;
    private final List<RecurringStore> stores;

    private static final String SCHEDULE = "SCHEDULE";
    private static final String TASK = "TASK";

    public Scheduling(Table table, JobTemplates templates, JobCreation creation, OutboundHttp outbound, SecretHeaders secretHeaders,
                      Clock clock) {
        RecurringStore scheduleStore = new RecurringStore(table, SCHEDULE);
        RecurringStore taskStore = new RecurringStore(table, TASK);
        schedules = new Schedules(scheduleStore, templates, creation, clock);
        tasks = new ScheduledTasks(taskStore, templates, creation, secretHeaders, clock);
        ticks = new Ticks(scheduleStore, taskStore, creation, new UrlCall(outbound), tasks, clock);
        stores = List.of(scheduleStore, taskStore);
    }

    /** Deletes every schedule and scheduled task of the item with their runs, so nothing fires for it again; how many there were. */
    public int removeAll(String itemId) {
        int removed = 0;
        for (RecurringStore store : stores) {
            for (RecurringStore.Stored stored : store.list(itemId)) {
                store.delete(itemId, stored.id());
                removed++;
            }
        }
        return removed;
    }

    /** Schedules and createJobs tasks whose overrides set one of a lookup's values: a Query of the item's records of each kind. */
    public static LookupUsers lookupUsers(Table table) {
        RecurringStore schedules = new RecurringStore(table, SCHEDULE);
        RecurringStore tasks = new RecurringStore(table, TASK);
        return (itemId, lookup, values) -> {
            String field = Lookups.jobField(lookup);
            List<LookupUsers.Use> uses = new ArrayList<>();
            for (RecurringStore.Stored schedule : schedules.list(itemId)) {
                String value = schedule.definition().path("overrides").path(field).asText(null);
                if (values.contains(value)) {
                    uses.add(new LookupUsers.Use(value, schedule.id(), "schedule '" + schedule.id() + "' of job template '"
                            + schedule.definition().path("jobTemplateId").asText() + "'"));
                }
            }
            for (RecurringStore.Stored task : tasks.list(itemId)) {
                String value = task.definition().path("parameters").path("overrides").path(field).asText(null);
                if (values.contains(value)) {
                    uses.add(new LookupUsers.Use(value, task.id(), "task '" + task.definition().path("title").asText() + "'"));
                }
            }
            return uses;
        };
    }

    /**
     * Schedules of a job template, and tasks whose parameters name it (createJobs tasks), which
     * would fail at their next run without it: a Query of the item's records of each kind.
     */
    public static TemplateUsers templateUsers(Table table) {
        RecurringStore schedules = new RecurringStore(table, SCHEDULE);
        RecurringStore tasks = new RecurringStore(table, TASK);
        return (itemId, jobTemplateId) -> {
            List<TemplateUsers.Use> uses = new ArrayList<>();
            for (RecurringStore.Stored schedule : schedules.list(itemId)) {
                if (jobTemplateId.equals(schedule.definition().path("jobTemplateId").asText(null))) {
                    uses.add(new TemplateUsers.Use(schedule.id(), "schedule '" + schedule.id() + "'"));
                }
            }
            for (RecurringStore.Stored task : tasks.list(itemId)) {
                if (jobTemplateId.equals(task.definition().path("parameters").path("jobTemplateId").asText(null))) {
                    uses.add(new TemplateUsers.Use(task.id(), "task '" + task.definition().path("title").asText() + "'"));
                }
            }
            return uses;
        };
    }
}
