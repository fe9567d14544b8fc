package dev.wfm.notifications;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.wfm.jobs.events.JobEvent.CurrentStepSet;
import dev.wfm.jobs.events.JobEvent.HoldReleasedOnSchedule;
import dev.wfm.jobs.events.JobEvent.JobAssigned;
import dev.wfm.jobs.events.JobEvent.JobCompleted;
import dev.wfm.jobs.events.JobEvent.JobUpdated;
import dev.wfm.jobs.events.JobEvent.StepAssigned;
import dev.wfm.jobs.events.JobEvent.StepHeld;
import dev.wfm.jobs.events.JobEvent.StepStarted;
import dev.wfm.jobs.events.JobEvent.WebRequestFinished;
import dev.wfm.jobs.events.JobEvent;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** Which events are which activity of a rule's {@code on}. */
class ActivityTest {
    private static final Instant AT = Instant.parse("2026-03-02T09:00:00Z");

    @Test
    void eventsAreTheActivitiesRulesNameAndOthersAreNone() {
        assertEquals(Optional.of(Activity.STEP_BECAME_CURRENT), Activity.of(new CurrentStepSet("s", "amy", AT)));
        assertEquals(Optional.of(Activity.STEP_FINISHED),
                Activity.of(new WebRequestFinished("s", "system", AT, "POST https://x.org", 200, "200", Duration.ZERO, 1, null)));
        assertEquals(Optional.of(Activity.JOB_ASSIGNED), Activity.of(new JobAssigned("amy", AT, "User", "lee")));
        assertEquals(Optional.of(Activity.JOB_ASSIGNED), Activity.of(new StepAssigned("s", "amy", AT, "Group", "qa", null)));
        assertEquals(Optional.of(Activity.HOLD_ADDED), Activity.of(new StepHeld("s", "amy", AT, null, null)));
        assertEquals(Optional.of(Activity.HOLD_RELEASED), Activity.of(new HoldReleasedOnSchedule("s", "system", AT)));
        assertEquals(Optional.of(Activity.JOB_CLOSED), Activity.of(new JobCompleted("end", "system", AT)));
        assertEquals(Optional.empty(), Activity.of(new JobUpdated("amy", AT)));
        assertEquals(Optional.empty(), Activity.of((JobEvent) new StepStarted("s", "amy", AT)));
    }

    @Test
    void activitiesAreNamedAsRulesWriteThem() {
        assertEquals(Optional.of(Activity.JOB_OVERDUE), Activity.fromJson("jobOverdue"));
        assertEquals(Optional.empty(), Activity.fromJson("JOB_OVERDUE"));
    }
}
