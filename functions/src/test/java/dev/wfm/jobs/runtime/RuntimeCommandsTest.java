package dev.wfm.jobs.runtime;

import static dev.wfm.jobs.JobsInMemory.MANAGER;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.wfm.common.Json;
import dev.wfm.execution.ExecutionContract.ExecutionInput;
import dev.wfm.execution.ExecutionContract.Receipt;
import dev.wfm.jobs.CurrentStep;
import dev.wfm.jobs.Decision;
import dev.wfm.jobs.Job;
import dev.wfm.jobs.JobRepository;
import dev.wfm.jobs.JobsInMemory;
import dev.wfm.jobs.OwedCall;
import dev.wfm.jobs.StepStatus;
import dev.wfm.jobs.events.HistoryEntry;
import dev.wfm.jobs.events.JobEvent.JobUpdated;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

/** What executions and the scheduler tell jobs in memory, through the same commands and unit of work as people's actions. */
class RuntimeCommandsTest {
    private final JobsInMemory domain = new JobsInMemory();

    @Test
    void aStepTheExecutionEntersBecomesCurrentOnceAndARepeatedCallChangesNothing() {
        Job job = domain.job();

        String first = activate(job, "review", "t-1").path("outcome").asText();
        Job entered = domain.stored(job);
        String repeated = activate(job, "review", "t-1").path("outcome").asText();

        assertEquals(List.of("Ready", "already current"), List.of(first, repeated));
        assertEquals("t-1", entered.currentStep("review").orElseThrow().taskToken());
        assertEquals(entered, domain.stored(job));
        assertEquals(List.of(new HistoryEntry("StepBecameCurrent", "review", "system", domain.now(), null, null)), domain.history(job));
    }

    @Test
    void aFinishMadeBeforeTheExecutionEnteredTheStepIsSentWithTheTokenWhenItComes() {
        Job job = domain.job(j -> j.with(b -> b.replaceStep(j.currentStep("review").orElseThrow().withToken(null))), "review");
        domain.act(job, MANAGER, "{\"type\": \"Finish\", \"stepId\": \"review\", \"returnCode\": \"yes\"}");
        assertTrue(domain.sfn.answers.isEmpty(), "no token to answer yet");

        String outcome = activate(job, "review", "late").path("outcome").asText();

        assertEquals("answered", outcome);
        assertEquals(List.of("late"), domain.sfn.answers.stream().map(answer -> answer.taskToken()).toList());
        assertEquals(List.of("late"), domain.stored(job).owedCalls().stream().map(OwedCall::taskToken).toList(),
                "sent, and owed until the execution's next call brings its receipt");
    }

    @Test
    void theExecutionsNextCallCarryingAnAnswersReceiptDropsTheSentAnswerInItsOwnWrite() throws Exception {
        Job job = domain.job("review");
        ArrayNode receipts = finishReview(job);
        Job finished = domain.stored(job);

        activate(finished, "edit", "token-edit", receipts);

        Job entered = domain.stored(job);
        assertEquals(List.of(), entered.owedCalls());
        assertEquals(finished.revision() + 1, entered.revision(), "dropped in the write that made the next step current");
        assertEquals(List.of("edit"), entered.currentSteps().stream().map(CurrentStep::stepId).toList());
    }

    @Test
    void theCallAnAnswerLeadsToDecidesOnTheJobTheAnswerCarriesWithoutReadingIt() throws Exception {
        Job job = domain.job("review");
        ArrayNode receipts = finishReview(job);
        Job finished = domain.stored(job);
        assertEquals(List.of(Json.write(finished)), Receipt.savedJobs(Json.object().set("answered", receipts)),
                "the answer carries the job as the Finish saved it");
        int reads = domain.jobs.reads();

        activate(finished, "edit", "token-edit", receipts);

        assertEquals(reads, domain.jobs.reads(), "the activation read no job");
        assertEquals(List.of("edit"), domain.stored(job).currentSteps().stream().map(CurrentStep::stepId).toList());
    }

    @Test
    void anActivationCarryingAJobThatMovedOnSinceItsAnswerWasSentKeepsTheChangeBetween() throws Exception {
        Job job = domain.job("review");
        ArrayNode receipts = finishReview(job);
        domain.unitOfWork.run(job.itemId(), job.jobId(), (current, now) -> Decision.accept(current.with(b -> {
            b.priority = "High";
            return b;
        }), List.of(new JobUpdated("maria", now)), null));

        activate(domain.stored(job), "edit", "token-edit", receipts);

        Job entered = domain.stored(job);
        assertEquals("High", entered.priority(), "the update made after the answer was sent is kept");
        assertEquals(List.of("edit"), entered.currentSteps().stream().map(CurrentStep::stepId).toList());
        assertEquals(List.of(), entered.owedCalls(), "the receipt still drops the sent answer");
    }

