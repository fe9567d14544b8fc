package dev.wfm.notifications;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.wfm.common.Log;
import dev.wfm.events.StreamedEvent;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * Delivering a rule's action for an event, at least once and at most {@link #MAX_ATTEMPTS} times:
 * claimed in the log first ({@link NotificationLog#claim}), so an event handed over again is not
 * delivered again. A failure that may pass is tried again after 1 s, then 1 min, 5 min and 30 min:
 * the one-second wait is made in place, the longer ones by the scheduler ({@link DeliveryRetries})
 * from the due index, so a failing target holds the stream for at most two attempts. Each web
 * request carries {@code Idempotency-Key: notification-{ruleId}-{eventId}}, the same on every
 * attempt, for its receiver to recognise a repeat (an attempt cut off after it was sent, but
 * before the log said so, is made again).
 */
final class Deliveries {
    static final int MAX_ATTEMPTS = 5;
    private static final List<Duration> WAITS = List.of(Duration.ofSeconds(1), Duration.ofMinutes(1), Duration.ofMinutes(5),
            Duration.ofMinutes(30));
    /** Waits up to this long are made in place, between attempts of one delivery. */
    private static final Duration IN_PLACE = Duration.ofSeconds(1);
    /** How long an attempt under way keeps its delivery off the due index: past every attempt's timeout. */
    static final Duration LEASE = Duration.ofMinutes(2);

    private final NotificationLog log;
    private final Dispatcher dispatcher;

    Deliveries(NotificationLog log, Dispatcher dispatcher) {
        this.log = log;
        this.dispatcher = dispatcher;
    }

    static String idempotencyKey(String ruleId, String eventId) {
        return "notification-" + ruleId + "-" + eventId;
    }

    /** The first delivery of a matching event, as the stream hands it over; {@code job} is what {@code $job} is. */
    void deliver(String itemId, NotificationRule rule, StreamedEvent streamed, Activity activity, JsonNode job, Supplier<Instant> clock) {
        ObjectNode event = EventVariables.of(streamed, activity);
        Rendering.Variables variables = new Rendering.Variables(event, job);
        String filterFailure = null;
        try {
            if (!Rendering.matches(rule, variables)) {
                return;
            }
        } catch (Rendering.Failure e) {
            filterFailure = e.getMessage();
        }
        Optional<NotificationLog.Entry> claimed = log.claim(itemId, rule, streamed, event, clock.get(), LEASE);
        if (claimed.isEmpty()) {
            return;
        }
        if (filterFailure != null) {
            log.write(claimed.get(), ended(claimed.get(), NotificationLog.FAILED, "filter", filterFailure, clock.get()), null);
            return;
        }
        attempt(claimed.get(), rule, variables, true, clock);
    }

    /**
     * A due delivery's next attempt, with the rule and job as they are now ({@code rule} empty once
     * deleted): claimed for the length of its lease first, so overlapping ticks make it once.
     */
    void retry(NotificationLog.Entry due, Optional<NotificationRule> rule, JsonNode job, Instant now) {
        ObjectNode view = due.view().deepCopy();
        view.remove("nextAttemptAt");
        Optional<NotificationLog.Entry> claimed = log.write(due, view, now.plus(LEASE));
        if (claimed.isEmpty()) {
            return;
        }
        if (rule.isEmpty() || !rule.get().enabled()) {
            String why = rule.isEmpty() ? "deleted" : "disabled";
            log.write(claimed.get(), ended(claimed.get(), NotificationLog.FAILED, null,
                    "The rule was " + why + " before the delivery was made; no more attempts", now), null);
            return;
        }
        attempt(claimed.get(), rule.get(), new Rendering.Variables(due.event(), job), false, () -> now);
    }

    private void attempt(NotificationLog.Entry claimed, NotificationRule rule, Rendering.Variables variables, boolean inPlace,
                         Supplier<Instant> clock) {
        NotificationLog.Entry current = claimed;
        while (true) {
            Attempt attempt = dispatcher.attempt(current.itemId(), rule, variables, idempotencyKey(rule.ruleId(), current.eventId()));
            int attempts = current.attempts() + 1;
            Instant now = clock.get();
            ObjectNode view = current.view().deepCopy().put("attempts", attempts).put("target", attempt.target())
                    .put("lastAttemptAt", now.toString());
            if (!view.has("firstAttemptAt")) {
                view.put("firstAttemptAt", now.toString());
            }
            if (attempt instanceof Attempt.Delivered) {
                view.put("status", NotificationLog.SUCCEEDED).remove(List.of("error", "nextAttemptAt"));
                log.write(current, view, null);
                return;
            }
            Attempt.Failed failed = (Attempt.Failed) attempt;
            if (!failed.transientFailure() || attempts >= MAX_ATTEMPTS) {
                String error = failed.transientFailure() ? "Gave up after " + attempts + " attempts; the last: " + failed.message()
                        : failed.message();
                view.put("status", NotificationLog.FAILED).put("error", error).remove("nextAttemptAt");
                log.write(current, view, null);
                return;
            }
            Duration wait = WAITS.get(attempts - 1);
            view.put("status", NotificationLog.PENDING).put("error", failed.message());
            if (!inPlace || wait.compareTo(IN_PLACE) > 0) {
                Instant next = now.plus(wait);
                log.write(current, view.put("nextAttemptAt", next.toString()), next);
                return;
            }
            Optional<NotificationLog.Entry> written = log.write(current, view, now.plus(LEASE));
            if (written.isEmpty()) {
                Log.warn("A notification delivery changed under its attempt; leaving it to its other writer",
                        "ruleId", rule.ruleId(), "eventId", current.eventId());
                return;
            }
            current = written.get();
            pause(wait);
        }
    }

    /** A delivery's view once it ended without being delivered. */
    private static ObjectNode ended(NotificationLog.Entry entry, String status, String target, String error, Instant now) {
        ObjectNode view = entry.view().deepCopy().put("status", status).put("error", error).put("lastAttemptAt", now.toString());
        if (target != null) {
            view.put("target", target);
        }
        view.remove("nextAttemptAt");
        return view;
    }

    private static void pause(Duration wait) {
        try {
            Thread.sleep(wait.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("Interrupted between attempts of a notification delivery", e);
        }
    }
}
