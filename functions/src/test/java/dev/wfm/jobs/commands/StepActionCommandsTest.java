package dev.wfm.jobs.commands;

import static dev.wfm.jobs.JobsInMemory.EDITOR;
import static dev.wfm.jobs.JobsInMemory.MANAGER;
import static dev.wfm.jobs.JobsInMemory.SURVEYOR;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.wfm.common.Json;
import dev.wfm.common.Refusal;
import dev.wfm.execution.ExecutionContract.Receipt;
import dev.wfm.jobs.CurrentStep;
import dev.wfm.jobs.Dependency;
import dev.wfm.jobs.Job;
import dev.wfm.jobs.JobsInMemory;
import dev.wfm.jobs.OwedCall;
import dev.wfm.jobs.StepStatus;
import dev.wfm.jobs.actions.StepResponse;
import dev.wfm.jobs.events.HistoryEntry;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The step actions decided on a job in memory: each guard's refusal, and what an accepted action yields and records. */
class StepActionCommandsTest {
    private final JobsInMemory domain = new JobsInMemory();

    @Test
    void actingOnAStepThatIsNotCurrentIsRefusedNamingTheCurrentStepsAndChangesNothing() {
        Job job = domain.job("review");

        StepResponse refused = only(domain.act(job, MANAGER, "{\"type\": \"Finish\", \"stepId\": \"edit\"}"));

        assertRefused(refused, "STEP_NOT_CURRENT", Refusal.Kind.CONFLICT);
        assertEquals("Expected step 'edit' to be current, but the current steps are [review]. Use SetCurrentStep to return to it.",
                refused.message());
        assertUnchanged(job);
    }

    @Test
    void actingOnAStepTheDiagramDoesNotHaveIsRefusedAsUnknown() {
        Job job = domain.job("review");

        StepResponse refused = only(domain.act(job, MANAGER, "{\"type\": \"Run\", \"stepId\": \"nowhere\"}"));

        assertRefused(refused, "UNKNOWN_STEP", Refusal.Kind.NOT_FOUND);
        assertEquals("Diagram 'permits' version 1 has no step 'nowhere'.", refused.message());
    }

    @Test
    void aHeldStepCanBeNeitherRunNorFinished() {
        Job job = domain.job(j -> j.with(b -> b.replaceStep(j.currentStep("define").orElseThrow().held())), "define");

        assertRefused(only(domain.act(job, MANAGER, "{\"type\": \"Run\", \"stepId\": \"define\"}")), "STEP_HELD", Refusal.Kind.CONFLICT);
        assertRefused(only(domain.act(job, MANAGER, "{\"type\": \"Finish\", \"stepId\": \"define\"}")), "STEP_HELD", Refusal.Kind.CONFLICT);
        assertUnchanged(job);
    }

    @Test
    void aStepThatWaitsForAnotherJobsStepCannotRun() {
        Job job = domain.job(j -> j.with(b -> {
            b.dependencies.add(new Dependency("dep-1", "define", "job-0", "qa", domain.now(), "maria"));
            return b;
        }), "define");

        StepResponse refused = only(domain.act(job, MANAGER, "{\"type\": \"Run\", \"stepId\": \"define\"}"));

        assertRefused(refused, "STEP_DEPENDENT", Refusal.Kind.CONFLICT);
        assertEquals("Step 'define' waits for step 'qa' of job 'job-0' to finish. Finish that step or release the dependency.", refused.message());
    }

    @Test
    void aClosedJobsStepsAreRefusedEachByName() {
        Job job = domain.job(j -> j.with(b -> {
            b.closed = true;
            return b;
        }), "define");

        List<StepResponse> refused = domain.act(job, MANAGER, "{\"type\": \"Run\", \"stepIds\": [\"define\", \"review\"]}");

        assertEquals(List.of("define", "review"), refused.stream().map(StepResponse::stepId).toList());
        refused.forEach(response -> assertRefused(response, "JOB_CLOSED", Refusal.Kind.CONFLICT));
        assertEquals("Job '" + job.jobId() + "' is closed. Reopen it to act on its steps.", refused.get(0).message());
    }

