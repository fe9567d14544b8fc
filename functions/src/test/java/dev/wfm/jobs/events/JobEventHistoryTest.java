package dev.wfm.jobs.events;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.wfm.common.Json;
import dev.wfm.jobs.events.JobEvent.AttachmentRemoved;
import dev.wfm.jobs.events.JobEvent.ChildJobCreated;
import dev.wfm.jobs.events.JobEvent.CommentAdded;
import dev.wfm.jobs.events.JobEvent.ExecutionRestarted;
import dev.wfm.jobs.events.JobEvent.JobClosed;
import dev.wfm.jobs.events.JobEvent.StepHoldReleased;
import dev.wfm.jobs.events.JobEvent.StepSkipped;
import dev.wfm.jobs.events.JobEvent.WebRequestFinished;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/** The job's history as its events make it: the names it has always shown, and their details. */
class JobEventHistoryTest {
    private static final Instant AT = Instant.parse("2026-03-02T09:00:00Z");

    @Test
    void everyEventIsNamedInTheHistoryAsTheHistoryHasAlwaysNamedIt() {
        List<String> events = events(JobEvent.class).map(Class::getSimpleName).sorted().toList();

        assertEquals(List.of("AttachmentAdded", "AttachmentRemoved", "ChildJobClosed", "ChildJobCreated", "CommentAdded", "CurrentStepSet",
                "DependencyAdded", "DependencyReleased", "ExecutionRestarted", "HoldReleasedOnSchedule", "JobAssigned", "JobClosed",
                "JobCompleted", "JobCreated", "JobOverdue", "JobPaused", "JobReopened",
                "JobResumed", "JobUpdated", "JobUpgraded", "StepAssigned", "StepBecameCurrent", "StepClaimed", "StepFailed", "StepFinished",
                "StepGivenBack", "StepHeld", "StepHoldReleased", "StepRetried", "StepSkipped", "StepStarted", "StepStartedAutomatically", "StepStopped", "WaitEnded",
                "WaitStarted", "WaitingForChildJob", "WebRequestFinished"), events, "a new event needs its history name checked here");
        assertEquals("HoldReleased", new StepHoldReleased("s", "amy", AT, null).historyEntry().action());
        assertEquals("StepFinished", webRequest().historyEntry().action());
    }

    @Test
    void anEventOfTheWholeJobNamesNoStepAndHasNoDetails() {
        assertEquals(new HistoryEntry("JobClosed", null, "amy", "2026-03-02T09:00:00Z", null, null), new JobClosed("amy", AT).historyEntry());
    }

    @Test
    void detailsHoldWhatTheEventSaysInTheOrderTheHistoryShowsThem() {
        assertEquals(new HistoryEntry("StepSkipped", "s", "amy", "2026-03-02T09:00:00Z", 61L, Json.object().put("returnCode", "x")),
                new StepSkipped("s", "amy", AT, Duration.ofSeconds(61), "x", null).historyEntry());
        assertEquals("{\"request\":\"POST https://example.org\",\"statusCode\":201,\"returnCode\":\"201\",\"durationMs\":1500,\"attempt\":2}",
                webRequest().historyEntry().details().toString());
        assertEquals(1L, webRequest().historyEntry().durationSeconds());
        assertEquals("{\"jobIds\":[\"c1\",\"c2\"],\"returnCode\":\"created\"}",
                new ChildJobCreated("s", "system", AT, List.of("c1", "c2")).historyEntry().details().toString());
        assertEquals(Json.object().put("previousExecutionStatus", "ABORTED"),
                new ExecutionRestarted(null, "amy", AT, "ABORTED").historyEntry().details());
        assertEquals(new HistoryEntry("CommentAdded", null, "amy", "2026-03-02T09:00:00Z", null,
                        Json.object().put("commentId", "c1").put("comment", "on site Monday")),
                new CommentAdded("amy", AT, "c1", "on site Monday").historyEntry());
        assertEquals(Json.object().put("attachmentId", "a1").put("name", "plan.pdf"),
                new AttachmentRemoved("amy", AT, "a1", "plan.pdf").historyEntry().details());
    }

    /** The events of a sealed hierarchy: its records, however deep. */
    private static Stream<Class<?>> events(Class<?> type) {
        return type.isSealed() ? Arrays.stream(type.getPermittedSubclasses()).flatMap(JobEventHistoryTest::events) : Stream.of(type);
    }

    private static WebRequestFinished webRequest() {
        return new WebRequestFinished("s", "system", AT, "POST https://example.org", 201, "201", Duration.ofMillis(1500), 2, null);
    }
}
