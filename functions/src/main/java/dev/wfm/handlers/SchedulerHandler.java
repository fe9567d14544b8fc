package dev.wfm.handlers;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestHandler;
import com.amazonaws.services.lambda.runtime.events.ScheduledEvent;
import dev.wfm.common.Log;
import dev.wfm.jobs.runtime.DueWork;
import dev.wfm.notifications.DeliveryRetries;
import dev.wfm.scheduling.Ticks;
import dev.wfm.search.CountsBackfill;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The EventBridge tick (every minute). The event's own {@code time} is "now", so a delayed or
 * repeated tick acts for the minute it stands for, and tests drive time by the events they send.
 * One tick: due job work (holds, waits, overdue jobs, owed calls), then due schedules, then due
 * tasks, then notification deliveries due for another attempt, then the counting of the jobs of
 * items made before counting (a share of it a tick); it answers a summary naming the runs it made
 * and the jobs they created.
 */
public final class SchedulerHandler implements RequestHandler<ScheduledEvent, Map<String, Object>> {
    private final DueWork dueWork;
    private final Ticks ticks;
    private final DeliveryRetries notificationRetries;
    private final CountsBackfill countsBackfill;

    public SchedulerHandler() {
        Services services = Services.get();
        dueWork = new DueWork(services.unitOfWork, services.jobs);
        ticks = services.scheduling.ticks;
        notificationRetries = services.notifications.retries;
        countsBackfill = services.countsBackfill;
    }

    @Override
    public Map<String, Object> handleRequest(ScheduledEvent event, Context context) {
        return Log.during(context, () -> tick(event, context));
    }

    private Map<String, Object> tick(ScheduledEvent event, Context context) {
        Instant now = event.getTime() == null ? Instant.now() : Instant.ofEpochMilli(event.getTime().getMillis());
        DueWork.Summary summary = FunctionErrors.named(() -> dueWork.run(now));
        Map<String, Object> answer = new LinkedHashMap<>(Map.of("time", now.toString(), "dueJobs", summary.jobs(),
                "holdsReleased", summary.holdsReleased(), "waitsEnded", summary.waitsEnded(), "overdue", summary.overdue()));
        answer.put("schedules", summary(ticks.schedules(now)));
        answer.put("tasks", summary(ticks.tasks(now)));
        answer.put("notifications", Map.of("due", notificationRetries.run(now).due()));
        answer.put("jobCounts", backfillCounts(now, context));
        return answer;
    }

    /** The tick's last part, so it takes at most what the rest left; a failure is the next tick's to retry, not the tick's. */
    private Map<String, Object> backfillCounts(Instant now, Context context) {
        Duration left = Duration.ofMillis(context.getRemainingTimeInMillis()).minus(BACKFILL_MARGIN);
        Duration budget = left.compareTo(CountsBackfill.TIME_PER_RUN) < 0 ? left : CountsBackfill.TIME_PER_RUN;
        try {
            CountsBackfill.Summary counted = countsBackfill.run(now, budget);
            return Map.of("due", counted.due(), "jobsCounted", counted.jobsCounted());
        } catch (RuntimeException e) {
            Log.error("The backfill of job counts failed", e);
            return Map.of("failed", true);
        }
    }

    /** A page begun just inside the budget still ends before the invocation's timeout. */
    private static final Duration BACKFILL_MARGIN = Duration.ofSeconds(10);

    private static Map<String, Object> summary(Ticks.Summary summary) {
        return Map.of("due", summary.due(), "claimedElsewhere", summary.claimedElsewhere(),
                "runs", summary.fired().stream().map(Ticks.Fired::toMap).toList());
    }
}
