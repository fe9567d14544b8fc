package dev.wfm.scheduling;

import java.time.Instant;
import java.util.Optional;

/**
 * The missed-occurrence policy. A tick fires ONE occurrence per schedule: the most recent one at
 * or before now. Older occurrences that a downtime (or a disabled scheduler) let pass are skipped
 * and counted on the run, never replayed: recurring work ("open this week's inspection") is about
 * the current period, and replaying a weekend's worth of minutely jobs after an outage would bury
 * people in stale work all at once. An operator who needs the missed ones sees how many there
 * were and can create them by hand.
 */
public final class CatchUp {
    /** Counting skipped occurrences stops here so a long outage of a minutely schedule costs a bounded tick. */
    static final int MAX_COUNTED = 10_000;

    /** What a tick does with one due schedule: fire {@code occurrence}, then wait for {@code next} (empty: never again). */
    public record Due(Instant occurrence, int skipped, boolean skippedCountCapped, Optional<Instant> next) {}

    private CatchUp() {}

    /** The occurrence to fire given the stored next run ({@code due <= now}), or empty if nothing is due. */
    public static Optional<Due> at(Recurrence recurrence, Instant due, Instant now) {
        if (due.isAfter(now)) {
            return Optional.empty();
        }
        Instant latest = due;
        int skipped = 0;
        Optional<Instant> next = recurrence.next(latest);
        while (next.isPresent() && !next.get().isAfter(now)) {
            if (skipped == MAX_COUNTED) {
                return Optional.of(jumpAhead(recurrence, latest, now));
            }
            skipped++;
            latest = next.get();
            next = recurrence.next(latest);
        }
        return Optional.of(new Due(latest, skipped, false, next));
    }

    /** Past the counting limit: find the latest occurrence by bisection over time instead of stepping. */
    private static Due jumpAhead(Recurrence recurrence, Instant from, Instant now) {
        Instant low = from;            // an occurrence at or before now
        Instant high = now;
        while (high.getEpochSecond() - low.getEpochSecond() > 60) {
            Instant middle = low.plusSeconds((high.getEpochSecond() - low.getEpochSecond()) / 2);
            Optional<Instant> candidate = recurrence.next(middle);
            if (candidate.isPresent() && !candidate.get().isAfter(now)) {
                low = candidate.get();
            } else {
                high = middle;
            }
        }
        Instant latest = low;
        Optional<Instant> after = recurrence.next(latest);
        while (after.isPresent() && !after.get().isAfter(now)) {
            latest = after.get();
            after = recurrence.next(latest);
        }
        return new Due(latest, MAX_COUNTED, true, after);
    }
}
