package dev.wfm.jobs.runtime;

import static dev.wfm.jobs.JobsInMemory.MANAGER;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.wfm.common.Json;
import dev.wfm.config.Lookup;
import dev.wfm.execution.ExecutionContract.TokenKind;
import dev.wfm.jobs.CurrentStep;
import dev.wfm.jobs.Job;
import dev.wfm.jobs.JobCommand;
import dev.wfm.jobs.JobRepository.ParentLink;
import dev.wfm.jobs.JobsInMemory;
import dev.wfm.jobs.OwedCall;
import dev.wfm.jobs.StepStatus;
import dev.wfm.jobs.actions.StepResponse;
import dev.wfm.jobs.commands.CloseJob;
import dev.wfm.jobs.commands.PauseJob;
import dev.wfm.jobs.commands.RecordOutcome;
import dev.wfm.jobs.commands.ReopenJob;
import dev.wfm.jobs.commands.ResumeJob;
import dev.wfm.jobs.commands.StartAutomatedStep.Start;
import dev.wfm.jobs.commands.StartAutomatedStep;
import dev.wfm.jobs.events.HistoryEntry;
import dev.wfm.jobs.events.JobEvent.WebRequestFinished;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Automated steps the worker runs, in memory: current (Working) from the moment it starts one
 * until its outcome is written or its failure told, kept by every restart for the next execution
 * to run again as the same visit; and createJob steps that wait for their child across restarts,
 * pauses and closes.
 */
class RunningAutomatedStepsTest {
    private static final Lookup STATUSES = new Lookup("jobStatuses", 1,
            List.of(new Lookup.Value("New", "New", 1), new Lookup.Value("Closed", "Closed", 2)), "New", "Closed");

    private final JobsInMemory domain = new JobsInMemory();

    @Test
    void aWebRequestIsCurrentAndWorkingFromItsStartUntilItsOutcomeWithOnlyTheOutcomeInTheHistory() {
        Job job = domain.job("archive");

        Start started = start(job, job.executionArn(), "notify", null);

        CurrentStep running = assertInstanceOf(StartAutomatedStep.Run.class, started).step();
        assertEquals(running, domain.stored(job).currentStep("notify").orElseThrow());
        assertEquals(List.of(StepStatus.Working, domain.now(), domain.now()), List.of(running.status(), running.since(), running.started()));
        assertNull(running.taskToken());
        assertEquals(List.of(), domain.history(job), "starting is no history entry: the outcome is");

        assertTrue(finished(job, job.executionArn()));

        assertEquals(List.of("archive"), stepIds(domain.stored(job)));
        assertEquals(List.of("StepFinished"), domain.history(job).stream().map(HistoryEntry::action).toList());
    }

    @Test
    void aRetryOfTheSameRunAddsNoStepWritesNothingAndKeepsTheVisit() {
        Job job = domain.job("archive");
        CurrentStep first = ((StartAutomatedStep.Run) start(job, job.executionArn(), "notify", null)).step();
        Job afterFirst = domain.stored(job);
        domain.clock.advance(Duration.ofSeconds(5));

        Start retried = start(job, job.executionArn(), "notify", null);

        assertEquals(new StartAutomatedStep.Run(first), retried);
        assertEquals(afterFirst, domain.stored(job), "nothing written");
        assertEquals(List.of(), domain.history(job));
    }

    @Test
    void aPausedAndResumedJobKeepsTheRunningStepForTheNewExecutionToRunAgainAsTheSameVisit() {
        Job job = domain.job("archive");
        CurrentStep running = ((StartAutomatedStep.Run) start(job, job.executionArn(), "notify", null)).step();
        run(job, new PauseJob(MANAGER));

        assertFalse(finished(job, job.executionArn()), "the paused execution's answer is not recorded");
        assertEquals(List.of("archive", "notify"), stepIds(domain.stored(job)));
        run(job, new ResumeJob(MANAGER));
        Job resumed = domain.stored(job);

        JsonNode input = JobsInMemory.json(domain.sfn.starts.get(0).input());
        assertEquals(List.of("archive", "notify"), List.of(input.path("resumeAt").asText(), input.path("resumeAlso").path(0).asText()));
        assertTrue(input.path("resumeFailed").isMissingNode(), "a running step is run again, not a failed one");
        assertEquals(new StartAutomatedStep.Run(running), start(job, resumed.executionArn(), "notify", null), "the same visit");
        assertFalse(finished(job, job.executionArn()), "nor is the stopped execution's answer after the resume");
        assertTrue(finished(job, resumed.executionArn()));
        assertEquals(List.of("archive"), stepIds(domain.stored(job)));
        assertEquals(List.of("JobPaused", "JobResumed", "StepFinished"), actions(job));
    }

    @Test
    void aRefreshAfterTheExecutionWasLostStartsOneThatRunsTheStepAgain() {
        Job job = domain.job("archive");
        start(job, job.executionArn(), "notify", null);
        domain.sfn.executionStatus = "ABORTED";

        domain.act(job, MANAGER, "{\"type\": \"RefreshStatus\"}");

        JsonNode input = JobsInMemory.json(domain.sfn.starts.get(0).input());
        assertEquals("notify", input.path("resumeAlso").path(0).asText());
        assertEquals(StepStatus.Working, domain.stored(job).currentStep("notify").orElseThrow().status());
    }

