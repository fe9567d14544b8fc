package dev.wfm.jobs;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.wfm.common.Json;
import dev.wfm.execution.ExecutionContract.StepDone;
import dev.wfm.execution.ExecutionContract.TokenKind;
import dev.wfm.jobs.events.JobEvent.StepBecameCurrent;
import dev.wfm.jobs.events.JobEvent;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** The one place current steps are changed, and the statuses a step may go between. */
class StepTransitionsTest {
    private final JobsInMemory domain = new JobsInMemory();

    @ParameterizedTest(name = "{0} to {1}: {2}")
    @CsvSource({
            "Ready, Working, true", "Ready, Held, true", "Ready, Finished, true", "Ready, Failed, false", "Ready, Ready, false",
            "Working, Ready, true", "Working, Held, true", "Working, Finished, true", "Working, Failed, true", "Working, Working, false",
            "Held, Ready, true", "Held, Working, true", "Held, Failed, true", "Held, Finished, true", "Held, Held, false",
            "Failed, Working, true", "Failed, Held, true", "Failed, Finished, true", "Failed, Ready, false", "Failed, Failed, false",
            "Finished, Ready, false", "Finished, Working, false", "Finished, Held, false", "Finished, Failed, false",
            "Finished, Finished, false"})
    void aStepMovesOnlyAlongTheTable(StepStatus from, StepStatus to, boolean allowed) {
        assertEquals(allowed, StepTransitions.allowed(from, to));
    }

    @Test
    void anEditOffTheTableIsADefectAndThrows() {
        Job job = domain.job(j -> j.with(b -> b.replaceStep(j.currentStep("review").orElseThrow().held())), "define", "review");
        CurrentStep ready = job.currentStep("define").orElseThrow();
        CurrentStep held = job.currentStep("review").orElseThrow();

        assertThrows(IllegalStateException.class, () -> StepTransitions.stop(job, ready), "Ready to Ready");
        assertThrows(IllegalStateException.class, () -> StepTransitions.release(job, ready), "not held");
        assertThrows(IllegalStateException.class,
                () -> StepTransitions.hold(job, held, new Hold("h", "review", null, null, domain.now(), "maria")), "Held to Held");
    }

    @Test
    void aTokenTheJobKnowsChangesNothingAStepItKnowsTakesTheTokenAndKeepsItsState() {
        Job job = domain.job(j -> j.with(b -> b.replaceStep(j.currentStep("review").orElseThrow().withToken(null).held())), "define", "review");
        CurrentStep define = job.currentStep("define").orElseThrow();
        CurrentStep entering = CurrentStep.ready(domain.catalog.step(job, "review").orElseThrow(), job, domain.now()).withToken("fresh");
        List<JobEvent> event = List.of(new StepBecameCurrent("review", "system", Instant.EPOCH));

        assertInstanceOf(Decision.Unchanged.class, StepTransitions.enter(job, define, event));
        Decision.Accepted<CurrentStep> known = (Decision.Accepted<CurrentStep>) StepTransitions.enter(job, entering, event);

        assertEquals(StepStatus.Held, known.answer().status(), "the hold is kept");
        assertEquals("fresh", known.answer().taskToken());
        assertEquals(List.of(), known.events(), "nothing new happened to the job");
    }

    @Test
    void anAnswerToAStepWithoutATokenWaitsForTheTokenOfTheExecutionEnteringIt() {
        Job job = domain.job(j -> j.with(b -> b.replaceStep(j.currentStep("review").orElseThrow().withToken(null))), "review");
        Job answered = StepTransitions.answer(job, job.currentStep("review").orElseThrow(), new StepDone("yes", Json.object()));
        CurrentStep entering = CurrentStep.ready(domain.catalog.step(job, "review").orElseThrow(), job, domain.now()).withToken("late");

        Decision.Accepted<CurrentStep> entered = (Decision.Accepted<CurrentStep>) StepTransitions.enter(answered, entering, List.of());

        assertNull(entered.answer(), "the token went to the answer");
        assertEquals("late", entered.next().owedCalls().get(0).taskToken());
        assertEquals(TokenKind.STEP, entered.next().owedCalls().get(0).tokenKind());
        assertEquals(List.of(), entered.next().currentSteps());
    }
}
