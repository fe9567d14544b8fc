package dev.wfm.jobs;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.wfm.common.Json;
import dev.wfm.execution.ExecutionContract.StepDone;
import dev.wfm.execution.ExecutionContract.TokenKind;
import java.util.List;
import org.junit.jupiter.api.Test;

/** What a restarted execution is asked to enter, and how the job meets the execution entering its steps. */
class JobRestartTest {
    private static final String MACHINE = "arn:aws:states:us-east-1:000000000000:stateMachine:m";
    private static final CurrentStep WORKING = step("a1", StepStatus.Working, TokenKind.STEP, "token-a1").assigned("User", "amy");
    private static final CurrentStep HELD = step("b1", StepStatus.Ready, TokenKind.STEP, "token-b1").held();
    private static final CurrentStep FAILED = step("c1", StepStatus.Failed, TokenKind.DECISION, "token-c1");

    @Test
    void aRestartEntersEveryCurrentStepAsItWasTheFirstAsResumeAtAndFailedStepsAtTheirDecision() {
        Job restarted = job(List.of(WORKING, HELD, FAILED), List.of()).with(b -> b.restart(Json.object()));

        assertEquals(List.of(WORKING.withToken(null), HELD.withToken(null), FAILED.withToken(null)), restarted.currentSteps());
        assertEquals(OwedCall.Kind.StopExecution, restarted.owedCalls().get(0).kind());
        JsonNode input = restarted.owedCalls().get(1).input();
        assertEquals("a1", input.path("resumeAt").asText());
        assertEquals(Json.MAPPER.valueToTree(List.of("b1", "c1")), input.path("resumeAlso"));
        assertEquals(Json.MAPPER.valueToTree(List.of("c1")), input.path("resumeFailed"));
        assertEquals(Job.executionArn(MACHINE, "job-2"), restarted.executionArn());
    }

    @Test
    void anAnswerTheStoppedExecutionNeverGotWaitsForTheTokenOfTheNextOneAndIsSentWithIt() {
        CurrentStep finished = step("a0", StepStatus.Ready, TokenKind.STEP, "token-a0");
        Job owing = job(List.of(HELD), List.of(OwedCall.success(finished, new StepDone("yes", Json.object()))));

        Job restarted = owing.with(b -> b.restart(Json.object()));

        assertEquals(List.of("b1", "a0"), restarted.stepsToEnter());
        OwedCall answer = restarted.owedCalls().get(0);
        assertTrue(answer.awaitsToken(), "not made until a0 is entered: " + answer);
        Job entered = restarted.entered("a0", "token-new", TokenKind.STEP).orElseThrow();
        assertEquals("token-new", entered.owedCalls().get(0).taskToken());
        assertEquals("yes", entered.owedCalls().get(0).output().path("returnCode").asText());
        assertEquals(restarted.currentSteps(), entered.currentSteps(), "a0 is done: it does not become current again");
    }

    @Test
    void aStepTheJobShowsTakesTheTokenOfTheExecutionEnteringItAndKeepsItsState() {
        Job restarted = job(List.of(WORKING, HELD), List.of()).with(b -> b.restart(Json.object()));

        Job entered = restarted.entered("b1", "token-new", TokenKind.STEP).orElseThrow();

        assertEquals(HELD.withToken("token-new"), entered.currentStep("b1").orElseThrow());
        assertTrue(restarted.entered("b1", "token-new", TokenKind.DECISION).isEmpty(), "another kind of task is another step");
        assertTrue(restarted.entered("zz", "token-new", TokenKind.STEP).isEmpty(), "a step new to the job");
    }

    @Test
    void onlyAChangeToWhatAnUpdateSetsMovesThePropertiesRevision() {
        Job job = job(List.of(WORKING), List.of());

        Job bookkeeping = job.with(b -> b.replaceStep(WORKING.withToken("another"))).savedAfter(job, false, "2026-01-01T00:00:01Z");
        Job renamed = job.with(b -> {
            b.jobName = "Renamed";
            return b;
        }).savedAfter(job, false, "2026-01-01T00:00:01Z");
        Job related = job.savedAfter(job, true, "2026-01-01T00:00:01Z");

        assertEquals(List.of(4L, 3L), List.of(bookkeeping.revision(), bookkeeping.propertiesRevision()));
        assertEquals(List.of(4L, 4L), List.of(renamed.revision(), renamed.propertiesRevision()));
        assertEquals(4L, related.propertiesRevision());
    }

    @Test
    void aJobStoredBeforeThePropertiesRevisionExistedTakesItsRevisionForIt() throws Exception {
        ObjectNode stored = Json.MAPPER.valueToTree(job(List.of(), List.of()));
        stored.remove("propertiesRevision");

        assertEquals(3L, Json.MAPPER.treeToValue(stored, Job.class).propertiesRevision(), "every write counts, as it did then");
    }

    @Test
    void aJobClosedBeforeStepsWereKeptWholeReadsTheStepsItClosedAtByTheirIds() throws Exception {
        ObjectNode stored = Json.MAPPER.valueToTree(job(List.of(), List.of()));
        stored.putArray("resumeSteps").add("review");

        CurrentStep kept = Json.MAPPER.treeToValue(stored, Job.class).resumeSteps().get(0);

        assertEquals("review", kept.stepId());
        assertTrue(kept.idOnly());
    }

    private static Job job(List<CurrentStep> current, List<OwedCall> owed) {
        return new Job("item", "job", "Job", "tmpl", "diag", 1, MACHINE, Job.executionArn(MACHINE, "job-1"), 1, "Medium", "New",
                false, false, "Unassigned", null, null, null, null, "admin", "2026-01-01T00:00:00Z", "2026-01-01T00:00:00Z", 3,
                current, List.of(), owed, List.of(), List.of(), null);
    }

    private static CurrentStep step(String stepId, StepStatus status, TokenKind tokenKind, String token) {
        return new CurrentStep(stepId, stepId.toUpperCase(), "manual", status, "Unassigned", null, token, tokenKind,
                "2026-01-01T00:00:00Z", null, null, null, null, null, null);
    }
}
