package dev.wfm.jobs.commands;

import dev.wfm.security.Privilege;
import dev.wfm.jobs.Actor;
import dev.wfm.jobs.CurrentStep;
import dev.wfm.jobs.DiagramCatalog;
import dev.wfm.jobs.Job;
import dev.wfm.jobs.Rejection;
import dev.wfm.jobs.StepStatus;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * The named checks commands are made of; each passes (empty) or says why not, in the voice of the
 * style guide: what was expected, what was found, what to do instead.
 */
public final class Guards {
    private Guards() {}

    /** The job is open; {@code rest} ends the sentence "Job 'x' is closed". */
    public static Optional<Rejection> open(Job job, String rest) {
        return job.closed()
                ? Optional.of(Rejection.conflict("JOB_CLOSED", "Job '" + job.jobId() + "' is closed" + rest))
                : Optional.empty();
    }

    /** The job runs; {@code rest} ends the sentence "Job 'x' is paused". */
    public static Optional<Rejection> notPaused(Job job, String rest) {
        return job.paused()
                ? Optional.of(Rejection.conflict("JOB_PAUSED", "Job '" + job.jobId() + "' is paused" + rest))
                : Optional.empty();
    }

    public static Optional<Rejection> closed(Job job) {
        return job.closed()
                ? Optional.empty()
                : Optional.of(Rejection.conflict("JOB_NOT_CLOSED", "Job '" + job.jobId() + "' is open; only a closed job can be reopened."));
    }

    public static Optional<Rejection> paused(Job job) {
        return job.paused()
                ? Optional.empty()
                : Optional.of(Rejection.conflict("JOB_NOT_PAUSED", "Job '" + job.jobId() + "' is not paused."));
    }

    /** Step {@code stepId} is one of the job's current steps, or why not: not in its diagram, or elsewhere in the flow. */
    public static Optional<Rejection> current(Job job, String stepId, DiagramCatalog diagrams) {
        if (job.currentStep(stepId).isPresent()) {
            return Optional.empty();
        }
        Optional<Rejection> unknown = inDiagram(job, stepId, diagrams);
        if (unknown.isPresent()) {
            return unknown;
        }
        List<String> current = job.currentSteps().stream().map(CurrentStep::stepId).toList();
        return Optional.of(Rejection.conflict("STEP_NOT_CURRENT", "Expected step '" + stepId
                + "' to be current, but the current steps are " + current + ". Use SetCurrentStep to return to it."));
    }

    /** The job's diagram version has step {@code stepId}. */
    public static Optional<Rejection> inDiagram(Job job, String stepId, DiagramCatalog diagrams) {
        return diagrams.step(job, stepId).isPresent()
                ? Optional.empty()
                : Optional.of(Rejection.notFound("UNKNOWN_STEP",
                        "Diagram '" + job.diagramId() + "' version " + job.diagramVersion() + " has no step '" + stepId + "'."));
    }

    public static Optional<Rejection> notHeld(CurrentStep step) {
        return step.status() == StepStatus.Held
                ? Optional.of(Rejection.conflict("STEP_HELD", "Expected step '" + step.stepId()
                        + "' to be free to work on, but it is on hold. Release the hold (ReleaseHold) first."))
                : Optional.empty();
    }

    /** The step is not one the worker is running: that ends by itself, with its outcome or its failure. */
    public static Optional<Rejection> notRunning(CurrentStep step) {
        return step.running()
                ? Optional.of(Rejection.conflict("STEP_RUNNING", "Expected step '" + step.stepId() + "' to wait for a person, but it is "
                        + "running by itself (a " + step.stepType() + " step). It moves on when it is done; if it fails, Run retries it "
                        + "and Finish skips it."))
                : Optional.empty();
    }

    public static Optional<Rejection> notDependent(Job job, CurrentStep step) {
        return job.dependencies().stream()
                .filter(dependency -> dependency.stepId().equals(step.stepId()))
                .findFirst()
                .map(dependency -> Rejection.conflict("STEP_DEPENDENT", "Step '" + step.stepId() + "' waits for step '"
                        + dependency.onStepId() + "' of job '" + dependency.onJobId() + "' to finish. Finish that step or release the dependency."));
    }

