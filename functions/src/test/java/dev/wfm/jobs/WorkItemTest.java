package dev.wfm.jobs;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.wfm.diagrams.Step;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Which current steps are someone's work, and what a job's change does to its work records. */
class WorkItemTest {
    private final JobsInMemory domain = new JobsInMemory();

    @Test
    void aStepAssignedToAGroupIsThatGroupsWorkWithTheJobsNamePriorityAndDueDate() {
        Job job = domain.job(j -> j.with(b -> {
            b.dueDate = "2026-03-09T17:00:00Z";
            return b;
        }), "edit");

        WorkItem item = only(WorkItem.of(job));

        assertEquals(new WorkItem(job.jobId(), job.jobName(), "edit", "Edit data", "Ready", "Group", "editors", "Medium",
                "2026-03-09T17:00:00Z", null, false, domain.now(), null), item);
        assertEquals(new WorkItem.Assignee(true, "editors"), item.assignee());
    }

    @Test
    void unassignedStepsAndStepsRunningByThemselvesAreNobodysWork() {
        Job job = domain.job("define", "cool");

        assertEquals(List.of(), WorkItem.of(job), "define is unassigned (as the job is); cool is a wait");
    }

    @Test
    void aFailedAutomatedStepAssignedAsItsJobIsWaitsForThatPerson() {
        Job job = domain.job(j -> j.with(b -> {
            b.assignedType = "User";
            b.assignedTo = "amy";
            return b;
        }));
        Step notify = domain.catalog.version(JobsInMemory.ITEM, JobsInMemory.DIAGRAM, 1).step("notify").orElseThrow();
        Job failed = job.with(b -> {
            b.currentSteps.add(CurrentStep.failed(notify, job, "token-notify", domain.now(), "503 from the notify service"));
            return b;
        });

        WorkItem item = only(WorkItem.of(failed));

        assertEquals("Failed", item.status());
        assertEquals(new WorkItem.Assignee(false, "amy"), item.assignee());
    }

    @Test
    void aClosedOrPausedJobOffersNoWork() {
        Job job = domain.job("edit");

        assertEquals(List.of(), WorkItem.of(job.with(b -> {
            b.closed = true;
            return b;
        })));
        assertEquals(List.of(), WorkItem.of(job.with(b -> {
            b.paused = true;
            return b;
        })));
        assertEquals(List.of(), WorkItem.of(null), "a deleted job");
    }

    @Test
    void aHeldStepIsStillWorkMarkedHeld() {
        Job job = domain.job(j -> j.with(b -> b.replaceStep(j.currentStep("edit").orElseThrow().held())), "edit");

        WorkItem item = only(WorkItem.of(job));

        assertTrue(item.held());
        assertEquals("Held", item.status());
    }

    @Test
    void finishingAStepRemovesItsWorkAndTheNextStepsWorkIsWritten() {
        Job atEdit = domain.job("edit");
        Job atQa = atEdit.with(b -> {
            b.removeStep("edit");
            b.currentSteps.add(CurrentStep.ready(domain.catalog.version(JobsInMemory.ITEM, JobsInMemory.DIAGRAM, 1).step("qa").orElseThrow(),
                    atEdit, domain.now()).assigned("User", "quinn"));
            return b;
        });

        WorkItem.Changes changes = WorkItem.between(atEdit, atQa);

        assertEquals(List.of("edit"), changes.removedStepIds());
        assertEquals(List.of("qa"), changes.put().stream().map(WorkItem::stepId).toList());
        assertEquals(atEdit.jobId(), changes.jobId());
    }

    @Test
    void aChangeThatLeavesTheWorkAsItWasWritesNoWorkRecord() {
        Job job = domain.job("edit");

        assertTrue(WorkItem.between(job, job.with(b -> {
            b.owedCalls.clear();
            return b;
        })).isEmpty());
    }

    @Test
    void reassigningRenamingOrClosingAJobRewritesOrRemovesItsWork() {
        Job job = domain.job("edit");
        Job reassigned = job.with(b -> b.replaceStep(job.currentStep("edit").orElseThrow().assigned("User", "eddie")));
        Job renamed = job.with(b -> {
            b.jobName = "Parcel 17";
            return b;
        });
        Job closed = job.with(b -> {
            b.closed = true;
            return b;
        });

        assertEquals("eddie", only(WorkItem.between(job, reassigned).put()).assignedTo());
        assertEquals("Parcel 17", only(WorkItem.between(job, renamed).put()).jobName());
        assertEquals(List.of("edit"), WorkItem.between(job, closed).removedStepIds());
        assertEquals(List.of("edit"), WorkItem.between(job, null).removedStepIds(), "a deleted job");
    }

    @Test
    void aJobCountsAsOverdueInItsWorkFromTheMomentItsClockPassesItsDueDate() {
        Job job = domain.due(domain.clock.instant().plus(Duration.ofDays(1)), "edit");

        WorkItem item = only(WorkItem.of(job));

        assertFalse(WorkQueue.overdue(item, domain.clock.instant()));
        assertTrue(WorkQueue.overdue(item, domain.clock.instant().plus(Duration.ofDays(2))));
        assertFalse(WorkQueue.overdue(only(WorkItem.of(domain.job("edit"))), Instant.parse("2999-01-01T00:00:00Z")), "no due date");
    }

    private static <T> T only(List<T> items) {
        assertEquals(1, items.size(), items.toString());
        return items.get(0);
    }
}