    @Test
    void aPausedJobsStepsMayOnlyBeAssigned() {
        Job job = domain.job(j -> j.with(b -> {
            b.paused = true;
            return b;
        }), "define");

        assertRefused(only(domain.act(job, MANAGER, "{\"type\": \"Run\", \"stepId\": \"define\"}")), "JOB_PAUSED", Refusal.Kind.CONFLICT);
        StepResponse assigned = only(domain.act(job, MANAGER,
                "{\"type\": \"Assign\", \"stepId\": \"define\", \"assignedType\": \"User\", \"assignedTo\": \"eddie\"}"));

        assertTrue(assigned.success(), assigned.toString());
        assertEquals("eddie", domain.stored(job).currentStep("define").orElseThrow().assignedTo());
    }

    @Test
    void aWorkerMayNotFinishAStepAssignedToAGroupTheyAreNotIn() {
        Job job = domain.job("edit");

        StepResponse refused = only(domain.act(job, SURVEYOR, "{\"type\": \"Finish\", \"stepId\": \"edit\"}"));

        assertRefused(refused, "NOT_ASSIGNED", Refusal.Kind.PERMISSION_DENIED);
        assertEquals("Step 'edit' is assigned to Group 'editors', not to you. Ask a manager to reassign it.", refused.message());
        assertTrue(only(domain.act(job, EDITOR, "{\"type\": \"Finish\", \"stepId\": \"edit\"}")).success(), "the group's member may");
    }

    @Test
    void aQuestionIsFinishedOnlyWithOneOfItsAnswers() {
        Job job = domain.job("review");

        StepResponse refused = only(domain.act(job, MANAGER, "{\"type\": \"Finish\", \"stepId\": \"review\", \"returnCode\": \"maybe\"}"));

        assertRefused(refused, "INVALID_RETURN_CODE", Refusal.Kind.INVALID_ARGUMENT);
        assertEquals("Expected the answer to question step 'review' to be one of [yes, no], but got 'maybe'.", refused.message());
        assertRefused(only(domain.act(job, MANAGER, "{\"type\": \"Finish\", \"stepId\": \"review\"}")), "INVALID_RETURN_CODE",
                Refusal.Kind.INVALID_ARGUMENT);
    }

    @Test
    void anEndStepCannotBeMadeCurrent() {
        Job job = domain.job("review");

        StepResponse refused = only(domain.act(job, MANAGER, "{\"type\": \"SetCurrentStep\", \"stepId\": \"done\"}"));

        assertRefused(refused, "END_STEP", Refusal.Kind.INVALID_ARGUMENT);
        assertNull(refused.status());
    }

    @Test
    void settingTheCurrentStepAndAssigningNeedTheirPrivileges() {
        Job job = domain.job("edit");

        assertRefused(only(domain.act(job, EDITOR, "{\"type\": \"SetCurrentStep\", \"stepId\": \"define\"}")), "NOT_PERMITTED",
                Refusal.Kind.PERMISSION_DENIED);
        StepResponse assign = only(domain.act(job, EDITOR,
                "{\"type\": \"Assign\", \"stepId\": \"edit\", \"assignedType\": \"Unassigned\"}"));
        assertRefused(assign, "NOT_PERMITTED", Refusal.Kind.PERMISSION_DENIED);
        assertEquals("Assigning a step needs the privilege 'assignJobs' in this workflow item.", assign.message());
    }

    @Test
    void onlyAReadyStepCanBeStartedOnlyAWorkingOneStoppedOnlyAHeldOneReleased() {
        Job job = domain.job(j -> j.with(b -> b.replaceStep(j.currentStep("define").orElseThrow().withStatus(StepStatus.Working, domain.now()))),
                "define", "review");

        StepResponse run = only(domain.act(job, MANAGER, "{\"type\": \"Run\", \"stepId\": \"define\"}"));
        StepResponse stop = only(domain.act(job, MANAGER, "{\"type\": \"Stop\", \"stepId\": \"review\"}"));
        StepResponse release = only(domain.act(job, MANAGER, "{\"type\": \"ReleaseHold\", \"stepId\": \"review\"}"));

        assertRefused(run, "STEP_NOT_READY", Refusal.Kind.CONFLICT);
        assertEquals("Expected step 'define' to be Ready, but it is Working. Only a Ready step can be started.", run.message());
        assertRefused(stop, "STEP_NOT_WORKING", Refusal.Kind.CONFLICT);
        assertRefused(release, "STEP_NOT_HELD", Refusal.Kind.CONFLICT);
        assertEquals("Ready", release.status(), "a refusal answers the status the step has");
    }

