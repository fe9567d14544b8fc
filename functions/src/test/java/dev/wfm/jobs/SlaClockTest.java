package dev.wfm.jobs;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.wfm.calendars.BusinessCalendar;
import dev.wfm.jobs.SlaClock.Mode;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The SLA clock on its own: runs counted exactly, live reads, the effective due date and when a job is overdue. */
class SlaClockTest {
    private static final Instant T0 = Instant.parse("2026-03-02T09:00:00Z");
    private static final long HOUR = Duration.ofHours(1).toMillis();

    private static Instant at(double hours) {
        return T0.plusMillis((long) (hours * HOUR));
    }

    @Test
    void activeAndHeldTimeAreCountedRunByRunAndReadLiveWithoutAWrite() {
        SlaClock clock = SlaClock.started(null, T0).at(Mode.HELD, at(1)).at(Mode.RUNNING, at(3));

        assertEquals(List.of(HOUR, 2 * HOUR), List.of(clock.activeMillis(), clock.heldMillis()), "the runs that ended");
        assertEquals(List.of(2 * HOUR, 2 * HOUR), List.of(clock.activeMillis(at(4)), clock.heldMillis(at(4))));
        assertEquals(List.of(HOUR + HOUR / 2, 2 * HOUR), List.of(clock.activeMillis(at(3.5)), clock.heldMillis(at(3.5))));
        assertEquals(clock, clock.at(Mode.RUNNING, at(5)), "the same mode again changes nothing");
    }

    @Test
    void theEffectiveDueDateIsTheDueDateMovedLaterByTheTimeTheClockStoodStill() {
        Instant due = at(2);
        SlaClock held = SlaClock.started(null, T0).at(Mode.HELD, at(1));

        assertEquals(at(3), held.effectiveDue(due, at(2)), "an hour held so far");
        assertEquals(at(4), held.effectiveDue(due, at(3)), "held on: it moves on");
        SlaClock released = held.at(Mode.RUNNING, at(3));
        assertEquals(at(4), released.effectiveDue(due, at(10)), "running: it stays");
    }

    @Test
    void aRunningJobIsOverdueFromItsEffectiveDueDateOn() {
        Instant due = at(2);
        SlaClock released = SlaClock.started(null, T0).at(Mode.HELD, at(1)).at(Mode.RUNNING, at(3));

        assertEquals(at(4), released.overdueFrom(due).orElseThrow());
        assertFalse(released.overdue(due, at(4).minusMillis(1)));
        assertTrue(released.overdue(due, at(4)));
    }

    @Test
    void whileItsClockStandsStillAJobNeitherBecomesNorStopsBeingOverdue() {
        Instant due = at(2);
        SlaClock heldInTime = SlaClock.started(null, T0).at(Mode.HELD, at(1));
        SlaClock heldLate = SlaClock.started(null, T0).at(Mode.HELD, at(3));

        assertFalse(heldInTime.overdue(due, at(100)));
        assertTrue(heldInTime.overdueFrom(due).isEmpty(), "no moment to be overdue from while it stands still");
        assertTrue(heldLate.overdue(due, at(3)));
        assertTrue(heldLate.overdue(due, at(100)));
        assertEquals(due, heldLate.overdueFrom(due).orElseThrow());
    }

    @Test
    void closedTimeIsNeitherActiveNorHeldAndAReopenedJobsDueDateMovesLaterByIt() {
        Instant due = at(2);
        SlaClock closed = SlaClock.started(null, T0).at(Mode.STOPPED, at(1));
        SlaClock reopened = closed.at(Mode.RUNNING, at(5));

        assertFalse(closed.overdue(due, at(50)), "a closed job is never overdue");
        assertEquals(due, closed.effectiveDue(due, at(50)), "frozen while closed");
        assertEquals(List.of(2 * HOUR, 0L), List.of(reopened.activeMillis(at(6)), reopened.heldMillis(at(6))));
        assertEquals(at(6), reopened.effectiveDue(due, at(6)));
        assertTrue(reopened.overdue(due, at(6)));
    }

    @Test
    void withACalendarTheClockCountsOnlyBusinessTime() {
        BusinessCalendar weekdays = new BusinessCalendar("UTC", List.of("MON", "TUE", "WED", "THU", "FRI"), List.of(), List.of());
        Instant friday = Instant.parse("2026-12-25T12:00:00Z");
        SlaClock clock = SlaClock.started(weekdays, friday);

        assertEquals(24 * HOUR, clock.activeMillis(Instant.parse("2026-12-28T12:00:00Z")), "Friday's last 12 hours and Monday's first 12");
        SlaClock heldOverTheWeekend = clock.at(Mode.HELD, Instant.parse("2026-12-25T18:00:00Z")).at(Mode.RUNNING, Instant.parse("2026-12-28T06:00:00Z"));
        assertEquals(12 * HOUR, heldOverTheWeekend.heldMillis());
        // due Monday 09:00: moved later by 12 business hours, it is Monday 21:00
        assertEquals(Instant.parse("2026-12-28T21:00:00Z"), heldOverTheWeekend.effectiveDue(Instant.parse("2026-12-28T09:00:00Z"),
                Instant.parse("2026-12-28T10:00:00Z")));
    }

    @Test
    void aRunNeverEndsBeforeItBegan() {
        SlaClock aheadOfTheClock = SlaClock.started(null, at(2));

        SlaClock held = aheadOfTheClock.at(Mode.HELD, at(1));

        assertEquals(List.of(0L, 0L, at(2).toString()), List.of(held.activeMillis(), held.heldMillis(), held.since()));
        assertEquals(0, held.heldMillis(at(1)));
    }

    @Test
    void aJobsClockIsHeldOnlyWhileEveryCurrentStepIsHeldOrTheJobIsPausedAndStoppedOnceClosed() {
        JobsInMemory domain = new JobsInMemory();
        Job twoSteps = domain.job("define", "review");
        Job oneHeld = twoSteps.with(b -> b.replaceStep(twoSteps.currentStep("define").orElseThrow().held()));
        Job bothHeld = oneHeld.with(b -> b.replaceStep(oneHeld.currentStep("review").orElseThrow().held()));

        assertEquals(Mode.RUNNING, SlaClock.modeOf(oneHeld), "the other step can be worked on");
        assertEquals(Mode.HELD, SlaClock.modeOf(bothHeld));
        assertEquals(Mode.RUNNING, SlaClock.modeOf(domain.job()), "no current step: the job moves on by itself");
        assertEquals(Mode.HELD, SlaClock.modeOf(twoSteps.with(b -> {
            b.paused = true;
            return b;
        })));
        assertEquals(Mode.STOPPED, SlaClock.modeOf(bothHeld.with(b -> {
            b.closed = true;
            return b;
        })));
    }
}
