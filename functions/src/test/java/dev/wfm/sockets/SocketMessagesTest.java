package dev.wfm.sockets;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.wfm.common.Json;
import dev.wfm.diagrams.Step;
import dev.wfm.diagrams.StepInfo;
import dev.wfm.events.StreamedEvent;
import dev.wfm.jobs.events.JobEvent.AttachmentAdded;
import dev.wfm.jobs.events.JobEvent.AttachmentRemoved;
import dev.wfm.jobs.events.JobEvent.ChildJobCreated;
import dev.wfm.jobs.events.JobEvent.CommentAdded;
import dev.wfm.jobs.events.JobEvent.ExecutionRestarted;
import dev.wfm.jobs.events.JobEvent.JobClosed;
import dev.wfm.jobs.events.JobEvent.JobUpdated;
import dev.wfm.jobs.events.JobEvent.StepAssigned;
import dev.wfm.jobs.events.JobEvent.StepBecameCurrent;
import dev.wfm.jobs.events.JobEvent.StepClaimed;
import dev.wfm.jobs.events.JobEvent.StepFailed;
import dev.wfm.jobs.events.JobEvent.StepFinished;
import dev.wfm.jobs.events.JobEvent.StepGivenBack;
import dev.wfm.jobs.events.JobEvent.StepHeld;
import dev.wfm.jobs.events.JobEvent.StepHoldReleased;
import dev.wfm.jobs.events.JobEvent.StepStarted;
import dev.wfm.jobs.events.JobEvent.StepStopped;
import dev.wfm.jobs.events.JobEvent;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/** Job events as messages in the seed product's shape. */
class SocketMessagesTest {
    private static final Instant AT = Instant.parse("2026-03-02T09:00:00Z");
    private static final Step.Question REVIEW = new Step.Question(new StepInfo("review", "Review request"), "Approve?",
            List.of(new Step.Answer("Yes", "yes"), new Step.Answer("No", "no")));
    private static final Step MANUAL = new Step.Manual(new StepInfo("edit", "Edit data"));

    @Test
    void everyJobEventHasItsMessageOrIsDeliberatelyUnsent() {
        List<String> uncovered = events(JobEvent.class).filter(type -> !SocketMessages.covers(type)).map(Class::getSimpleName).toList();
        assertEquals(List.of(), uncovered, "a new job event needs its message (or none) in SocketMessages");
    }

    @Test
    void eachEventIsSentAsTheSeedProductNamesIt() {
        Map<JobEvent, String> expected = new LinkedHashMap<>();
        expected.put(new JobUpdated("amy", AT), "JobUpdated");
        expected.put(new CommentAdded("amy", AT, "c1", "hello"), "JobCommentUpdated");
        expected.put(new AttachmentAdded("amy", AT, "a1", "plan.pdf"), "JobAttachmentUpdated");
        expected.put(new AttachmentRemoved("amy", AT, "a1", "plan.pdf"), "JobAttachmentUpdated");
        expected.put(new StepStarted("edit", "amy", AT), "StepStarted");
        expected.put(new StepFinished("edit", "amy", AT, Duration.ofSeconds(5), "done", null), "StepFinished");
        expected.put(new StepStopped("edit", "amy", AT), "StepStopped");
        expected.put(new StepFailed("notify", "system", AT, "no answer"), "StepError");
        expected.put(new StepHeld("edit", "amy", AT, null, "waiting"), "StepHeld");
        expected.put(new StepHoldReleased("edit", "amy", AT, null), "StepHoldReleased");
        expected.put(new StepAssigned("edit", "amy", AT, "User", "eddie", null), "StepReassigned");
        expected.put(new StepClaimed("edit", "eddie", AT, "editors"), "StepReassigned");
        expected.put(new StepGivenBack("edit", "eddie", AT, "editors"), "StepReassigned");
        expected.put(new StepBecameCurrent("review", "system", AT), "StepInfoRequired");
        expected.put(new StepBecameCurrent("edit", "system", AT), "StepBecameCurrent");
        expected.put(new JobClosed("amy", AT), "JobClosed");
        Map<JobEvent, String> sent = new LinkedHashMap<>();
        expected.keySet().forEach(event -> sent.put(event, message(event).orElseThrow().msgType()));
        assertEquals(expected, sent);
    }

    @Test
    void aMessageNamesItsEventItemJobStepWhoAndWhen() throws Exception {
        JsonNode message = Json.read(message(new StepFinished("define", "amy", AT, Duration.ofSeconds(5), "done", "located"))
                .orElseThrow().json());
        assertEquals("StepFinished", message.path("msgType").asText());
        assertEquals("job-1/4/0", message.path("eventId").asText(), "a client drops an event id it has seen");
        assertEquals(Json.read("{\"itemId\": \"item\", \"jobId\": \"job-1\", \"stepIds\": [\"define\"], \"user\": \"amy\","
                + " \"date\": \"2026-03-02T09:00:00Z\", \"returnCode\": \"done\", \"comment\": \"located\"}"), message.path("message"));
    }

    @Test
    void aQuestionThatBecameCurrentAsksItsQuestionWithItsAnswers() throws Exception {
        JsonNode message = Json.read(message(new StepBecameCurrent("review", "system", AT)).orElseThrow().json()).path("message");
        assertEquals("Approve?", message.path("question").asText());
        assertEquals(Json.read("[{\"name\": \"Yes\", \"value\": \"yes\"}, {\"name\": \"No\", \"value\": \"no\"}]"), message.path("answers"));
        assertEquals("review", message.path("stepIds").path(0).asText());
    }

    @Test
    void whatTellsOnlyHowTheExecutionDrivesTheJobIsNotSent() {
        assertEquals(Optional.empty(), message(new ExecutionRestarted(null, "system", AT, "ABORTED")));
        assertEquals(Optional.empty(), message(new ChildJobCreated("spawn", "system", AT, List.of("c1"))));
        assertTrue(message(new JobUpdated("amy", AT)).isPresent());
    }

    private static Optional<SocketMessage> message(JobEvent event) {
        Function<String, Optional<Step>> steps = stepId -> Stream.of(REVIEW, MANUAL).filter(step -> step.id().equals(stepId)).findFirst();
        return SocketMessages.of(new StreamedEvent("job-1/4/0", "item", "job-1", event), steps);
    }

    /** The records of a sealed hierarchy, however deep. */
    private static Stream<Class<? extends JobEvent>> events(Class<?> type) {
        if (type.isSealed()) {
            return Arrays.stream(type.getPermittedSubclasses()).flatMap(SocketMessagesTest::events);
        }
        return Stream.of(type.asSubclass(JobEvent.class));
    }
}
