package dev.wfm.notifications;

import dev.wfm.common.Log;
import dev.wfm.common.Parallel;
import dev.wfm.jobs.JobRepository;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.ExecutorService;

/**
 * What a scheduler tick does for notifications: the deliveries due for another attempt (a Query
 * of the due index), each tried with its rule and job as they are now, side by side.
 */
public final class DeliveryRetries {
    private static final ExecutorService RETRYING = Parallel.pool("notification-retry", 8);

    /** How many deliveries were due at a tick. */
    public record Summary(int due) {}

    private final NotificationLog log;
    private final NotificationRules rules;
    private final JobRepository jobs;
    private final Deliveries deliveries;

    DeliveryRetries(NotificationLog log, NotificationRules rules, JobRepository jobs, Deliveries deliveries) {
        this.log = log;
        this.rules = rules;
        this.jobs = jobs;
        this.deliveries = deliveries;
    }

    public Summary run(Instant now) {
        List<NotificationLog.Entry> due = log.due(now);
        Parallel.map(RETRYING, due, entry -> {
            try {
                deliveries.retry(entry, rules.find(entry.itemId(), entry.ruleId()),
                        RulesConsumer.jobProperties(jobs, entry.itemId(), entry.jobId()), now);
            } catch (RuntimeException e) {
                // Left due: the next tick tries again. One delivery must not stop the others.
                Log.error("A notification retry failed", e, "ruleId", entry.ruleId(), "eventId", entry.eventId());
            }
            return null;
        });
        return new Summary(due.size());
    }
}
