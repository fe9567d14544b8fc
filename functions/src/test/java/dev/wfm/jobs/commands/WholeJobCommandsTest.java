package dev.wfm.jobs.commands;

import static dev.wfm.jobs.JobsInMemory.MANAGER;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.wfm.common.Json;
import dev.wfm.config.Assignment;
import dev.wfm.config.Lookup;
import dev.wfm.jobs.Closure;
import dev.wfm.jobs.CurrentStep;
import dev.wfm.jobs.Decision;
import dev.wfm.jobs.Job;
import dev.wfm.jobs.JobCommand;
import dev.wfm.jobs.JobsInMemory;
import dev.wfm.jobs.StepStatus;
import dev.wfm.jobs.events.HistoryEntry;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The whole-job commands decided on jobs in memory: each guard's refusal, and what an accepted one yields. */
class WholeJobCommandsTest {
    private static final Lookup STATUSES = new Lookup("jobStatuses", 1,
            List.of(new Lookup.Value("New", "New", 1), new Lookup.Value("Closed", "Closed", 2)), "New", "Closed");

    private final JobsInMemory domain = new JobsInMemory();

    @Test
    void closingKeepsTheStepsAsideStopsTheExecutionAndRecordsWhoClosedIt() {
        Job job = domain.job("review");

        assertInstanceOf(Decision.Accepted.class, run(job, new CloseJob(MANAGER, "Closed")));

        Job closed = domain.stored(job);
        assertTrue(closed.closed());
        assertEquals("Closed", closed.jobStatus());
        assertEquals(new Closure("maria", domain.now(), "New"), closed.closure());
        assertEquals(List.of("review"), closed.resumeSteps().stream().map(CurrentStep::stepId).toList());
        assertEquals(List.of(job.executionArn()), domain.sfn.stops.stream().map(stop -> stop.executionArn()).toList());
        assertEquals(List.of(new HistoryEntry("JobClosed", null, "maria", domain.now(), null, null)), domain.history(job));
    }

    @Test
    void aClosedJobIsNotClosedAgain() {
        Job job = closed(domain.job("review"));

        assertRejected(run(job, new CloseJob(MANAGER, "Closed")), "JOB_CLOSED", "Job '" + job.jobId() + "' is closed already.");
    }

    @Test
    void onlyAClosedJobIsReopenedAndOnlyAtAStepOfItsDiagram() {
        Job open = domain.job("review");
        Job closed = closed(domain.job("review"));

        assertRejected(run(open, new ReopenJob(MANAGER, STATUSES, null, domain.catalog)), "JOB_NOT_CLOSED",
                "Job '" + open.jobId() + "' is open; only a closed job can be reopened.");
        assertRejected(run(closed, new ReopenJob(MANAGER, STATUSES, "nowhere", domain.catalog)), "UNKNOWN_STEP",
                "Job '" + closed.jobId() + "' has no step 'nowhere' to reopen at.");
    }

    @Test
    void aReopenedJobIsWhereItClosedWithTheStatusItHad() {
        Job job = closed(domain.job("review"));

        run(job, new ReopenJob(MANAGER, STATUSES, null, domain.catalog));

        Job reopened = domain.stored(job);
        assertFalse(reopened.closed());
        assertEquals("New", reopened.jobStatus());
        assertEquals(List.of("review"), reopened.currentSteps().stream().map(CurrentStep::stepId).toList());
        assertEquals(new HistoryEntry("JobReopened", "review", "maria", domain.now(), null, null), domain.history(job).get(1));
    }

    @Test
    void onlyAnOpenRunningJobIsPausedAndOnlyAPausedOneResumed() {
        Job closed = closed(domain.job("review"));
        Job running = domain.job("review");

        assertRejected(run(closed, new PauseJob(MANAGER)), "JOB_CLOSED", "Job '" + closed.jobId() + "' is closed.");
        assertRejected(run(running, new ResumeJob(MANAGER)), "JOB_NOT_PAUSED", "Job '" + running.jobId() + "' is not paused.");
        run(running, new PauseJob(MANAGER));
        assertRejected(run(running, new PauseJob(MANAGER)), "JOB_PAUSED", "Job '" + running.jobId() + "' is paused already.");
    }

