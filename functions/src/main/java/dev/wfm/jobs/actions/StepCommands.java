package dev.wfm.jobs.actions;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.wfm.common.Ids;
import dev.wfm.common.Json;
import dev.wfm.execution.ExecutionContract.Decided;
import dev.wfm.execution.ExecutionContract.Decision;
import dev.wfm.execution.ExecutionContract.StepDone;
import dev.wfm.jobs.Actor;
import dev.wfm.jobs.CurrentStep;
import dev.wfm.jobs.HistoryEntry;
import dev.wfm.jobs.Hold;
import dev.wfm.jobs.Job;
import dev.wfm.jobs.OwedCall;
import dev.wfm.jobs.Rejection;
import dev.wfm.jobs.StepStatus;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * The commands on one current step. Each checks its guards against the step; when they pass it
 * changes the job being built and adds the history entries; otherwise it changes nothing and
 * says why. The job-level guards (open, not paused) were checked before.
 */
final class StepCommands {
    private final Job.Builder job;
    private final Job before;
    private final Actor actor;
    private final Instant now;
    private final List<HistoryEntry> history;

    StepCommands(Job before, Job.Builder job, Actor actor, Instant now, List<HistoryEntry> history) {
        this.before = before;
        this.job = job;
        this.actor = actor;
        this.now = now;
        this.history = history;
    }

    StepResponse apply(ActionRequest request, CurrentStep step) {
        return switch (request.type()) {
            case Run -> run(step);
            case Finish -> finish(step, request.returnCode(), request.comment());
            case Stop -> stop(step);
            case Hold -> hold(step, request);
            case ReleaseHold -> release(step, request.comment());
            case Assign -> assign(step, request);
            default -> throw new IllegalArgumentException(request.type() + " is not a step command");
        };
    }

    /** Run starts a Ready step; on a Failed automated step it is the decision to try again. */
    private StepResponse run(CurrentStep step) {
        Optional<Rejection> refused = Guards.first(() -> Guards.notHeld(step), () -> Guards.notDependent(before, step),
                () -> Guards.mayWorkOn(actor, step));
        if (refused.isPresent()) {
            return StepResponse.refused(step.stepId(), step.status().name(), refused.get());
        }
        if (step.status() == StepStatus.Failed) {
            job.owedCalls.add(OwedCall.success(step, new Decided(Decision.RETRY, null, jobAfterThisChange())));
            job.removeStep(step.stepId());
            history.add(entry("StepRetried", step, null, null));
            return StepResponse.done(step.stepId(), StepStatus.Working.name());
        }
        Optional<Rejection> notReady = Guards.status(step, StepStatus.Ready, "Only a Ready step can be started.");
        if (notReady.isPresent()) {
            return StepResponse.refused(step.stepId(), step.status().name(), notReady.get());
        }
        job.replaceStep(step.withStatus(StepStatus.Working, now.toString()));
        history.add(entry("StepStarted", step, null, null));
        return StepResponse.done(step.stepId(), StepStatus.Working.name());
    }

    /**
     * Finish completes the step with a return code (a question's must be one of its answers) and
     * answers its task token, so the execution moves on. On a Failed step it is the decision to
     * skip it, routing on as if it had finished with that return code.
     */
    private StepResponse finish(CurrentStep step, String returnCode, String comment) {
        Optional<Rejection> refused = Guards.first(() -> Guards.notHeld(step), () -> Guards.notDependent(before, step),
                () -> Guards.mayWorkOn(actor, step), () -> validAnswer(step, returnCode));
        if (refused.isPresent()) {
            return StepResponse.refused(step.stepId(), step.status().name(), refused.get());
        }
        job.owedCalls.add(OwedCall.success(step, step.status() == StepStatus.Failed
                ? new Decided(Decision.SKIP, returnCode, jobAfterThisChange())
                : new StepDone(returnCode, jobAfterThisChange())));
        job.removeStep(step.stepId());
        Instant began = Instant.parse(step.started() != null ? step.started() : step.since());
        long seconds = Math.max(0, Duration.between(began, now).toSeconds());
        ObjectNode details = Json.object();
        if (returnCode != null) {
            details.put("returnCode", returnCode);
        }
        if (comment != null) {
            details.put("comment", comment);
        }
        history.add(new HistoryEntry(step.status() == StepStatus.Failed ? "StepSkipped" : "StepFinished", step.stepId(),
                actor.user(), now.toString(), seconds, details.isEmpty() ? null : details));
        return StepResponse.done(step.stepId(), StepStatus.Finished.name());
    }