    public static Optional<Rejection> mayWorkOn(Actor actor, CurrentStep step) {
        return actor.mayWorkOn(step)
                ? Optional.empty()
                : Optional.of(Rejection.denied("NOT_ASSIGNED", "Step '" + step.stepId() + "' is assigned to "
                        + step.assignedType() + " '" + step.assignedTo() + "', not to you. Ask a manager to reassign it."));
    }

    /** The step is assigned to a group (what a worker can claim), not to a user or nobody. */
    public static Optional<Rejection> assignedToGroup(Actor actor, CurrentStep step) {
        if ("Group".equals(step.assignedType())) {
            return Optional.empty();
        }
        boolean yours = "User".equals(step.assignedType()) && actor.user().equals(step.assignedTo());
        return Optional.of(Rejection.conflict(yours ? "STEP_ALREADY_YOURS" : "STEP_NOT_GROUP_ASSIGNED", "Expected step '"
                + step.stepId() + "' to be assigned to a group to claim it, but it is " + (yours ? "assigned to you already."
                : "User".equals(step.assignedType()) ? "assigned to user '" + step.assignedTo() + "'. Ask a manager to reassign it."
                : "unassigned: anyone may work on it.")));
    }

    /** The caller belongs to the group the step is assigned to. */
    public static Optional<Rejection> inAssignedGroup(Actor actor, CurrentStep step) {
        return actor.groups().contains(step.assignedTo())
                ? Optional.empty()
                : Optional.of(Rejection.denied("NOT_IN_GROUP", "Step '" + step.stepId() + "' is assigned to group '" + step.assignedTo()
                        + "', and you are not one of its members. Ask a manager to assign it to you."));
    }

    /** The step was claimed from a group, and by the caller: only then is there a claim of theirs to give back. */
    public static Optional<Rejection> claimedBy(Actor actor, CurrentStep step) {
        if (step.claimedFrom() == null) {
            return Optional.of(Rejection.conflict("STEP_NOT_CLAIMED", "Expected step '" + step.stepId()
                    + "' to be claimed from a group to give it back, but it is assigned to " + step.assignedType() + " '"
                    + step.assignedTo() + "' without a claim. Ask a manager to reassign it."));
        }
        return actor.user().equals(step.assignedTo())
                ? Optional.empty()
                : Optional.of(Rejection.denied("NOT_YOUR_CLAIM", "Step '" + step.stepId() + "' was claimed by '" + step.assignedTo()
                        + "', not by you: only they can give it back to group '" + step.claimedFrom() + "'."));
    }

    public static Optional<Rejection> may(Actor actor, Privilege privilege, String what) {
        return actor.may(privilege)
                ? Optional.empty()
                : Optional.of(Rejection.denied("NOT_PERMITTED", what + " needs the privilege '" + privilege.key() + "' in this workflow item."));
    }

    public static Optional<Rejection> status(CurrentStep step, StepStatus expected, String hint) {
        return step.status() == expected
                ? Optional.empty()
                : Optional.of(Rejection.conflict("STEP_NOT_" + expected.name().toUpperCase(), "Expected step '" + step.stepId()
                        + "' to be " + expected + ", but it is " + step.status() + ". " + hint));
    }

    /** A question's return code is one of its answers (a failed step is skipped with any). */
    public static Optional<Rejection> validAnswer(CurrentStep step, String returnCode) {
        if (step.status() == StepStatus.Failed || step.answers() == null || step.answers().isEmpty()) {
            return Optional.empty();
        }
        if (returnCode == null || !step.answers().contains(returnCode)) {
            return Optional.of(Rejection.invalid("INVALID_RETURN_CODE", "Expected the answer to question step '" + step.stepId()
                    + "' to be one of " + step.answers() + ", but got " + (returnCode == null ? "none" : "'" + returnCode + "'") + "."));
        }
        return Optional.empty();
    }

    /** A hold's scheduled release, when it has one, is after {@code now}. */
    public static Optional<Rejection> releaseInFuture(Instant scheduledRelease, Instant now) {
        return scheduledRelease != null && !scheduledRelease.isAfter(now)
                ? Optional.of(Rejection.invalid("INVALID_RELEASE", "scheduledRelease must be in the future"))
                : Optional.empty();
    }
}