    @Test
    void aResumedJobsNewExecutionEntersTheStepsItWasAt() {
        Job job = domain.job("edit", "review");
        run(job, new PauseJob(MANAGER));

        run(job, new ResumeJob(MANAGER));

        Job resumed = domain.stored(job);
        assertFalse(resumed.paused());
        assertEquals(2, resumed.executionSeq());
        assertEquals(List.of("JobPaused", "JobResumed"), domain.history(job).stream().map(HistoryEntry::action).toList());
        var input = JobsInMemory.json(domain.sfn.starts.get(0).input());
        assertEquals(List.of("edit", "review"), List.of(input.path("resumeAt").asText(), input.path("resumeAlso").path(0).asText()));
    }

    @Test
    void aClosedJobIsNotUpgraded() {
        Job job = closed(domain.job("review"));
        domain.publish("/jobs/renamed.json");

        assertRejected(run(job, new UpgradeJob(MANAGER, domain.catalog)), "JOB_CLOSED", "Job '" + job.jobId() + "' is closed.");
    }

    @Test
    void aJobAtTheLatestVersionIsLeftAsItIs() {
        Job job = domain.job("review");

        assertInstanceOf(Decision.Unchanged.class, run(job, new UpgradeJob(MANAGER, domain.catalog)));
        assertEquals(job, domain.stored(job));
    }

    @Test
    void aJobAtAStepTheLatestVersionLacksIsNotUpgraded() {
        Job job = domain.job("edit");
        domain.publish("/jobs/without-edit.json");

        assertRejected(run(job, new UpgradeJob(MANAGER, domain.catalog)), "STEP_NOT_IN_VERSION", "Job '" + job.jobId()
                + "' is at [edit], which version 2 of diagram 'permits' does not have. Set another current step first.");
    }

    @Test
    void aJobAtAStepTheLatestVersionAutomatesIsNotUpgraded() {
        Job job = domain.job("edit");
        domain.publish("/jobs/automated-edit.json");

        assertRejected(run(job, new UpgradeJob(MANAGER, domain.catalog)), "STEP_CHANGED_IN_VERSION", "Job '" + job.jobId()
                + "' is at [edit], which version 2 of diagram 'permits' turns between a person's and an automated step. "
                + "Set another current step first.");
    }

    @Test
    void aJobAtStepsTheLatestVersionCannotHaveCurrentTogetherIsNotUpgraded() {
        Job job = domain.job("define", "review");
        domain.publish("/jobs/renamed.json");

        Decision<Void> refused = run(job, new UpgradeJob(MANAGER, domain.catalog));

        assertEquals("STEPS_APART_IN_VERSION", refused.rejection().orElseThrow().code());
    }

    @Test
    void anUpgradedJobKeepsItsStepsAsTheNewVersionNamesThem() {
        Job job = domain.job(j -> j.with(b -> b.replaceStep(j.currentStep("review").orElseThrow().withStatus(StepStatus.Working, domain.now()))),
                "review");
        domain.publish("/jobs/renamed.json");

        run(job, new UpgradeJob(MANAGER, domain.catalog));

        Job upgraded = domain.stored(job);
        CurrentStep review = upgraded.currentStep("review").orElseThrow();
        assertEquals(List.of(2, "Review the request", StepStatus.Working), List.of(upgraded.diagramVersion(), review.stepName(), review.status()));
        assertEquals(Json.object().put("fromVersion", 1).put("toVersion", 2), domain.history(job).get(0).details());
        assertTrue(domain.sfn.starts.get(0).stateMachineArn().endsWith("permits-2"));
    }

