package dev.wfm.jobs.events;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.wfm.common.Json;
import java.time.Duration;
import java.time.Instant;
import java.util.List;

/**
 * What happened to a job. Every change a command makes yields these events, written with it in
 * one transaction (by JobUnitOfWork, the one place they are written); the job's history is
 * derived from them ({@link #historyEntry}), and so will be what notifications send. Each says who
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

    /** The line of the job's history that records it: the one place an event becomes history. */
    default HistoryEntry historyEntry() {
        return new HistoryEntry(action(), stepId(), user(), at().toString(), durationSeconds(), details());
    }

    /**
     * The history's name for it: the event's own, but where the history has always named it
     * otherwise. The names are stored and shown: an event keeps its name.
     */
    default String action() {
        return getClass().getSimpleName();
    }

    /** How long the step took, for the events that end one a person or the worker did. */
    default Long durationSeconds() {
        return null;
    }

    /** What the history shows of it besides who, when and where; null for nothing. */
    default ObjectNode details() {
        return null;
    }

    // The job as a whole

    record JobCreated(String user, Instant at) implements JobEvent {}

    record JobUpdated(String user, Instant at) implements JobEvent {}

    /** An update gave the job another assignment. */
    record JobAssigned(String user, Instant at, String assignedType, String assignedTo) implements JobEvent {
        @Override
        public ObjectNode details() {
            return Details.of().put("assignedType", assignedType).put("assignedTo", assignedTo).node();
        }
    }

    record JobClosed(String user, Instant at) implements JobEvent {}

    /** Reopened where it closed ({@code stepId}: the first step it is at again, if any), or at one step. */
    record JobReopened(String stepId, String user, Instant at) implements JobEvent {}

    record JobPaused(String user, Instant at) implements JobEvent {}

    record JobResumed(String user, Instant at) implements JobEvent {}

    record JobUpgraded(String user, Instant at, int fromVersion, int toVersion) implements JobEvent {
        @Override
        public ObjectNode details() {
            return Details.of().put("fromVersion", fromVersion).put("toVersion", toVersion).node();
        }
    }

    /**
     * The job became overdue: its SLA clock passed {@code effectiveDueDate}, its {@code dueDate}
     * with held time taken out. Noticed by the scheduler once per job and due date.
     */
    record JobOverdue(String user, Instant at, String dueDate, String effectiveDueDate) implements JobEvent {
        @Override
        public ObjectNode details() {
            return Details.of().put("dueDate", dueDate).put("effectiveDueDate", effectiveDueDate).node();
        }
    }

    /** The execution reached end step {@code stepId}. */
    record JobCompleted(String stepId, String user, Instant at) implements JobEvent {}

    /** A new execution replaced one that had ended under the job ({@code stepId}: the first step it enters, if any). */
    record ExecutionRestarted(String stepId, String user, Instant at, String previousExecutionStatus) implements JobEvent {
        @Override
        public ObjectNode details() {
            return Details.of().put("previousExecutionStatus", previousExecutionStatus).node();
        }
    }

    /** Step {@code stepId} waits for step {@code onStepId} of job {@code onJobId}. */
    record DependencyAdded(String stepId, String user, Instant at, String onJobId, String onStepId) implements JobEvent {
        @Override
        public ObjectNode details() {
            return Details.of().put("onJobId", onJobId).put("onStepId", onStepId).node();
        }
    }

    record DependencyReleased(String stepId, String user, Instant at, String onJobId, String onStepId) implements JobEvent {
        @Override
        public ObjectNode details() {
            return Details.of().put("onJobId", onJobId).put("onStepId", onStepId).node();
        }
    }

    /** Someone commented on the job; the comment is kept as its own record, written with this event. */
    record CommentAdded(String user, Instant at, String commentId, String comment) implements JobEvent {
        @Override
        public ObjectNode details() {
            return Details.of().put("commentId", commentId).put("comment", comment).node();
        }
    }

    /** An attachment (a file, once its bytes are all there, or a link) was added to the job. */
    record AttachmentAdded(String user, Instant at, String attachmentId, String name) implements JobEvent {
        @Override
        public ObjectNode details() {
            return Details.of().put("attachmentId", attachmentId).put("name", name).node();
        }
    }

    record AttachmentRemoved(String user, Instant at, String attachmentId, String name) implements JobEvent {
        @Override
        public ObjectNode details() {
            return Details.of().put("attachmentId", attachmentId).put("name", name).node();
        }
    }

    // A step becoming current, and what its execution tells

    record StepBecameCurrent(String stepId, String user, Instant at) implements JobEvent {}

    /** A step marked autoRun became current, Working at once. */
    record StepStartedAutomatically(String stepId, String user, Instant at) implements JobEvent {}

    /** Someone made {@code stepId} the one step the job is at. */
    record CurrentStepSet(String stepId, String user, Instant at) implements JobEvent {}

    /** An automated step failed with {@code error} (as a person reads it); a person decides. */
    record StepFailed(String stepId, String user, Instant at, String error) implements JobEvent {
        @Override
        public ObjectNode details() {
            return Details.of().put("error", error).node();
        }
    }

    /**
     * A web request step was answered: {@code request} as described, the answer's status, the try
     * it was, and the step's output ({@code {statusCode, name: value...}} of its outputs; null in
     * events recorded before steps had outputs).
     */
    record WebRequestFinished(String stepId, String user, Instant at, String request, int statusCode, String returnCode,
                              Duration elapsed, int attempt, JsonNode output) implements JobEvent {
        @Override
        public String action() {
            return "StepFinished";
        }

        @Override
        public Long durationSeconds() {
            return elapsed.toSeconds();
        }

        @Override
        public ObjectNode details() {
            return Details.of().put("request", request).put("statusCode", statusCode)
                    .put("returnCode", returnCode).put("durationMs", elapsed.toMillis()).put("attempt", attempt).put("output", output).node();
        }
    }

    /** A wait step started; it ends at {@code until}. */
    record WaitStarted(String stepId, String user, Instant at, String until) implements JobEvent {
        @Override
        public ObjectNode details() {
            return Details.of().put("until", until).node();
        }
    }

    record WaitEnded(String stepId, String user, Instant at) implements JobEvent {}

    record ChildJobCreated(String stepId, String user, Instant at, List<String> jobIds) implements JobEvent {
        public ChildJobCreated {
            jobIds = List.copyOf(jobIds);
        }

        /** The step's output, kept as {@code $job.outputs.{stepId}}: {@code {jobIds}}. */
        public ObjectNode output() {
            ObjectNode output = Json.object();
            jobIds.forEach(output.putArray("jobIds")::add);
            return output;
        }

        @Override
        public ObjectNode details() {
            return Details.of().put("jobIds", jobIds).put("returnCode", "created").node();
        }
    }

    record WaitingForChildJob(String stepId, String user, Instant at, String childJobId) implements JobEvent {
        @Override
        public ObjectNode details() {
            return Details.of().put("childJobId", childJobId).node();
        }
    }

    record ChildJobClosed(String stepId, String user, Instant at, String childJobId) implements JobEvent {
        @Override
        public ObjectNode details() {
            return Details.of().put("childJobId", childJobId).node();
        }
    }

    // What people do to a current step

    record StepStarted(String stepId, String user, Instant at) implements JobEvent {}

    record StepStopped(String stepId, String user, Instant at) implements JobEvent {}

    /**
     * A person ended the step, answering its token, {@code duration} after it started (else after
     * it became current), with a return code and a comment (either may be null).
     */
    sealed interface StepEnded extends JobEvent {
        Duration duration();

        String returnCode();

        String comment();

        @Override
        default Long durationSeconds() {
            return duration().toSeconds();
        }

        @Override
        default ObjectNode details() {
            return Details.of().put("returnCode", returnCode()).put("comment", comment()).node();
        }
    }

    record StepFinished(String stepId, String user, Instant at, Duration duration, String returnCode, String comment)
            implements StepEnded {}

    /** A person decided to route on past a failed step as if it had finished with {@code returnCode}. */
    record StepSkipped(String stepId, String user, Instant at, Duration duration, String returnCode, String comment)
            implements StepEnded {}

    /** A person decided to run a failed step again. */
    record StepRetried(String stepId, String user, Instant at) implements JobEvent {}

    /** Put on hold, until released by hand or at {@code scheduledRelease} (null: by hand only). */
    record StepHeld(String stepId, String user, Instant at, String scheduledRelease, String comment) implements JobEvent {
        @Override
        public ObjectNode details() {
            return Details.of().put("scheduledRelease", scheduledRelease).put("comment", comment).node();
        }
    }

    record StepHoldReleased(String stepId, String user, Instant at, String comment) implements JobEvent {
        @Override
        public String action() {
            return "HoldReleased";
        }

        @Override
        public ObjectNode details() {
            return Details.of().put("comment", comment).node();
        }
    }

    /** A hold's scheduled release came. */
    record HoldReleasedOnSchedule(String stepId, String user, Instant at) implements JobEvent {}

    record StepAssigned(String stepId, String user, Instant at, String assignedType, String assignedTo, String comment)
            implements JobEvent {
        @Override
        public ObjectNode details() {
            return Details.of().put("assignedType", assignedType).put("assignedTo", assignedTo)
                    .put("comment", comment).node();
        }
    }

    /** {@code user} claimed a step assigned to their {@code group}: it is assigned to them now. */
    record StepClaimed(String stepId, String user, Instant at, String group) implements JobEvent {
        @Override
        public ObjectNode details() {
            return Details.of().put("group", group).node();
        }
    }

    /** {@code user} gave a step they had claimed back to the {@code group} it was claimed from. */
    record StepGivenBack(String stepId, String user, Instant at, String group) implements JobEvent {
        @Override
        public ObjectNode details() {
            return Details.of().put("group", group).node();
        }
    }
}
