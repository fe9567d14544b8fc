package dev.wfm.sockets;

import dev.wfm.common.Log;
import dev.wfm.common.Parallel;
import dev.wfm.common.Refusal;
import dev.wfm.diagrams.Step;
import dev.wfm.events.EventConsumer;
import dev.wfm.events.StreamedEvent;
import dev.wfm.items.ItemStore;
import dev.wfm.items.WorkflowItem;
import dev.wfm.jobs.DiagramCatalog;
import dev.wfm.jobs.Job;
import dev.wfm.jobs.JobRepository;
import dev.wfm.store.Keys;
import java.time.Clock;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ExecutorService;
import java.util.function.Function;
import java.util.function.Supplier;

/**
 * Pushes job events to the connections that may see them ({@link Audience}), as
 * {@link SocketMessages} words them. Each message names its event's id: the stream delivers at least
 * once, so a client drops an id it has seen, and a retried batch has one effect for it. A connection
 * found gone (410) is closed with its subscriptions; a push that fails otherwise (after the SDK's
 * retries) is logged and the others go on, so one unreachable client never holds the stream back.
 */
public final class SocketPush implements EventConsumer {
    private static final int SENDERS = 16;

    private final Connections connections;
    private final ItemStore items;
    private final JobRepository jobs;
    private final DiagramCatalog catalog;
    private final ConnectionPoster poster;
    private final Clock clock;
    private final ExecutorService senders = Parallel.pool("socket-push", SENDERS);

    public SocketPush(Connections connections, ItemStore items, JobRepository jobs, DiagramCatalog catalog, ConnectionPoster poster,
                      Clock clock) {
        this.connections = connections;
        this.items = items;
        this.jobs = jobs;
        this.catalog = catalog;
        this.poster = poster;
        this.clock = clock;
    }

    @Override
    public String name() {
        return "sockets";
    }

    @Override
    public void consume(List<StreamedEvent> events) {
        Map<String, Optional<WorkflowItem>> itemsRead = new HashMap<>();
        // the batch's jobs of an item are read together (BatchGetItem) when the first of them is needed
        Map<String, Map<String, Job>> jobsRead = new HashMap<>();
        // a batch holds many events of a job: each subscribers partition is read once a batch
        Map<String, List<Connection>> subscribersRead = new HashMap<>();
        // an item nobody is connected to has no subscribers: its events cost one read a batch, not one a job
        Map<String, Boolean> connected = new HashMap<>();
        for (StreamedEvent streamed : events) {
            if (!connected.computeIfAbsent(streamed.itemId(), itemId -> connections.anyOpen(itemId, clock.instant()))) {
                continue;
            }
            Supplier<Optional<Job>> job = () -> Optional.ofNullable(jobsRead
                    .computeIfAbsent(streamed.itemId(), itemId -> jobsOf(itemId, events)).get(streamed.jobId()));
            Function<String, Optional<Step>> steps = stepId -> job.get().flatMap(found -> step(found, stepId));
            Optional<SocketMessage> message = SocketMessages.of(streamed, steps);
            if (message.isEmpty()) {
                continue;
            }
            Function<String, List<Connection>> subscribers = partition -> subscribersRead.computeIfAbsent(partition,
                    key -> connections.subscribers(key, clock.instant()));
            List<Connection> candidates = new ArrayList<>(subscribers.apply(Keys.jobSubscribers(streamed.itemId(), streamed.jobId())));
            Audience.workPartition(streamed.itemId(), streamed.event(), job.get(), steps)
                    .ifPresent(partition -> candidates.addAll(subscribers.apply(partition)));
            if (candidates.isEmpty()) {
                continue;
            }
            Optional<WorkflowItem> item = itemsRead.computeIfAbsent(streamed.itemId(), items::find);
            send(streamed, message.get().json(), Audience.mayRead(candidates, item));
        }
    }

    /** The item's jobs that the events are of, by id; a job deleted since is missing. */
    private Map<String, Job> jobsOf(String itemId, List<StreamedEvent> events) {
        List<String> jobIds = events.stream().filter(event -> event.itemId().equals(itemId)).map(StreamedEvent::jobId).distinct().toList();
        Map<String, Job> found = new HashMap<>();
        jobs.findAll(itemId, jobIds).forEach(job -> found.put(job.jobId(), job));
        return found;
    }

    /** A step of the job's diagram version; none when the version cannot be read (its diagram deleted). */
    private Optional<Step> step(Job job, String stepId) {
        try {
            return catalog.step(job, stepId);
        } catch (Refusal gone) {
            return Optional.empty();
        }
    }

    private void send(StreamedEvent streamed, String data, List<Connection> recipients) {
        List<String> gone = Parallel.map(senders, recipients, connection -> {
            try {
                return poster.post(connection.connectionId(), data) ? null : connection.connectionId();
            } catch (RuntimeException e) {
                Log.warn("A job event could not be pushed to a connection", e, "eventId", streamed.eventId(),
                        "connectionId", connection.connectionId());
                return null;
            }
        });
        gone.stream().filter(java.util.Objects::nonNull).forEach(connections::close);
    }
}