    @Test
    void anUpdateReadBeforeAChangeToWhatItSetsIsStaleButTheJobsOwnBookkeepingIsNoConflict() {
        Job job = domain.job("review");
        Job bookkept = job.with(b -> b.replaceStep(job.currentStep("review").orElseThrow().withToken("newer"))).savedAfter(job, false, domain.now());
        domain.jobs.put(bookkept);

        assertInstanceOf(Decision.Accepted.class, run(job, update(job.revision(), null, "Renamed")));
        Decision<Void> stale = run(job, update(job.revision(), null, "Again"));

        assertRejected(stale, "STALE_REVISION", "Job '" + job.jobId() + "' was changed at revision 3, after revision 1 that you read. "
                + "Read it again and reapply your change.");
        assertRejected(run(job, update(9, null, "Later")), "STALE_REVISION", "Job '" + job.jobId() + "' is at revision 3, before 9. "
                + "Read it again and reapply your change.");
    }

    @Test
    void aClosedJobIsNotUpdated() {
        Job job = closed(domain.job("review"));

        assertRejected(run(job, update(job.revision(), null, "Renamed")), "JOB_CLOSED",
                "Job '" + job.jobId() + "' is closed. Reopen it to change it.");
    }

    @Test
    void aJobIsUpdatedWhileAStepWorksOnlyWhenTheCallerNamesIt() {
        Job job = domain.job(j -> j.with(b -> b.replaceStep(j.currentStep("review").orElseThrow().withStatus(StepStatus.Working, domain.now()))),
                "review");

        assertRejected(run(job, update(job.revision(), null, "Renamed")), "STEP_WORKING",
                "Steps [review] are Working; name the step in allowRunningStepId to update the job while it runs.");
        run(job, update(job.revision(), "review", "Renamed"));

        assertEquals("Renamed", domain.stored(job).jobName());
        assertEquals("JobUpdated", domain.history(job).get(0).action());
    }

    @Test
    void aWebRequestInFlightDoesNotHoldUpAnUpdate() {
        Job job = domain.job(j -> j.with(b -> b.replaceStep(CurrentStep.running(domain.catalog.step(j, "notify").orElseThrow(), j, domain.now()))), "notify");

        run(job, update(job.revision(), null, "Renamed"));

        assertEquals("Renamed", domain.stored(job).jobName());
    }

    @Test
    void anUpdateThatChangesTheAssignmentSaysSoAfterTheUpdateAndOneThatKeepsItDoesNot() {
        Job job = domain.job("review");

        run(job, assign(job.revision(), new Assignment(Assignment.Type.Group, "editors")));
        Job assigned = domain.stored(job);
        run(assigned, assign(assigned.revision(), new Assignment(Assignment.Type.Group, "editors")));

        assertEquals(List.of("JobUpdated", "JobAssigned", "JobUpdated"), domain.history(job).stream().map(HistoryEntry::action).toList());
        assertEquals(Json.object().put("assignedType", "Group").put("assignedTo", "editors"), domain.history(job).get(1).details());
    }

    private Job closed(Job job) {
        run(job, new CloseJob(MANAGER, "Closed"));
        return domain.stored(job);
    }

    private UpdateJob update(long revision, String allowRunning, String jobName) {
        return new UpdateJob(MANAGER, revision, allowRunning, new UpdateJob.Changes(jobName, null, null, null, null, null, null, null, null),
                null, domain.jobs);
    }

    private UpdateJob assign(long revision, Assignment assignment) {
        return new UpdateJob(MANAGER, revision, null, new UpdateJob.Changes(null, null, null, null, null, null, assignment, null, null),
                null, domain.jobs);
    }

    private <A> Decision<A> run(Job job, JobCommand<A> command) {
        return domain.unitOfWork.run(job.itemId(), job.jobId(), command);
    }

    private void assertRejected(Decision<?> decision, String code, String message) {
        var rejection = decision.rejection().orElseThrow(() -> new AssertionError("accepted: " + decision));
        assertEquals(List.of(code, message), List.of(rejection.code(), rejection.message()));
        assertNull(decision.answer());
    }
}
