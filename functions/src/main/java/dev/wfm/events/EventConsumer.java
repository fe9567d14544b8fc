package dev.wfm.events;

import java.util.List;

/**
 * A consumer of job events (socket push, notification rules, aggregates). The stream delivers at least
 * once, so a consumer must be idempotent on {@link StreamedEvent#eventId()}: the same event twice has
 * one effect. A consumer that fails throws; the fan-out reports the batch item failure, and the stream
 * retries from that record (bounded; then the record goes to the dead-letter destination).
 */
public interface EventConsumer {
    /** A short stable name (used in idempotency records and logs), e.g. "sockets", "rules". */
    String name();

    void consume(List<StreamedEvent> events);
}
