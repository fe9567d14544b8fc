package dev.wfm.jobs.events;

import java.time.Duration;
import java.time.Instant;
import java.util.List;

/**
 * What happened to a job. Every change a command makes yields these events, written with it in
 * one transaction; the job's history is derived from them ({@link #historyEntry}, the one place
 * an event becomes a line of history), and so will be what notifications send. Each says who
 * ({@code user}: a person, or {@code system} for executions and the scheduler) and when
 * ({@code at}); events about a step name it ({@code stepId}).
 */
public sealed interface JobEvent {
    String user();

    Instant at();

    /** The step it happened at; null when it concerns the job as a whole. */
    default String stepId() {
        return null;
    }

    /** The line of the job's history that records it. */
    HistoryEntry historyEntry();

    private static HistoryEntry entry(String action, JobEvent event, Long durationSeconds, Details details) {
        return new HistoryEntry(action, event.stepId(), event.user(), event.at().toString(), durationSeconds,
                details == null ? null : details.node());
    }

    private static HistoryEntry entry(String action, JobEvent event) {
        return entry(action, event, null, null);
    }

    // The job as a whole

    record JobCreated(String user, Instant at) implements JobEvent {
        @Override
        public HistoryEntry historyEntry() {
            return entry("JobCreated", this);
        }
    }

    record JobUpdated(String user, Instant at) implements JobEvent {
        @Override
        public HistoryEntry historyEntry() {
            return entry("JobUpdated", this);
        }
    }

    record JobClosed(String user, Instant at) implements JobEvent {
        @Override
        public HistoryEntry historyEntry() {
            return entry("JobClosed", this);
        }
    }

    /** Reopened where it closed ({@code stepId}: the first step it is at again, if any), or at one step. */
    record JobReopened(String stepId, String user, Instant at) implements JobEvent {
        @Override
        public HistoryEntry historyEntry() {
            return entry("JobReopened", this);
        }
    }

    record JobPaused(String user, Instant at) implements JobEvent {
        @Override
        public HistoryEntry historyEntry() {
            return entry("JobPaused", this);
        }
    }

    record JobResumed(String user, Instant at) implements JobEvent {
        @Override
        public HistoryEntry historyEntry() {
            return entry("JobResumed", this);
        }
    }

    record JobUpgraded(String user, Instant at, int fromVersion, int toVersion) implements JobEvent {
        @Override
        public HistoryEntry historyEntry() {
            return entry("JobUpgraded", this, null, Details.of().put("fromVersion", fromVersion).put("toVersion", toVersion));
        }
    }

    /** The execution reached end step {@code stepId}. */
    record JobCompleted(String stepId, String user, Instant at) implements JobEvent {
        @Override
        public HistoryEntry historyEntry() {
            return entry("JobCompleted", this);
        }
    }

    /** A new execution replaced one that had ended under the job ({@code stepId}: the first step it enters, if any). */
    record ExecutionRestarted(String stepId, String user, Instant at, String previousExecutionStatus) implements JobEvent {
        @Override
        public HistoryEntry historyEntry() {
            return entry("ExecutionRestarted", this, null, Details.of().put("previousExecutionStatus", previousExecutionStatus));
        }
    }

    /** Step {@code stepId} waits for step {@code onStepId} of job {@code onJobId}. */
    record DependencyAdded(String stepId, String user, Instant at, String onJobId, String onStepId) implements JobEvent {
        @Override
        public HistoryEntry historyEntry() {
            return entry("DependencyAdded", this, null, Details.of().put("onJobId", onJobId).put("onStepId", onStepId));
        }
    }

    record DependencyReleased(String stepId, String user, Instant at, String onJobId, String onStepId) implements JobEvent {
        @Override
        public HistoryEntry historyEntry() {
            return entry("DependencyReleased", this, null, Details.of().put("onJobId", onJobId).put("onStepId", onStepId));
        }
    }

    // A step becoming current, and what its execution tells

    record StepBecameCurrent(String stepId, String user, Instant at) implements JobEvent {
        @Override
        public HistoryEntry historyEntry() {
            return entry("StepBecameCurrent", this);
        }
    }

    /** A step marked autoRun became current, Working at once. */
    record StepStartedAutomatically(String stepId, String user, Instant at) implements JobEvent {
        @Override
        public HistoryEntry historyEntry() {
            return entry("StepStartedAutomatically", this);
        }
    }

    /** Someone made {@code stepId} the one step the job is at. */
    record CurrentStepSet(String stepId, String user, Instant at) implements JobEvent {
        @Override
        public HistoryEntry historyEntry() {
            return entry("CurrentStepSet", this);
        }
    }

