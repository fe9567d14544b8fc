package dev.wfm.sockets;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.wfm.common.Json;
import dev.wfm.diagrams.Step;
import dev.wfm.events.StreamedEvent;
import dev.wfm.jobs.events.JobEvent.AttachmentAdded;
import dev.wfm.jobs.events.JobEvent.AttachmentRemoved;
import dev.wfm.jobs.events.JobEvent.ChildJobClosed;
import dev.wfm.jobs.events.JobEvent.ChildJobCreated;
import dev.wfm.jobs.events.JobEvent.CommentAdded;
import dev.wfm.jobs.events.JobEvent.CurrentStepSet;
import dev.wfm.jobs.events.JobEvent.DependencyAdded;
import dev.wfm.jobs.events.JobEvent.DependencyReleased;
import dev.wfm.jobs.events.JobEvent.ExecutionRestarted;
import dev.wfm.jobs.events.JobEvent.HoldReleasedOnSchedule;
import dev.wfm.jobs.events.JobEvent.JobAssigned;
import dev.wfm.jobs.events.JobEvent.JobClosed;
import dev.wfm.jobs.events.JobEvent.JobCompleted;
import dev.wfm.jobs.events.JobEvent.JobCreated;
import dev.wfm.jobs.events.JobEvent.JobOverdue;
import dev.wfm.jobs.events.JobEvent.JobPaused;
import dev.wfm.jobs.events.JobEvent.JobReopened;
import dev.wfm.jobs.events.JobEvent.JobResumed;
import dev.wfm.jobs.events.JobEvent.JobUpdated;
import dev.wfm.jobs.events.JobEvent.JobUpgraded;
import dev.wfm.jobs.events.JobEvent.StepAssigned;
import dev.wfm.jobs.events.JobEvent.StepBecameCurrent;
import dev.wfm.jobs.events.JobEvent.StepClaimed;
import dev.wfm.jobs.events.JobEvent.StepFailed;
import dev.wfm.jobs.events.JobEvent.StepFinished;
import dev.wfm.jobs.events.JobEvent.StepGivenBack;
import dev.wfm.jobs.events.JobEvent.StepHeld;
import dev.wfm.jobs.events.JobEvent.StepHoldReleased;
import dev.wfm.jobs.events.JobEvent.StepRetried;
import dev.wfm.jobs.events.JobEvent.StepSkipped;
import dev.wfm.jobs.events.JobEvent.StepStarted;
import dev.wfm.jobs.events.JobEvent.StepStartedAutomatically;
import dev.wfm.jobs.events.JobEvent.StepStopped;
import dev.wfm.jobs.events.JobEvent.WaitEnded;
import dev.wfm.jobs.events.JobEvent.WaitStarted;
import dev.wfm.jobs.events.JobEvent.WaitingForChildJob;
import dev.wfm.jobs.events.JobEvent.WebRequestFinished;
import dev.wfm.jobs.events.JobEvent;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;

/**
 * Job events as the messages connected clients get, named as the seed product names them:
 * {@code message} holds {@code itemId}, {@code jobId}, {@code stepIds} for an event at a step, who
 * ({@code user}) and when ({@code date}), and what the event adds. Events that tell only how the
 * execution drives a job (a restarted execution, a child job created or waited for) send nothing.
 * A question step that became current is {@code StepInfoRequired}, with its question and answers,
 * which a client answers with {@code stepInfoResponse}. Every event type has its entry here, by its
 * name (a test holds every {@link JobEvent} type to it).
 */
public final class SocketMessages {
    /** How one type of event becomes a message: fills in {@code message}, answers the msgType. */
    @FunctionalInterface
    private interface Mapping<E extends JobEvent> {
        String fill(E event, ObjectNode message, Function<String, Optional<Step>> steps);
    }

    private static final Map<String, Mapping<JobEvent>> MAPPINGS = new HashMap<>();
    /** Events that tell how the execution drives the job, not what happened to it: no message. */
    private static final Set<String> SILENT = Set.of(ExecutionRestarted.class.getSimpleName(), ChildJobCreated.class.getSimpleName(),
            WaitingForChildJob.class.getSimpleName());