    @Test
    void aReceiptDropsOnlyAnAnswerTheTokenTookAndOnlyFromTheJobsOwnExecution() {
        Job job = domain.job(j -> j.with(b -> b.replaceStep(j.currentStep("review").orElseThrow().withToken(null))), "review");
        domain.act(job, MANAGER, "{\"type\": \"Finish\", \"stepId\": \"review\", \"returnCode\": \"yes\"}");
        Job waiting = domain.stored(job);
        List<Receipt> receipts = Receipt.carried(waiting.owedCalls().get(0).output());
        assertEquals(List.of(new Receipt("review", waiting.revision())), receipts);

        assertEquals(waiting, waiting.heardFrom(waiting.executionArn(), receipts), "an answer not sent yet cannot have arrived");
        Job sent = waiting.with(b -> {
            b.owedCalls.replaceAll(call -> call.withToken("t-1"));
            return b;
        });
        assertEquals(sent, sent.heardFrom(sent.executionArn() + "-old", receipts), "another execution's receipt");
        assertEquals(sent, sent.heardFrom(null, receipts), "a machine compiled before calls named their execution");
        assertEquals(sent, sent.heardFrom(sent.executionArn(), List.of(new Receipt("review", waiting.revision() - 1))),
                "an earlier answer to the step");
        assertEquals(List.of(), sent.heardFrom(sent.executionArn(), receipts).owedCalls());
    }

    @Test
    void aCallFromAStoppedExecutionIsIgnored() {
        Job job = domain.job();
        ObjectNode late = payload(job, "activate", "review").put("taskToken", "dead").put("executionArn", job.executionArn() + "-old");

        assertEquals("ignored: not the job's execution", domain.activation.handle(late).path("outcome").asText());
        assertEquals(job, domain.stored(job));
    }

    @Test
    void anActivationFromTheJobsExecutionProvesItStartedSoTheStartItStillOwedIsDroppedNotMadeAgain() {
        Job created = domain.job(job -> owingStart(job, 1), "define");
        assertEquals(1, created.owedCalls().size());

        activate(created, "define", "token-define"); // the step it is written at, as a new job is: nothing else to change

        assertEquals(List.of(), domain.stored(created).owedCalls(), "dropped in the activation's own write");
        assertEquals(List.of(), domain.sfn.starts, "the execution that called in is not started again");
        Job restarted = owingStart(domain.stored(created), 2);
        assertEquals(restarted, restarted.startedAs(created.executionArn()), "a call from one execution says nothing of another's start");
    }

    @Test
    void aNewJobsFirstActivationDecidesOnTheJobItsStartCarriedWithoutReadingIt() throws Exception {
        Job created = domain.job(job -> owingStart(job.with(b -> b.replaceStep(job.currentStep("define").orElseThrow().withToken(null))), 1),
                "define");
        domain.calls.make(created);
        JsonNode input = Json.read(domain.sfn.starts.get(0).input());
        assertEquals(List.of(Json.write(created)), Receipt.savedJobs(input), "the start carries the job as it was written");
        assertEquals(List.of(), Receipt.carried(input), "a start's receipt is no answer's");
        int reads = domain.jobs.reads();

        activate(created, "define", "token-first", (ArrayNode) input.path("answered"));

        assertEquals(reads, domain.jobs.reads(), "the activation read no job");
        Job entered = domain.stored(created);
        assertEquals("token-first", entered.currentStep("define").orElseThrow().taskToken());
        assertEquals(List.of(), entered.owedCalls(), "the start the call proves is dropped in the activation's write");
        assertEquals(created.revision() + 1, entered.revision());
    }

    /** The job owing the start of its execution number {@code execution}, as a created or restarted job does. */
    private static Job owingStart(Job job, int execution) {
        return job.with(b -> {
            b.owedCalls.add(OwedCall.start(job.stateMachineArn(), Job.executionName(job.jobId(), execution),
                    new ExecutionInput(job.itemId(), job.jobId(), job.properties(), List.of(), List.of())));
            return b;
        });
    }

    @Test
    void aCallForADeletedJobIsIgnored() {
        Job job = domain.job();
        ObjectNode gone = payload(job, "activate", "review").put("taskToken", "t").put("jobId", "deleted-job");

        assertEquals("ignored: no such job", domain.activation.handle(gone).path("outcome").asText());
        assertEquals("ignored: no such job", domain.activation.handle(payload(job, "complete", "done").put("jobId", "deleted-job"))
                .path("outcome").asText());
    }

    @Test
    void aFailedAutomatedStepBecomesCurrentAsFailedWithItsErrorInWords() {
        Job job = domain.job();
        ObjectNode failed = payload(job, "failed", "notify").put("taskToken", "decide");
        failed.putObject("error").put("Error", "States.Timeout").put("Cause", "");

        assertEquals("Failed", domain.activation.handle(failed).path("outcome").asText());

        CurrentStep step = domain.stored(job).currentStep("notify").orElseThrow();
        assertEquals(List.of(StepStatus.Failed, "The step did not finish within its time limit."), List.of(step.status(), step.error()));
        assertEquals(Json.object().put("error", "The step did not finish within its time limit."), domain.history(job).get(0).details());
    }

