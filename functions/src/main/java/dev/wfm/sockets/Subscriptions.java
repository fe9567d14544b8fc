package dev.wfm.sockets;

import dev.wfm.common.Refusal;
import dev.wfm.jobs.JobRepository;
import dev.wfm.security.Identity;
import dev.wfm.store.Keys;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Connections to a workflow item and what they subscribe to: jobs of the item (each must exist in
 * it), or "my work", the steps that become current for, or are assigned to, the connection's user
 * or one of their groups. Whether the caller may read the item is checked by the edge before.
 */
public final class Subscriptions {
    /** The most job ids one subscribe names. */
    public static final int MAX_JOBS = 100;

    private final Connections connections;
    private final JobRepository jobs;
    private final Clock clock;

    public Subscriptions(Connections connections, JobRepository jobs, Clock clock) {
        this.connections = connections;
        this.jobs = jobs;
        this.clock = clock;
    }

    public Connection connect(String connectionId, String itemId, Identity identity) {
        Connection connection = new Connection(connectionId, itemId, identity.user(), identity.groups(),
                clock.instant().plus(Connection.LIFETIME));
        connections.open(connection);
        return connection;
    }

    public Optional<Connection> find(String connectionId) {
        return connections.find(connectionId, clock.instant());
    }

    /** Subscribes to these jobs of the connection's item; NOT_FOUND, subscribing to none, when one is not there. */
    public void subscribeToJobs(Connection connection, List<String> jobIds) {
        connections.subscribe(connection, jobPartitions(connection, jobIds));
    }

    public void unsubscribeFromJobs(Connection connection, List<String> jobIds) {
        connections.unsubscribe(connection.connectionId(), jobIds.stream().distinct()
                .map(jobId -> Keys.jobSubscribers(connection.itemId(), jobId)).toList());
    }

    public void subscribeToMyWork(Connection connection) {
        connections.subscribe(connection, workPartitions(connection));
    }

    public void unsubscribeFromMyWork(Connection connection) {
        connections.unsubscribe(connection.connectionId(), workPartitions(connection));
    }

    public void disconnect(String connectionId) {
        connections.close(connectionId);
    }

    private List<String> jobPartitions(Connection connection, List<String> jobIds) {
        List<String> distinct = jobIds.stream().distinct().toList();
        if (distinct.isEmpty() || distinct.size() > MAX_JOBS) {
            throw Refusal.invalid("jobIds must name 1 to " + MAX_JOBS + " jobs", "jobIds");
        }
        List<String> missing = jobs.missing(connection.itemId(), distinct);
        if (!missing.isEmpty()) {
            throw Refusal.notFound("No job " + missing + " in workflow item '" + connection.itemId() + "'; nothing was subscribed", "jobIds");
        }
        return distinct.stream().map(jobId -> Keys.jobSubscribers(connection.itemId(), jobId)).toList();
    }

    /** The partitions of the work of the connection's user and of each of their groups. */
    static List<String> workPartitions(Connection connection) {
        List<String> partitions = new ArrayList<>();
        partitions.add(Keys.userSubscribers(connection.itemId(), connection.user()));
        connection.groups().stream().distinct().forEach(group -> partitions.add(Keys.groupSubscribers(connection.itemId(), group)));
        return partitions;
    }
}