    @Test
    void aCallFromAnExecutionThatIsNotTheJobsOrToAClosedJobRunsNothingAndWritesNothing() {
        Job job = domain.job("archive");
        Job closed = domain.job("archive");
        run(closed, new CloseJob(MANAGER, "Closed"));
        Job closedStored = domain.stored(closed);

        assertInstanceOf(StartAutomatedStep.Ignored.class, start(job, job.executionArn() + "-old", "notify", null));
        assertInstanceOf(StartAutomatedStep.Ignored.class, start(closed, closed.executionArn(), "notify", null));

        assertEquals(job, domain.stored(job));
        assertEquals(closedStored, domain.stored(closed));
    }

    @Test
    void aRunningStepThatFailsIsFailedForAPersonToDecide() {
        Job job = domain.job("archive");
        start(job, job.executionArn(), "notify", null);
        ObjectNode failed = Json.object().put("action", "failed").put("itemId", job.itemId()).put("jobId", job.jobId())
                .put("stepId", "notify").put("executionArn", job.executionArn()).put("taskToken", "decide");
        failed.putObject("error").put("Error", "States.Timeout").put("Cause", "");

        assertEquals("Failed", domain.activation.handle(failed).path("outcome").asText());

        CurrentStep step = domain.stored(job).currentStep("notify").orElseThrow();
        assertEquals(List.of(StepStatus.Failed, TokenKind.DECISION, "decide"), List.of(step.status(), step.tokenKind(), step.taskToken()));
        assertEquals(List.of("StepFailed"), actions(job));
    }

    @Test
    void aPersonCanNeitherRunStopFinishNorHoldAStepTheWorkerIsRunning() {
        Job job = domain.job("archive");
        start(job, job.executionArn(), "notify", null);
        Job running = domain.stored(job);

        for (String type : List.of("Run", "Stop", "Finish", "Hold")) {
            List<StepResponse> responses = domain.act(job, MANAGER, "{\"type\": \"" + type + "\", \"stepIds\": [\"notify\"]}");
            assertEquals(List.of("STEP_RUNNING"), responses.stream().map(StepResponse::code).toList(), type);
        }
        assertEquals(running, domain.stored(job), "nothing written");
        assertTrue(domain.act(job, MANAGER, "{\"type\": \"Finish\", \"stepIds\": [\"notify\"]}").get(0).message()
                .startsWith("Expected step 'notify' to wait for a person, but it is running by itself"));
    }

    @Test
    void aWaitingCreateJobStepThatARestartKeptTakesTheNewTokenAndCreatesNothing() {
        Job job = domain.job("spawn");
        CurrentStep waiting = job.currentStep("spawn").orElseThrow();
        domain.jobs.linkParent(job.itemId(), "child-1", new ParentLink(job.jobId(), "spawn", waiting.since(), null));
        run(job, new PauseJob(MANAGER));
        run(job, new ResumeJob(MANAGER));
        Job resumed = domain.stored(job);

        Start started = start(job, resumed.executionArn(), "spawn", "token-2");
        domain.parents.childClosed(job.itemId(), "child-1");

        assertInstanceOf(StartAutomatedStep.Waiting.class, started);
        assertEquals(List.of("token-2"), domain.sfn.answers.stream().map(answer -> answer.taskToken()).toList(),
                "the child's close answers the live token");
        assertEquals("closed", JobsInMemory.json(domain.sfn.answers.get(0).output()).path("returnCode").asText());
        assertEquals(List.of("JobPaused", "JobResumed", "ChildJobClosed"), actions(job));
    }

    @Test
    void aChildThatClosesWhileItsParentIsPausedLeavesItsAnswerForTheExecutionThatResumesIt() {
        Job job = linkedAtSpawn();
        run(job, new PauseJob(MANAGER));

        domain.parents.childClosed(job.itemId(), "child-1");

        Job paused = domain.stored(job);
        assertEquals(List.of(), paused.currentSteps());
        OwedCall owed = paused.owedCalls().stream().filter(OwedCall::answersStep).findFirst().orElseThrow();
        assertEquals(List.of("spawn", TokenKind.CHILD), List.of(owed.stepId(), owed.tokenKind()));
        assertNull(owed.taskToken(), "the paused execution's token is dead");
        assertEquals(List.of(), domain.sfn.answers);
        assertAnsweredOnceEnteredAgain(job, new ResumeJob(MANAGER));
    }

    @Test
    void aChildThatClosesWhileItsParentIsClosedFinishesTheStepWhenTheParentIsReopened() {
        Job job = linkedAtSpawn();
        run(job, new CloseJob(MANAGER, "Closed"));

        domain.parents.childClosed(job.itemId(), "child-1");

        assertEquals(List.of(), domain.stored(job).resumeSteps(), "no longer a step to reopen at");
        assertEquals(List.of(), domain.sfn.answers);
        assertAnsweredOnceEnteredAgain(job, new ReopenJob(MANAGER, STATUSES, null, domain.catalog));
    }

