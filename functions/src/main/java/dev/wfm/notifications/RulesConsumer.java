package dev.wfm.notifications;

import com.fasterxml.jackson.databind.JsonNode;
import dev.wfm.common.Json;
import dev.wfm.common.Parallel;
import dev.wfm.events.EventConsumer;
import dev.wfm.events.StreamedEvent;
import dev.wfm.jobs.Job;
import dev.wfm.jobs.JobRepository;
import java.time.Clock;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;

/**
 * Notification rules as a consumer of job events ("rules"). For a batch: each item's enabled rules
 * are read once (one Query; not cached, so a rule saved is in force for the next batch), each job
 * once ({@code $job}: its properties as path conditions see them, as the job is now; a job deleted
 * since is only its {@code jobId}), and every rule on an event's activity is delivered
 * ({@link Deliveries}). Jobs are delivered side by side, each job's events in their order. The
 * same batch twice delivers nothing twice: each delivery is claimed in the log first. A failure to
 * read or write the table is thrown, for the stream to hand the batch over again.
 */
public final class RulesConsumer implements EventConsumer {
    private static final ExecutorService DELIVERING = Parallel.pool("notification-delivery", 8);

    private final NotificationRules rules;
    private final JobRepository jobs;
    private final Deliveries deliveries;
    private final Clock clock;

    RulesConsumer(NotificationRules rules, JobRepository jobs, Deliveries deliveries, Clock clock) {
        this.rules = rules;
        this.jobs = jobs;
        this.deliveries = deliveries;
        this.clock = clock;
    }

    @Override
    public String name() {
        return "rules";
    }

    /** A rule matched on an event's activity. */
    private record Match(NotificationRule rule, StreamedEvent event, Activity activity) {}

    /** What one job's events need delivered, in their order. */
    private record JobMatches(String itemId, String jobId, List<Match> matches) {}

    @Override
    public void consume(List<StreamedEvent> events) {
        Map<String, List<StreamedEvent>> byItem = new LinkedHashMap<>();
        events.stream().filter(event -> Activity.of(event.event()).isPresent())
                .forEach(event -> byItem.computeIfAbsent(event.itemId(), item -> new ArrayList<>()).add(event));
        Map<String, JobMatches> byJob = new LinkedHashMap<>();
        byItem.forEach((itemId, itemEvents) -> {
            List<NotificationRule> enabled = rules.enabled(itemId);
            for (StreamedEvent event : itemEvents) {
                Activity activity = Activity.of(event.event()).orElseThrow();
                for (NotificationRule rule : enabled) {
                    if (rule.on().contains(activity)) {
                        byJob.computeIfAbsent(itemId + "/" + event.jobId(), key -> new JobMatches(itemId, event.jobId(), new ArrayList<>()))
                                .matches().add(new Match(rule, event, activity));
                    }
                }
            }
        });
        Parallel.map(DELIVERING, List.copyOf(byJob.values()), this::deliver);
    }

    private Void deliver(JobMatches job) {
        JsonNode properties = jobProperties(jobs, job.itemId(), job.jobId());
        for (Match match : job.matches()) {
            deliveries.deliver(job.itemId(), match.rule(), match.event(), match.activity(), properties, clock::instant);
        }
        return null;
    }

    /** {@code $job}: the job's properties, or only its id once it is deleted. */
    static JsonNode jobProperties(JobRepository jobs, String itemId, String jobId) {
        return jobs.find(itemId, jobId).<JsonNode>map(Job::properties).orElseGet(() -> Json.object().put("jobId", jobId));
    }
}
