package dev.wfm.jobs;

import static dev.wfm.jobs.JobsInMemory.MANAGER;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.wfm.common.Refusal;
import dev.wfm.jobs.actions.StepResponse;
import dev.wfm.jobs.commands.AddComment;
import dev.wfm.jobs.commands.HoldStep;
import dev.wfm.jobs.events.JobEvent.JobUpdated;
import dev.wfm.jobs.events.JobEvent.StepStarted;
import dev.wfm.jobs.events.RecordedEvent;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The one place jobs change: decided on the job as read, written with the history its events make, decided again on a lost race. */
class JobUnitOfWorkTest {
    private final JobsInMemory domain = new JobsInMemory();

    @Test
    void aChangeThatLosesTheRaceIsDecidedAgainOnTheJobTheOtherWriterLeft() {
        Job job = domain.job("define");
        domain.jobs.beforeNextSave(() -> domain.act(job, MANAGER, "{\"type\": \"Hold\", \"stepId\": \"define\"}"));

        StepResponse run = domain.act(job, MANAGER, "{\"type\": \"Run\", \"stepId\": \"define\"}").get(0);

        assertEquals("STEP_HELD", run.code(), "decided again, the Run finds the step the other writer held");
        assertEquals(List.of("StepHeld"), domain.history(job).stream().map(entry -> entry.action()).toList());
    }

    @Test
    void eachEventIsRecordedWithItsIdTheJobTheRevisionItWasWrittenAtAndItsPlace() {
        Job job = domain.job("define", "review");

        domain.act(job, MANAGER, "{\"type\": \"Run\", \"stepIds\": [\"define\", \"review\"]}");

        List<RecordedEvent> recorded = domain.jobs.recorded(job.itemId(), job.jobId());
        assertEquals(List.of(job.jobId() + "/2/0", job.jobId() + "/2/1"), recorded.stream().map(RecordedEvent::eventId).toList());
        assertEquals(List.of("define", "review"), recorded.stream().map(event -> event.entry().stepId()).toList());
    }

    @Test
    void aCommentIsWrittenWithTheEventThatRecordsItAndKeepsItsIdWhenDecidedAgain() {
        Job job = domain.job("define");
        domain.jobs.beforeNextSave(() -> domain.act(job, MANAGER, "{\"type\": \"Run\", \"stepId\": \"define\"}"));

        Comment comment = domain.unitOfWork.run(job.itemId(), job.jobId(), new AddComment("maria", "c-1", "on site Monday")).answer();

        assertEquals(List.of(comment), domain.jobs.comments(job.itemId(), job.jobId()));
        assertEquals(new Comment("c-1", "on site Monday", "maria", domain.now()), comment);
        assertEquals(List.of("StepStarted", "CommentAdded"), domain.history(job).stream().map(entry -> entry.action()).toList());
        assertEquals("on site Monday", domain.history(job).get(1).details().path("comment").asText());
    }

    @Test
    void aRejectedCommandWritesNothingButTheCallsTheJobStillOwesAreMade() {
        Job job = domain.job(j -> j.with(b -> {
            b.owedCalls.add(OwedCall.stop("arn:aws:states:us-east-1:000000000000:execution:permits-1:old"));
            return b;
        }), "define");

        Decision<StepStatus> held = domain.unitOfWork.run(job.itemId(), job.jobId(),
                (current, now) -> new HoldStep(MANAGER, Instant.EPOCH, null).decide(current, current.currentStep("define").orElseThrow(), now));

        assertEquals("INVALID_RELEASE", held.rejection().orElseThrow().code());
        assertEquals(1, domain.sfn.stops.size());
        Job stored = domain.stored(job);
        assertFalse(stored.owesCalls(), "the owed call was made and cleared");
        assertEquals(List.of(), domain.history(job));
    }

    @Test
    void anAcceptedChangeIsSavedAtTheNextRevisionAndAnsweredWithTheJobAsSaved() {
        Job job = domain.job("define");

        Decision<String> decision = domain.unitOfWork.run(job.itemId(), job.jobId(), (current, now) -> Decision.accept(current,
                List.of(new StepStarted("define", "maria", now)), "done"));

        Decision.Accepted<String> accepted = (Decision.Accepted<String>) decision;
        assertEquals(job.revision() + 1, accepted.next().revision());
        assertEquals(accepted.next(), domain.stored(job));
        assertEquals("done", accepted.answer());
    }

    @Test
    void aCommandDecidedOnACarriedJobThatIsStillTheNewestWritesWithoutReadingIt() {
        Job job = domain.job("define");
        Job carried = domain.stored(job);
        int reads = domain.jobs.reads();

        Decision<String> decision = domain.unitOfWork.runFrom(carried, (current, now) -> Decision.accept(current,
                List.of(new StepStarted("define", "maria", now)), "done"));

        assertEquals(reads, domain.jobs.reads(), "the job was not read");
        assertEquals(job.revision() + 1, ((Decision.Accepted<String>) decision).next().revision());
        assertEquals(List.of("StepStarted"), domain.history(job).stream().map(entry -> entry.action()).toList());
    }

    @Test
    void aWriteDecidedOnACarriedJobThatMovedOnFailsAndIsDecidedAgainOnTheJobAsRead() {
        Job job = domain.job("define");
        Job carried = domain.stored(job);
        domain.act(job, MANAGER, "{\"type\": \"Hold\", \"stepId\": \"define\"}");

        long decidedAt = domain.unitOfWork.runFrom(carried, (current, now) -> Decision.accept(current,
                List.of(new JobUpdated("maria", now)), current.revision())).answer();

        assertEquals(carried.revision() + 1, decidedAt, "decided again on the job the hold left");
        assertEquals(List.of("StepHeld", "JobUpdated"), domain.history(job).stream().map(entry -> entry.action()).toList());
    }

    @Test
    void aDecisionOnACarriedJobThatWritesNothingIsMadeAgainOnTheJobAsRead() {
        Job job = domain.job("define");
        Job carried = domain.stored(job);
        domain.act(job, MANAGER, "{\"type\": \"Hold\", \"stepId\": \"define\"}");

        long decidedAt = domain.unitOfWork.runFrom(carried, (current, now) -> Decision.unchanged(current.revision())).answer();

        assertEquals(carried.revision() + 1, decidedAt, "nothing written proves the carried job the newest");
    }

    @Test
    void aJobThatChangesUnderEveryAttemptIsRefusedAsChangingTooQuickly() {
        Job job = domain.job("define");
        JobCommand<Void> touch = (current, now) -> {
            domain.jobs.beforeNextSave(() -> domain.jobs.put(domain.stored(current).savedAfter(domain.stored(current), false, now.toString())));
            return Decision.accept(current, List.of(new JobUpdated("maria", now)), null);
        };

        Refusal refused = assertThrows(Refusal.class, () -> domain.unitOfWork.run(job.itemId(), job.jobId(), touch));

        assertEquals(List.of(Refusal.Kind.CONFLICT, "jobId"), List.of(refused.kind(), refused.target()));
        assertTrue(domain.history(job).isEmpty());
    }
}