    static {
        on(JobCreated.class, (e, m, s) -> "JobCreated");
        on(JobUpdated.class, (e, m, s) -> "JobUpdated");
        on(JobAssigned.class, (e, m, s) -> {
            m.put("assignedType", e.assignedType()).put("assignedTo", e.assignedTo());
            return "JobUpdated";
        });
        on(JobUpgraded.class, (e, m, s) -> {
            m.put("fromVersion", e.fromVersion()).put("toVersion", e.toVersion());
            return "JobUpdated";
        });
        on(DependencyAdded.class, (e, m, s) -> dependency(m, e.onJobId(), e.onStepId()));
        on(DependencyReleased.class, (e, m, s) -> dependency(m, e.onJobId(), e.onStepId()));
        on(CommentAdded.class, (e, m, s) -> {
            m.put("commentId", e.commentId()).put("comment", e.comment());
            return "JobCommentUpdated";
        });
        on(AttachmentAdded.class, (e, m, s) -> attachment(m, e.attachmentId(), e.name(), "added"));
        on(AttachmentRemoved.class, (e, m, s) -> attachment(m, e.attachmentId(), e.name(), "removed"));
        on(JobClosed.class, (e, m, s) -> "JobClosed");
        on(JobReopened.class, (e, m, s) -> "JobReopened");
        on(JobPaused.class, (e, m, s) -> "JobPaused");
        on(JobResumed.class, (e, m, s) -> "JobResumed");
        on(JobCompleted.class, (e, m, s) -> "JobCompleted");
        on(StepBecameCurrent.class, (e, m, s) -> current(m, s.apply(e.stepId())));
        on(CurrentStepSet.class, (e, m, s) -> current(m, s.apply(e.stepId())));
        on(StepStarted.class, (e, m, s) -> "StepStarted");
        on(StepStartedAutomatically.class, (e, m, s) -> "StepStarted");
        on(StepRetried.class, (e, m, s) -> "StepStarted");
        on(WaitStarted.class, (e, m, s) -> {
            m.put("until", e.until());
            return "StepStarted";
        });
        on(StepFinished.class, (e, m, s) -> finished(m, e.returnCode(), e.comment()));
        on(StepSkipped.class, (e, m, s) -> finished(m, e.returnCode(), e.comment()));
        on(WebRequestFinished.class, (e, m, s) -> finished(m, e.returnCode(), null));
        on(WaitEnded.class, (e, m, s) -> finished(m, null, null));
        on(ChildJobClosed.class, (e, m, s) -> {
            m.put("childJobId", e.childJobId());
            return finished(m, null, null);
        });
        on(StepStopped.class, (e, m, s) -> "StepStopped");
        on(StepFailed.class, (e, m, s) -> {
            m.put("error", e.error());
            return "StepError";
        });
        on(StepHeld.class, (e, m, s) -> {
            m.put("scheduledRelease", e.scheduledRelease()).put("comment", e.comment());
            return "StepHeld";
        });
        on(StepHoldReleased.class, (e, m, s) -> {
            m.put("comment", e.comment());
            return "StepHoldReleased";
        });
        on(HoldReleasedOnSchedule.class, (e, m, s) -> "StepHoldReleased");
        on(StepAssigned.class, (e, m, s) -> {
            m.put("assignedType", e.assignedType()).put("assignedTo", e.assignedTo()).put("comment", e.comment());
            return "StepReassigned";
        });
        on(StepClaimed.class, (e, m, s) -> {
            m.put("assignedType", "User").put("assignedTo", e.user()).put("claimedFrom", e.group());
            return "StepReassigned";
        });
        on(StepGivenBack.class, (e, m, s) -> {
            m.put("assignedType", "Group").put("assignedTo", e.group());
            return "StepReassigned";
        });
        on(JobOverdue.class, (e, m, s) -> {
            m.put("dueDate", e.dueDate()).put("effectiveDueDate", e.effectiveDueDate());
            return "JobOverdue";
        });
    }

    private SocketMessages() {}

    /** The message for the event, if it sends one; {@code steps} gives a step of the job's diagram version, read only when needed. */
    public static Optional<SocketMessage> of(StreamedEvent streamed, Function<String, Optional<Step>> steps) {
        JobEvent event = streamed.event();
        Mapping<JobEvent> mapping = MAPPINGS.get(event.getClass().getSimpleName());
        if (mapping == null) {
            return Optional.empty();
        }
        ObjectNode message = Json.object().put("itemId", streamed.itemId()).put("jobId", streamed.jobId());
        if (event.stepId() != null) {
            message.putArray("stepIds").add(event.stepId());
        }
        message.put("user", event.user()).put("date", event.at().toString());
        return Optional.of(new SocketMessage(mapping.fill(event, message, steps), streamed.eventId(), message));
    }

    /** Whether the event type has its entry: a message, or deliberately none. */
    static boolean covers(Class<? extends JobEvent> type) {
        return MAPPINGS.containsKey(type.getSimpleName()) || SILENT.contains(type.getSimpleName());
    }

    @SuppressWarnings("unchecked")
    private static <E extends JobEvent> void on(Class<E> type, Mapping<E> mapping) {
        MAPPINGS.put(type.getSimpleName(), (Mapping<JobEvent>) (Mapping<?>) mapping);
    }

    /** A step that became current: a question asks for an answer ({@code StepInfoRequired}). */
    private static String current(ObjectNode message, Optional<Step> step) {
        if (step.orElse(null) instanceof Step.Question question) {
            message.put("question", question.question());
            ArrayNode answers = message.putArray("answers");
            question.answers().forEach(answer -> answers.addObject().put("name", answer.name()).put("value", answer.value()));
            return "StepInfoRequired";
        }
        return "StepBecameCurrent";
    }

    private static String finished(ObjectNode message, String returnCode, String comment) {
        message.put("returnCode", returnCode).put("comment", comment);
        return "StepFinished";
    }

    private static String attachment(ObjectNode message, String attachmentId, String name, String change) {
        message.put("attachmentId", attachmentId).put("name", name).put("change", change);
        return "JobAttachmentUpdated";
    }

    private static String dependency(ObjectNode message, String onJobId, String onStepId) {
        message.putObject("dependsOn").put("jobId", onJobId).put("stepId", onStepId);
        return "JobUpdated";
    }
}