    @Test
    void aHoldCannotBeScheduledToEndInThePast() {
        Job job = domain.job("define");

        StepResponse refused = only(domain.act(job, MANAGER, "{\"type\": \"Hold\", \"stepId\": \"define\", \"scheduledRelease\": \""
                + domain.clock.instant().minusSeconds(1) + "\"}"));

        assertRefused(refused, "INVALID_RELEASE", Refusal.Kind.INVALID_ARGUMENT);
    }

    @Test
    void finishingAQuestionAnswersItsTokenWithTheAnswerAndRecordsItWithTheTimeItTook() {
        Job job = domain.job("review");
        domain.clock.advance(Duration.ofSeconds(90));

        StepResponse finished = only(domain.act(job, EDITOR,
                "{\"type\": \"Finish\", \"stepId\": \"review\", \"returnCode\": \"yes\", \"comment\": \"fine\"}"));

        assertEquals(StepResponse.done("review", "Finished"), finished);
        Job stored = domain.stored(job);
        assertEquals(List.of(), stored.currentSteps());
        assertEquals(job.revision() + 1, stored.revision(), "one write: the sent answer is not cleared by a second");
        assertEquals(List.of("token-review"), stored.owedCalls().stream().map(OwedCall::taskToken).toList(),
                "the sent answer stays owed until the execution's next call brings its receipt");
        JsonNode answer = sentAnswer("token-review");
        assertEquals(List.of(new Receipt("review", job.revision() + 1)), Receipt.carried(answer), "the answer carries its receipt");
        assertEquals("yes", answer.path("returnCode").asText());
        assertEquals(job.revision() + 1, answer.path("job").path("revision").asLong(), "the job as the answer's change saved it");
        assertEquals(List.of(new HistoryEntry("StepFinished", "review", "eddie", domain.now(), 90L,
                Json.object().put("returnCode", "yes").put("comment", "fine"))), domain.history(job));
    }

    @Test
    void aFailedStepIsRetriedByRunAndSkippedByFinish() {
        Job failed = domain.job(j -> j.with(b -> b.replaceStep(failedStep(j, "define"))), "define");
        Job other = domain.job(j -> j.with(b -> b.replaceStep(failedStep(j, "define"))), "define");

        assertEquals("Working", only(domain.act(failed, MANAGER, "{\"type\": \"Run\", \"stepId\": \"define\"}")).status());
        assertEquals("Finished", only(domain.act(other, MANAGER, "{\"type\": \"Finish\", \"stepId\": \"define\", \"returnCode\": \"x\"}"))
                .status());

        assertEquals("retry", sentAnswer(tokenOf(failed)).path("decision").asText());
        JsonNode skip = sentAnswer(tokenOf(other));
        assertEquals(List.of("skip", "x"), List.of(skip.path("decision").asText(), skip.path("returnCode").asText()));
        assertEquals("StepRetried", domain.history(failed).get(0).action());
        assertEquals("StepSkipped", domain.history(other).get(0).action());
    }

    @Test
    void aHoldKeepsTheStatusItReleasesTheStepTo() {
        Job job = domain.job(j -> j.with(b -> b.replaceStep(j.currentStep("define").orElseThrow().withStatus(StepStatus.Working, domain.now()))),
                "define");
        String release = domain.clock.instant().plus(Duration.ofDays(1)).toString();

        domain.act(job, MANAGER, "{\"type\": \"Hold\", \"stepId\": \"define\", \"scheduledRelease\": \"" + release + "\", \"comment\": \"survey\"}");
        Job held = domain.stored(job);
        StepResponse released = only(domain.act(job, MANAGER, "{\"type\": \"ReleaseHold\", \"stepId\": \"define\", \"comment\": \"done\"}"));

        assertEquals(StepStatus.Held, held.currentStep("define").orElseThrow().status());
        assertEquals(release, held.holds().get(0).scheduledRelease());
        assertEquals("Working", released.status());
        assertEquals(List.of(), domain.stored(job).holds());
        List<HistoryEntry> history = domain.history(job);
        assertEquals(Json.object().put("scheduledRelease", release).put("comment", "survey"), history.get(0).details());
        assertEquals(List.of("StepHeld", "HoldReleased"), history.stream().map(HistoryEntry::action).toList());
    }