    @Test
    void aChildThatClosesBeforeItsParentsStepWaitsForItIsAnsweredAsSoonAsItWaits() {
        Job job = domain.job("archive");
        CurrentStep running = ((StartAutomatedStep.Run) start(job, job.executionArn(), "spawn", "token-spawn")).step();
        String child = closedChild().jobId();

        domain.parents.waitFor(domain.stored(job), job.executionArn(), running, "token-spawn", child);

        assertEquals(List.of("token-spawn"), domain.sfn.answers.stream().map(answer -> answer.taskToken()).toList());
        assertEquals(List.of("archive"), stepIds(domain.stored(job)));
        assertEquals(List.of("ChildJobCreated", "WaitingForChildJob", "ChildJobClosed"), actions(job));
    }

    @Test
    void aCreateJobStepWaitsForItsChildAsTheVisitItStartedAndALaterVisitIsANewOne() {
        Job job = domain.job("archive");
        CurrentStep running = ((StartAutomatedStep.Run) start(job, job.executionArn(), "spawn", "token-spawn")).step();

        domain.parents.waitFor(domain.stored(job), job.executionArn(), running, "token-spawn", "child-1");

        CurrentStep waiting = domain.stored(job).currentStep("spawn").orElseThrow();
        assertEquals(List.of(StepStatus.Working, TokenKind.CHILD, "token-spawn", running.since()),
                List.of(waiting.status(), waiting.tokenKind(), waiting.taskToken(), waiting.since()));
        assertEquals(List.of("ChildJobCreated", "WaitingForChildJob"), actions(job));
        assertEquals(new ParentLink(job.jobId(), "spawn", running.since(), null), domain.jobs.parentsOf(job.itemId(), List.of("child-1"))
                .get("child-1"));
        domain.parents.childClosed(job.itemId(), "child-1");
        domain.clock.advance(Duration.ofMinutes(1));
        Start again = start(job, job.executionArn(), "spawn", "token-again");
        assertNotEquals(running.since(), ((StartAutomatedStep.Run) again).step().since(), "reached again: a new visit");
    }

    @Test
    void aLinkWrittenBeforeVisitsWereNamedStillFinishesTheStepWaitingOnItsToken() {
        Job job = domain.job("spawn");
        domain.jobs.linkParent(job.itemId(), "child-1", new ParentLink(job.jobId(), "spawn", null, "token-spawn"));

        domain.parents.childClosed(job.itemId(), "child-1");

        assertEquals(List.of("token-spawn"), domain.sfn.answers.stream().map(answer -> answer.taskToken()).toList());
    }

    /** The job's new execution (after {@code restart}) enters spawn: the answer the closed child left is sent with its token. */
    private void assertAnsweredOnceEnteredAgain(Job job, JobCommand<?> restart) {
        run(job, restart);
        Job again = domain.stored(job);
        assertEquals("spawn", JobsInMemory.json(domain.sfn.starts.get(0).input()).path("resumeAt").asText());

        assertInstanceOf(StartAutomatedStep.Waiting.class, start(job, again.executionArn(), "spawn", "token-2"));

        assertEquals(List.of("token-2"), domain.sfn.answers.stream().map(answer -> answer.taskToken()).toList());
        assertEquals("child-1", JobsInMemory.json(domain.sfn.answers.get(0).output()).path("result").path("jobId").asText());
        assertTrue(actions(job).contains("ChildJobClosed"));
    }

    /** A job at spawn waiting for child-1, linked by the step's visit. */
    private Job linkedAtSpawn() {
        Job job = domain.job("spawn");
        domain.jobs.linkParent(job.itemId(), "child-1", new ParentLink(job.jobId(), "spawn", job.currentStep("spawn").orElseThrow().since(), null));
        return job;
    }

    private Job closedChild() {
        return domain.job(child -> child.with(b -> {
            b.closed = true;
            return b;
        }));
    }

    private Start start(Job job, String executionArn, String stepId, String token) {
        return domain.unitOfWork.run(job.itemId(), job.jobId(), new StartAutomatedStep(executionArn,
                domain.catalog.step(job, stepId).orElseThrow(), token, token == null ? null : TokenKind.CHILD)).answer();
    }

    /** The worker records that notify was answered, for {@code executionArn}; whether it was recorded. */
    private boolean finished(Job job, String executionArn) {
        return domain.unitOfWork.run(job.itemId(), job.jobId(), new RecordOutcome(executionArn, new WebRequestFinished("notify", "system",
                domain.clock.instant(), "POST https://example.org/notify", 200, "200", Duration.ofMillis(40), 1, null))).answer();
    }

    private void run(Job job, JobCommand<?> command) {
        domain.unitOfWork.run(job.itemId(), job.jobId(), command);
    }

    private List<String> actions(Job job) {
        return domain.history(job).stream().map(HistoryEntry::action).toList();
    }

    private static List<String> stepIds(Job job) {
        return job.currentSteps().stream().map(CurrentStep::stepId).toList();
    }
}