    /** An automated step failed with {@code error} (as a person reads it); a person decides. */
    record StepFailed(String stepId, String user, Instant at, String error) implements JobEvent {
        @Override
        public HistoryEntry historyEntry() {
            return entry("StepFailed", this, null, Details.of().put("error", error));
        }
    }

    /** A web request step was answered: {@code request} as described, the answer's status, the try it was. */
    record WebRequestFinished(String stepId, String user, Instant at, String request, int statusCode, String returnCode,
                              Duration elapsed, int attempt) implements JobEvent {
        @Override
        public HistoryEntry historyEntry() {
            return entry("StepFinished", this, elapsed.toSeconds(), Details.of().put("request", request).put("statusCode", statusCode)
                    .put("returnCode", returnCode).put("durationMs", elapsed.toMillis()).put("attempt", attempt));
        }
    }

    /** A wait step started; it ends at {@code until}. */
    record WaitStarted(String stepId, String user, Instant at, String until) implements JobEvent {
        @Override
        public HistoryEntry historyEntry() {
            return entry("WaitStarted", this, null, Details.of().put("until", until));
        }
    }

    record WaitEnded(String stepId, String user, Instant at) implements JobEvent {
        @Override
        public HistoryEntry historyEntry() {
            return entry("WaitEnded", this);
        }
    }

    record ChildJobCreated(String stepId, String user, Instant at, List<String> jobIds) implements JobEvent {
        public ChildJobCreated {
            jobIds = List.copyOf(jobIds);
        }

        @Override
        public HistoryEntry historyEntry() {
            return entry("ChildJobCreated", this, null, Details.of().put("jobIds", jobIds).put("returnCode", "created"));
        }
    }

    record WaitingForChildJob(String stepId, String user, Instant at, String childJobId) implements JobEvent {
        @Override
        public HistoryEntry historyEntry() {
            return entry("WaitingForChildJob", this, null, Details.of().put("childJobId", childJobId));
        }
    }

    record ChildJobClosed(String stepId, String user, Instant at, String childJobId) implements JobEvent {
        @Override
        public HistoryEntry historyEntry() {
            return entry("ChildJobClosed", this, null, Details.of().put("childJobId", childJobId));
        }
    }

    // What people do to a current step

    record StepStarted(String stepId, String user, Instant at) implements JobEvent {
        @Override
        public HistoryEntry historyEntry() {
            return entry("StepStarted", this);
        }
    }

    record StepStopped(String stepId, String user, Instant at) implements JobEvent {
        @Override
        public HistoryEntry historyEntry() {
            return entry("StepStopped", this);
        }
    }

    /** A person finished the step after {@code duration} (since it started, else since it became current). */
    record StepFinished(String stepId, String user, Instant at, Duration duration, String returnCode, String comment)
            implements JobEvent {
        @Override
        public HistoryEntry historyEntry() {
            return entry("StepFinished", this, duration.toSeconds(), Details.of().put("returnCode", returnCode).put("comment", comment));
        }
    }

    /** A person decided to route on past a failed step as if it had finished with {@code returnCode}. */
    record StepSkipped(String stepId, String user, Instant at, Duration duration, String returnCode, String comment)
            implements JobEvent {
        @Override
        public HistoryEntry historyEntry() {
            return entry("StepSkipped", this, duration.toSeconds(), Details.of().put("returnCode", returnCode).put("comment", comment));
        }
    }

    /** A person decided to run a failed step again. */
    record StepRetried(String stepId, String user, Instant at) implements JobEvent {
        @Override
        public HistoryEntry historyEntry() {
            return entry("StepRetried", this);
        }
    }

    /** Put on hold, until released by hand or at {@code scheduledRelease} (null: by hand only). */
    record StepHeld(String stepId, String user, Instant at, String scheduledRelease, String comment) implements JobEvent {
        @Override
        public HistoryEntry historyEntry() {
            return entry("StepHeld", this, null, Details.of().put("scheduledRelease", scheduledRelease).put("comment", comment));
        }
    }

    record StepHoldReleased(String stepId, String user, Instant at, String comment) implements JobEvent {
        @Override
        public HistoryEntry historyEntry() {
            return entry("HoldReleased", this, null, Details.of().put("comment", comment));
        }
    }

    /** A hold's scheduled release came. */
    record HoldReleasedOnSchedule(String stepId, String user, Instant at) implements JobEvent {
        @Override
        public HistoryEntry historyEntry() {
            return entry("HoldReleasedOnSchedule", this);
        }
    }

    record StepAssigned(String stepId, String user, Instant at, String assignedType, String assignedTo, String comment)
            implements JobEvent {
        @Override
        public HistoryEntry historyEntry() {
            return entry("StepAssigned", this, null, Details.of().put("assignedType", assignedType).put("assignedTo", assignedTo)
                    .put("comment", comment));
        }
    }
}
