package dev.wfm.scheduling;

import dev.wfm.config.JobTemplates;
import dev.wfm.jobs.JobCreation;
import dev.wfm.store.Table;
import java.time.Clock;

/** The scheduling capability wired once: schedules and tasks (admin API) and what a tick does with them. */
public final class Scheduling {
    public final Schedules schedules;
    public final Tasks tasks;
    public final Ticks ticks;

    public Scheduling(Table table, JobTemplates templates, JobCreation creation, Clock clock) {
        RecurringStore scheduleStore = new RecurringStore(table, "SCHEDULE");
        RecurringStore taskStore = new RecurringStore(table, "TASK");
        schedules = new Schedules(scheduleStore, templates, creation, clock);
        tasks = new Tasks(taskStore, templates, creation, clock);
        ticks = new Ticks(scheduleStore, taskStore, creation, clock);
    }
}
