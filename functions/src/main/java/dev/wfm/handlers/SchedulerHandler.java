package dev.wfm.handlers;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestHandler;
import com.amazonaws.services.lambda.runtime.events.ScheduledEvent;
import dev.wfm.jobs.runtime.DueWork;
import java.time.Instant;
import java.util.Map;

/**
 * The EventBridge tick (every minute). The event's own {@code time} is "now", so a delayed or
 * repeated tick acts for the minute it stands for, and tests drive time by the events they send.
 */
public final class SchedulerHandler implements RequestHandler<ScheduledEvent, Map<String, Object>> {
    private final DueWork dueWork;

    public SchedulerHandler() {
        Services services = Services.get();
        dueWork = new DueWork(services.runner, services.jobs);
    }

    @Override
    public Map<String, Object> handleRequest(ScheduledEvent event, Context context) {
        Instant now = event.getTime() == null ? Instant.now() : Instant.ofEpochMilli(event.getTime().getMillis());
        DueWork.Summary summary = dueWork.run(now);
        return Map.of("time", now.toString(), "dueJobs", summary.jobs(), "holdsReleased", summary.holdsReleased(),
                "waitsEnded", summary.waitsEnded());
    }
}
