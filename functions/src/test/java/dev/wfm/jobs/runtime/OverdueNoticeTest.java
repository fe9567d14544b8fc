package dev.wfm.jobs.runtime;

import static dev.wfm.jobs.JobsInMemory.MANAGER;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.wfm.common.Json;
import dev.wfm.jobs.Job;
import dev.wfm.jobs.JobsInMemory;
import dev.wfm.jobs.commands.UpdateJob;
import dev.wfm.jobs.events.HistoryEntry;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Scheduler ticks notice a job overdue once per due date, through the due index, after held time is taken out. */
class OverdueNoticeTest {
    private final JobsInMemory domain = new JobsInMemory();
    private final Instant start = domain.clock.instant();

    private List<HistoryEntry> notices(Job job) {
        return domain.history(job).stream().filter(entry -> entry.action().equals("JobOverdue")).toList();
    }

    private DueWork.Summary tick(Instant at) {
        return domain.dueWork.run(at);
    }

    @Test
    void aJobPastItsDueDateIsNoticedOverdueOnceAtTheNextTick() {
        Instant due = start.minus(Duration.ofHours(1));
        Job job = domain.due(due, "review");

        assertEquals(new DueWork.Summary(1, 0, 0, 1), tick(start));
        assertEquals(new DueWork.Summary(0, 0, 0, 0), tick(start.plusSeconds(60)), "noticed: no longer due");

        assertEquals(List.of(new HistoryEntry("JobOverdue", null, "system", start.toString(), null,
                Json.object().put("dueDate", due.toString()).put("effectiveDueDate", due.toString()))), notices(job));
        assertTrue(domain.stored(job).overdue(start));
    }

    @Test
    void twoTicksAtOnceWriteOneJobOverdue() {
        Job job = domain.due(start.minus(Duration.ofHours(1)), "review");
        domain.jobs.beforeNextSave(() -> tick(start));

        tick(start);

        assertEquals(1, notices(job).size());
    }

    @Test
    void aHoldTakenBeforeTheDueMomentPutsTheNoticeOffByTheHeldTime() {
        Instant due = start.plus(Duration.ofHours(1));
        Job job = domain.due(due, "review");
        domain.clock.advance(Duration.ofMinutes(10));
        Instant release = start.plus(Duration.ofMinutes(130));
        assertTrue(domain.act(job, MANAGER, "{\"type\": \"Hold\", \"stepId\": \"review\", \"scheduledRelease\": \"" + release + "\"}")
                .get(0).success());

        tick(due.plusSeconds(60));
        assertEquals(List.of(), notices(job), "held: its clock stands still");
        tick(release);
        Instant effective = due.plus(Duration.ofHours(2));
        assertEquals(effective, domain.stored(job).effectiveDueDate(release).orElseThrow(), "released on schedule, two hours held");
        tick(effective.minusSeconds(1));
        assertEquals(List.of(), notices(job));
        tick(effective);
        tick(effective.plusSeconds(60));

        assertEquals(List.of(effective.toString()), notices(job).stream().map(HistoryEntry::date).toList());
        assertEquals(effective.toString(), notices(job).get(0).details().path("effectiveDueDate").asText());
    }

    @Test
    void aChangedDueDateRearmsTheNotice() {
        Job job = domain.due(start.minus(Duration.ofHours(1)), "review");
        tick(start);
        Instant later = start.plus(Duration.ofHours(1));
        domain.unitOfWork.run(job.itemId(), job.jobId(), new UpdateJob(MANAGER, domain.stored(job).revision(), null,
                new UpdateJob.Changes(null, null, null, null, later.toString(), null, null, null, null), null, domain.jobs));

        tick(start.plusSeconds(60));
        assertEquals(1, notices(job).size(), "not overdue by its new due date yet");
        tick(later);

        assertEquals(List.of(start.minus(Duration.ofHours(1)).toString(), later.toString()),
                notices(job).stream().map(entry -> entry.details().path("dueDate").asText()).toList());
    }
}
