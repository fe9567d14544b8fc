package dev.wfm.jobs.commands;

import static dev.wfm.jobs.JobsInMemory.MANAGER;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.wfm.config.Lookup;
import dev.wfm.jobs.Job;
import dev.wfm.jobs.JobCommand;
import dev.wfm.jobs.JobsInMemory;
import dev.wfm.jobs.SlaClock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The commands that hold, release, pause, resume, close and reopen move a job's SLA clock, through the unit of work alone. */
class SlaClockCommandsTest {
    private static final Lookup STATUSES = new Lookup("jobStatuses", 1,
            List.of(new Lookup.Value("New", "New", 1), new Lookup.Value("Closed", "Closed", 2)), "New", "Closed");

    private final JobsInMemory domain = new JobsInMemory();
    private final Instant start = domain.clock.instant();

    private void act(Job job, String json) {
        assertTrue(domain.act(job, MANAGER, json).get(0).success(), json);
    }

    private void run(Job job, JobCommand<?> command) {
        domain.unitOfWork.run(job.itemId(), job.jobId(), command);
    }

    private void minutes(long minutes) {
        domain.clock.advance(Duration.ofMinutes(minutes));
    }

    private static long minutesOf(long millis) {
        return Duration.ofMillis(millis).toMinutes();
    }

    private List<Long> activeAndHeld(Job job) {
        SlaClock clock = domain.stored(job).sla();
        Instant now = domain.clock.instant();
        return List.of(minutesOf(clock.activeMillis(now)), minutesOf(clock.heldMillis(now)));
    }

    @Test
    void holdingAndReleasingAStepCountsItsHeldTimeExactlyAndMovesTheEffectiveDueDateByIt() {
        Job job = domain.due(start.plus(Duration.ofDays(1)), "define");
        minutes(10);
        act(job, "{\"type\": \"Hold\", \"stepId\": \"define\"}");
        minutes(30);
        assertEquals(List.of(10L, 30L), activeAndHeld(job), "held so far, read without a write");
        act(job, "{\"type\": \"ReleaseHold\", \"stepId\": \"define\"}");
        minutes(5);

        assertEquals(List.of(15L, 30L), activeAndHeld(job));
        assertEquals(start.plus(Duration.ofDays(1)).plus(Duration.ofMinutes(30)), domain.stored(job).effectiveDueDate(domain.clock.instant())
                .orElseThrow());
    }

    @Test
    void aJobWithAnotherStepToWorkOnKeepsItsClockRunningWhileOneStepIsHeld() {
        Job job = domain.due(start.plus(Duration.ofDays(1)), "define", "review");
        act(job, "{\"type\": \"Hold\", \"stepId\": \"define\"}");
        minutes(20);
        act(job, "{\"type\": \"Hold\", \"stepId\": \"review\"}");
        minutes(15);
        act(job, "{\"type\": \"ReleaseHold\", \"stepId\": \"define\"}");
        minutes(5);

        assertEquals(List.of(25L, 15L), activeAndHeld(job), "held only while both steps were");
    }

    @Test
    void pausedTimeIsHeldTimeAndClosedTimeIsNeitherButMovesTheDueDateOfAReopenedJob() {
        Instant due = start.plus(Duration.ofHours(2));
        Job job = domain.due(due, "review");
        minutes(10);
        run(job, new PauseJob(MANAGER));
        minutes(20);
        run(job, new ResumeJob(MANAGER));
        minutes(30);
        run(job, new CloseJob(MANAGER, "Closed"));
        minutes(600);
        assertFalse(domain.stored(job).overdue(domain.clock.instant()), "a closed job is not overdue, long past its due date");
        assertEquals(List.of(40L, 20L), activeAndHeld(job), "the clock stopped as the job closed");
        run(job, new ReopenJob(MANAGER, STATUSES, null, domain.catalog));
        minutes(1);

        assertEquals(List.of(41L, 20L), activeAndHeld(job));
        assertEquals(due.plus(Duration.ofMinutes(620)), domain.stored(job).effectiveDueDate(domain.clock.instant()).orElseThrow());
        assertFalse(domain.stored(job).overdue(domain.clock.instant()), "41 active minutes of its 120");
    }

    @Test
    void aJobStoredBeforeJobsHadAClockGetsOneAtItsNextChangeCountedFromItsCreation() {
        Job job = domain.job("define");
        minutes(10);
        act(job, "{\"type\": \"Hold\", \"stepId\": \"define\"}");
        minutes(5);

        assertEquals(List.of(10L, 5L), activeAndHeld(job));
    }
}
