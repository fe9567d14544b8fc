package dev.wfm.jobs;

import dev.wfm.calendars.BusinessCalendar;
import dev.wfm.calendars.BusinessTime;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Optional;

/**
 * A job's SLA clock: the business time it was active ({@code activeMillis}), held
 * ({@code heldMillis}: on hold or paused) and closed ({@code closedMillis}) in the runs that
 * ended, and the run going on: its {@link Mode} and the moment it began ({@code since}). A read
 * adds the run going on, so the live values need no write; a change that moves the job into
 * another mode ends the run ({@link #at}). Business time is every moment, or with a
 * {@code calendar} (the item's, copied when the job was created) its working days only.
 *
 * <p>The due moment with holds taken out, the <em>effective due date</em>, is the job's
 * {@code dueDate} moved later by the business time its clock stood still (held, paused, closed
 * before a reopen). The job is overdue while it is open and, its clock running, now is at or past
 * that moment; while its clock stands still a job neither becomes overdue nor stops being so.
 * {@code noticedDueDate} is the due date its one JobOverdue was written for.
 */
public record SlaClock(BusinessCalendar calendar, long activeMillis, long heldMillis, long closedMillis, Mode mode, String since,
                       String noticedDueDate) {
    /** What the clock counts now. */
    public enum Mode {
        /** Active time: the job is open and someone (or something) can work on it. */
        RUNNING,
        /**
         * Held time: the job is paused, or every one of its current steps is on hold. A held step
         * stops only its own branch: while another current step can be worked on, the job is being
         * worked and its clock runs, so one stalled branch cannot stop the clock of the whole job.
         */
        HELD,
        /** The job is closed: nothing is counted. */
        STOPPED
    }

    /** A clock starting to run at {@code at}, the moment its job is created. */
    public static SlaClock started(BusinessCalendar calendar, Instant at) {
        return new SlaClock(calendar, 0, 0, 0, Mode.RUNNING, millis(at).toString(), null);
    }

    /**
     * The clock of a job stored before jobs had one: counted from its creation as if it had been
     * in the mode it is in now all along, without a calendar.
     */
    static SlaClock assumed(Job job) {
        return new SlaClock(null, 0, 0, 0, modeOf(job), job.created(), null);
    }

    /** The mode a job's clock is in, by the job's state. */
    static Mode modeOf(Job job) {
        if (job.closed()) {
            return Mode.STOPPED;
        }
        boolean allHeld = !job.currentSteps().isEmpty() && job.currentSteps().stream().allMatch(step -> step.status() == StepStatus.Held);
        return job.paused() || allHeld ? Mode.HELD : Mode.RUNNING;
    }

    /**
     * The clock once its job is in {@code next} mode from {@code at}: the same when the mode is
     * the same; else the run going on ends at {@code at} and is counted, and a run in the new mode
     * begins. A run never ends before it began: a scheduler tick driven ahead of the clock (as
     * tests drive time) may have begun one later than a person's change that follows it.
     */
    SlaClock at(Mode next, Instant at) {
        if (next == mode) {
            return this;
        }
        Instant end = later(millis(at), start());
        long run = time().between(start(), end);
        return new SlaClock(calendar, activeMillis + (mode == Mode.RUNNING ? run : 0), heldMillis + (mode == Mode.HELD ? run : 0),
                closedMillis + (mode == Mode.STOPPED ? run : 0), next, end.toString(), noticedDueDate);
    }

    SlaClock noticed(String dueDate) {
        return new SlaClock(calendar, activeMillis, heldMillis, closedMillis, mode, since, dueDate);
    }

    /** Active business time up to {@code now}. */
    public long activeMillis(Instant now) {
        return activeMillis + (mode == Mode.RUNNING ? running(now) : 0);
    }

    /** Held business time (on hold, paused) up to {@code now}. */
    public long heldMillis(Instant now) {
        return heldMillis + (mode == Mode.HELD ? running(now) : 0);
    }

    /** {@code dueDate} moved later by the business time the clock stood still up to {@code now} (frozen once closed). */
    public Instant effectiveDue(Instant dueDate, Instant now) {
        return time().plus(dueDate, heldMillis(now) + closedMillis);
    }

    /**
     * The moment from which the job counts as overdue while its clock stays as it is: running,
     * its effective due date; held, the effective due date as its clock stopped, when that had
     * come already (a held job stays overdue); otherwise (held in time, or closed) none.
     */
    public Optional<Instant> overdueFrom(Instant dueDate) {
        if (mode == Mode.STOPPED) {
            return Optional.empty();
        }
        Instant from = time().plus(dueDate, heldMillis + closedMillis);
        return mode == Mode.RUNNING || !from.isAfter(start()) ? Optional.of(from) : Optional.empty();
    }

    public boolean overdue(Instant dueDate, Instant now) {
        return overdueFrom(dueDate).filter(from -> mode != Mode.RUNNING || !from.isAfter(now)).isPresent();
    }

    private long running(Instant now) {
        return time().between(start(), later(now, start()));
    }

    private Instant start() {
        return Instant.parse(since);
    }

    private BusinessTime time() {
        return calendar != null ? calendar : BusinessTime.ALWAYS;
    }

    /** Clock moments are whole milliseconds. */
    private static Instant millis(Instant at) {
        return at.truncatedTo(ChronoUnit.MILLIS);
    }

    private static Instant later(Instant a, Instant b) {
        return a.isAfter(b) ? a : b;
    }
}