    @Test
    void anActionOnSeveralStepsChangesThoseItMayAndIsWrittenOnce() {
        Job job = domain.job(j -> j.with(b -> b.replaceStep(j.currentStep("archive").orElseThrow().held())), "publish", "archive");

        List<StepResponse> responses = domain.act(job, MANAGER, "{\"type\": \"Run\", \"stepIds\": [\"publish\", \"archive\"]}");

        assertTrue(responses.get(0).success());
        assertRefused(responses.get(1), "STEP_HELD", Refusal.Kind.CONFLICT);
        assertEquals(job.revision() + 1, domain.stored(job).revision());
        assertEquals(List.of("StepStarted"), domain.history(job).stream().map(HistoryEntry::action).toList());
    }

    @Test
    void aJobWithNoCurrentStepHasNothingToActOn() {
        Job job = domain.job();

        List<StepResponse> responses = domain.act(job, MANAGER, "{\"type\": \"Finish\"}");

        assertEquals(List.of(), responses);
        assertUnchanged(job);
    }

    @Test
    void assigningAStepRecordsWhoItGoesTo() {
        Job job = domain.job("define");

        domain.act(job, MANAGER, "{\"type\": \"Assign\", \"stepId\": \"define\", \"assignedType\": \"Group\", \"assignedTo\": \"field\", "
                + "\"comment\": \"theirs\"}");

        CurrentStep assigned = domain.stored(job).currentStep("define").orElseThrow();
        assertEquals(List.of("Group", "field"), List.of(assigned.assignedType(), assigned.assignedTo()));
        assertEquals(Json.object().put("assignedType", "Group").put("assignedTo", "field").put("comment", "theirs"),
                domain.history(job).get(0).details());
    }

    @Test
    void settingTheCurrentStepReplacesTheExecutionWithOneThatStartsThere() {
        Job job = domain.job("review");

        StepResponse set = only(domain.act(job, MANAGER, "{\"type\": \"SetCurrentStep\", \"stepId\": \"qa\"}"));

        assertEquals(StepResponse.done("qa", "Ready"), set);
        Job stored = domain.stored(job);
        assertEquals(List.of("qa"), stored.currentSteps().stream().map(CurrentStep::stepId).toList());
        assertEquals(List.of(job.executionArn()), domain.sfn.stops.stream().map(stop -> stop.executionArn()).toList());
        assertEquals("qa", read(domain.sfn.starts.get(0).input()).path("resumeAt").asText());
        assertEquals(List.of(new HistoryEntry("CurrentStepSet", "qa", "maria", domain.now(), null, null)), domain.history(job));
    }

    @Test
    void aRefreshFindingTheExecutionEndedStartsOneThatEntersEveryCurrentStepAsItWas() {
        Job job = domain.job("edit", "review");
        domain.sfn.executionStatus = "FAILED";

        List<StepResponse> responses = domain.act(job, MANAGER, "{\"type\": \"RefreshStatus\"}");

        assertEquals(List.of(StepResponse.done("edit", "Ready"), StepResponse.done("review", "Ready")), responses);
        assertEquals(2, domain.stored(job).executionSeq());
        HistoryEntry restarted = domain.history(job).get(0);
        assertEquals(List.of("ExecutionRestarted", "edit"), List.of(restarted.action(), restarted.stepId()));
        assertEquals(Json.object().put("previousExecutionStatus", "FAILED"), restarted.details());
    }

    /** The step as it is when no path out of it matched: Failed, for a person to decide. */
    private CurrentStep failedStep(Job job, String stepId) {
        return CurrentStep.failed(domain.catalog.step(job, stepId).orElseThrow(), job, tokenOf(job), domain.now(), "No path matched.");
    }

    private static String tokenOf(Job job) {
        return "failed-" + job.jobId();
    }

    private JsonNode sentAnswer(String token) {
        return domain.sfn.answers.stream().filter(answer -> answer.taskToken().equals(token)).map(answer -> read(answer.output()))
                .findFirst().orElseThrow(() -> new AssertionError("no answer to " + token + " in " + domain.sfn.answers));
    }

    private static JsonNode read(String json) {
        return JobsInMemory.json(json);
    }

    private void assertUnchanged(Job job) {
        assertEquals(job, domain.stored(job), "nothing written");
        assertEquals(List.of(), domain.history(job));
    }

    private static StepResponse only(List<StepResponse> responses) {
        assertEquals(1, responses.size(), responses.toString());
        return responses.get(0);
    }

    private static void assertRefused(StepResponse response, String code, Refusal.Kind kind) {
        assertFalse(response.success(), response.toString());
        assertEquals(List.of(code, kind.name()), List.of(response.code(), response.kind().name()), response.toString());
    }
}
