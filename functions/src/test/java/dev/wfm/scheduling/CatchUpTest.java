package dev.wfm.scheduling;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class CatchUpTest {
    private static final Instant ANCHOR = Instant.parse("2027-01-01T00:00:00Z");
    private static final Recurrence HOURLY = Recurrence.parse("cron(0 * * * ? *)", ZoneOffset.UTC, ANCHOR);

    @Test
    void nothingIsDueBeforeTheNextRun() {
        assertEquals(Optional.empty(), CatchUp.at(HOURLY, Instant.parse("2027-01-01T05:00:00Z"), Instant.parse("2027-01-01T04:59:59Z")));
    }

    @Test
    void aTickOnTimeFiresTheDueOccurrenceAndWaitsForTheNext() {
        CatchUp.Due due = CatchUp.at(HOURLY, Instant.parse("2027-01-01T05:00:00Z"), Instant.parse("2027-01-01T05:00:00Z")).orElseThrow();
        assertEquals(Instant.parse("2027-01-01T05:00:00Z"), due.occurrence());
        assertEquals(0, due.skipped());
        assertEquals(Optional.of(Instant.parse("2027-01-01T06:00:00Z")), due.next());
    }

    @Test
    void afterDowntimeOnlyTheLatestMissedOccurrenceFiresAndTheOlderOnesAreCounted() {
        CatchUp.Due due = CatchUp.at(HOURLY, Instant.parse("2027-01-01T05:00:00Z"), Instant.parse("2027-01-01T09:30:00Z")).orElseThrow();
        assertEquals(Instant.parse("2027-01-01T09:00:00Z"), due.occurrence());
        assertEquals(4, due.skipped());
        assertEquals(Optional.of(Instant.parse("2027-01-01T10:00:00Z")), due.next());
    }

    @Test
    void aVeryLongDowntimeStillFindsTheLatestOccurrenceWithABoundedCount() {
        Recurrence minutely = Recurrence.parse("rate(1 minute)", ZoneOffset.UTC, ANCHOR);
        CatchUp.Due due = CatchUp.at(minutely, ANCHOR, Instant.parse("2027-03-01T12:34:56Z")).orElseThrow();
        assertEquals(Instant.parse("2027-03-01T12:34:00Z"), due.occurrence());
        assertEquals(CatchUp.MAX_COUNTED, due.skipped());
        assertTrue(due.skippedCountCapped());
        assertEquals(Optional.of(Instant.parse("2027-03-01T12:35:00Z")), due.next());
    }
}
