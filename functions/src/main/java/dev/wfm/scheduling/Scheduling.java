package dev.wfm.scheduling;

import dev.wfm.config.JobTemplates;
import dev.wfm.jobs.JobCreation;
import dev.wfm.outbound.OutboundHttp;
import dev.wfm.outbound.SecretHeaders;
import dev.wfm.store.Table;
import java.time.Clock;

/** The scheduling capability wired once: schedules and tasks (admin API) and what a tick does with them. */
public final class Scheduling {
    public final Schedules schedules;
    public final Tasks tasks;
    public final Ticks ticks;

    public Scheduling(Table table, JobTemplates templates, JobCreation creation, OutboundHttp outbound, SecretHeaders secretHeaders,
                      Clock clock) {
        RecurringStore scheduleStore = new RecurringStore(table, "SCHEDULE");
        RecurringStore taskStore = new RecurringStore(table, "TASK");
        schedules = new Schedules(scheduleStore, templates, clock);
        tasks = new Tasks(taskStore, templates, secretHeaders, clock);
        ticks = new Ticks(scheduleStore, taskStore, creation, new UrlCall(outbound), tasks, clock);
    }
}