    private StepResponse stop(CurrentStep step) {
        Optional<Rejection> refused = Guards.first(() -> Guards.mayWorkOn(actor, step),
                () -> Guards.status(step, StepStatus.Working, "Only a Working step can be stopped."));
        if (refused.isPresent()) {
            return StepResponse.refused(step.stepId(), step.status().name(), refused.get());
        }
        job.replaceStep(step.withStatus(StepStatus.Ready, null));
        history.add(entry("StepStopped", step, null, null));
        return StepResponse.done(step.stepId(), StepStatus.Ready.name());
    }

    private StepResponse hold(CurrentStep step, ActionRequest request) {
        Optional<Rejection> refused = Guards.first(() -> Guards.mayWorkOn(actor, step), () -> Guards.notHeld(step),
                () -> request.scheduledRelease() != null && !request.scheduledRelease().isAfter(now)
                        ? Optional.of(Rejection.invalid("INVALID_RELEASE", "scheduledRelease must be in the future"))
                        : Optional.empty());
        if (refused.isPresent()) {
            return StepResponse.refused(step.stepId(), step.status().name(), refused.get());
        }
        job.replaceStep(step.held());
        String release = request.scheduledRelease() == null ? null : request.scheduledRelease().toString();
        job.holds.add(new Hold(Ids.newId(now), step.stepId(), request.comment(), release, now.toString(), actor.user()));
        ObjectNode details = Json.object();
        if (release != null) {
            details.put("scheduledRelease", release);
        }
        history.add(entry("StepHeld", step, request.comment(), details));
        return StepResponse.done(step.stepId(), StepStatus.Held.name());
    }

    private StepResponse release(CurrentStep step, String comment) {
        Optional<Rejection> refused = Guards.first(() -> Guards.mayWorkOn(actor, step),
                () -> Guards.status(step, StepStatus.Held, "Only a held step can be released."));
        if (refused.isPresent()) {
            return StepResponse.refused(step.stepId(), step.status().name(), refused.get());
        }
        CurrentStep released = step.released();
        job.replaceStep(released);
        job.holds.removeIf(hold -> hold.stepId().equals(step.stepId()));
        history.add(entry("HoldReleased", step, comment, null));
        return StepResponse.done(step.stepId(), released.status().name());
    }

    private StepResponse assign(CurrentStep step, ActionRequest request) {
        Optional<Rejection> refused = Guards.manages(actor, "Assigning a step");
        if (refused.isPresent()) {
            return StepResponse.refused(step.stepId(), step.status().name(), refused.get());
        }
        var assignment = request.assignment();
        job.replaceStep(step.assigned(assignment.type().name(), assignment.to()));
        ObjectNode details = Json.object().put("assignedType", assignment.type().name());
        if (assignment.to() != null) {
            details.put("assignedTo", assignment.to());
        }
        history.add(entry("StepAssigned", step, request.comment(), details));
        return StepResponse.done(step.stepId(), step.status().name());
    }

    /** The job as the execution should see it: at the revision this change is saved at (a join keeps the newest branch's job). */
    private ObjectNode jobAfterThisChange() {
        return before.properties().put("revision", before.revision() + 1);
    }

    private static Optional<Rejection> validAnswer(CurrentStep step, String returnCode) {
        if (step.status() == StepStatus.Failed || step.answers() == null || step.answers().isEmpty()) {
            return Optional.empty();
        }
        if (returnCode == null || !step.answers().contains(returnCode)) {
            return Optional.of(Rejection.invalid("INVALID_RETURN_CODE", "Expected the answer to question step '" + step.stepId()
                    + "' to be one of " + step.answers() + ", but got " + (returnCode == null ? "none" : "'" + returnCode + "'") + "."));
        }
        return Optional.empty();
    }

    private HistoryEntry entry(String action, CurrentStep step, String comment, ObjectNode details) {
        ObjectNode all = details == null ? Json.object() : details;
        if (comment != null) {
            all.put("comment", comment);
        }
        return new HistoryEntry(action, step.stepId(), actor.user(), now.toString(), null, all.isEmpty() ? null : all);
    }
}