    @Test
    void reachingAnEndStepCompletesTheJobOnce() {
        Job job = domain.job("archive");

        String completed = domain.activation.handle(payload(job, "complete", "done")).path("outcome").asText();
        String again = domain.activation.handle(payload(job, "complete", "done")).path("outcome").asText();

        assertEquals(List.of("Completed", "already closed"), List.of(completed, again));
        Job closed = domain.stored(job);
        assertEquals(List.of(true, "Completed", List.of()), List.of(closed.closed(), closed.jobStatus(), closed.currentSteps()));
        assertEquals(List.of(new HistoryEntry("JobCompleted", "done", "system", domain.now(), null, null)), domain.history(job));
    }

    @Test
    void aTickReleasesHoldsWhoseTimeCameAndEndsWaitsThatAreNotHeld() {
        String release = domain.clock.instant().plusSeconds(30).toString();
        Job job = domain.job(j -> j.with(b -> {
            b.replaceStep(j.currentStep("review").orElseThrow().held());
            b.holds.add(new dev.wfm.jobs.Hold("h-1", "review", null, release, domain.now(), "maria"));
            return b;
        }), "review");
        Job waiting = domain.job("cool");
        Job heldWait = domain.job(j -> j.with(b -> b.replaceStep(j.currentStep("cool").orElseThrow().held())), "cool");
        domain.clock.advance(Duration.ofMinutes(1));

        DueWork.Summary summary = domain.dueWork.run(domain.clock.instant());

        assertEquals(new DueWork.Summary(2, 1, 1, 0), summary, "the held wait is not due");
        assertEquals(StepStatus.Ready, domain.stored(job).currentStep("review").orElseThrow().status());
        assertEquals(List.of(), domain.stored(waiting).currentSteps());
        assertEquals(List.of("token-cool"), domain.sfn.answers.stream().map(answer -> answer.taskToken()).toList());
        assertEquals(heldWait, domain.stored(heldWait));
        // the wait's answer stays owed until its execution calls again; a tick before that finds its token used and clears it
        assertEquals(new DueWork.Summary(1, 0, 0, 0), domain.dueWork.run(domain.clock.instant()), "a repeated tick ends nothing again");
        assertEquals(List.of(), domain.stored(waiting).owedCalls());
        assertEquals(new DueWork.Summary(0, 0, 0, 0), domain.dueWork.run(domain.clock.instant()), "and then finds nothing left");
        assertEquals("HoldReleasedOnSchedule", domain.history(job).get(0).action());
        assertEquals(new HistoryEntry("WaitEnded", "cool", "system", domain.now(), null, null), domain.history(waiting).get(0));
    }

    @Test
    void aChildJobClosingFinishesItsParentsWaitingStepEvenOnHold() {
        Job parent = domain.job("review");
        var step = parent.currentStep("review").orElseThrow();
        domain.jobs.put(parent.with(b -> b.replaceStep(step.held())));
        domain.jobs.linkParent(parent.itemId(), "child-1", new JobRepository.ParentLink(parent.jobId(), "review", step.since(), null));

        domain.parents.childClosed(parent.itemId(), "child-1");
        domain.parents.childClosed(parent.itemId(), "child-1");

        assertEquals(List.of(), domain.stored(parent).currentSteps());
        var answer = JobsInMemory.json(domain.sfn.answers.get(0).output());
        assertEquals(List.of("closed", "child-1"), List.of(answer.path("returnCode").asText(), answer.path("result").path("jobId").asText()));
        assertEquals(1, domain.history(parent).size(), "the repeat found the link gone");
        assertEquals(Json.object().put("childJobId", "child-1"), domain.history(parent).get(0).details());
    }

    /** Finishes the job's current step review; the receipts its answer was sent with. */
    private ArrayNode finishReview(Job job) throws Exception {
        domain.act(job, MANAGER, "{\"type\": \"Finish\", \"stepId\": \"review\", \"returnCode\": \"yes\"}");
        return (ArrayNode) Json.read(domain.sfn.answers.get(0).output()).path("answered");
    }

    private ObjectNode activate(Job job, String stepId, String token) {
        return activate(job, stepId, token, Json.MAPPER.createArrayNode());
    }

    private ObjectNode activate(Job job, String stepId, String token, ArrayNode receipts) {
        ObjectNode payload = payload(job, "activate", stepId).put("taskToken", token);
        payload.set("answered", receipts);
        return domain.activation.handle(payload);
    }

    private static ObjectNode payload(Job job, String action, String stepId) {
        return Json.object().put("action", action).put("itemId", job.itemId()).put("jobId", job.jobId()).put("stepId", stepId)
                .put("executionArn", job.executionArn());
    }
}
