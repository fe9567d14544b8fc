package dev.wfm.jobs.actions;

import dev.wfm.jobs.Actor;
import dev.wfm.jobs.CurrentStep;
import dev.wfm.jobs.Job;
import dev.wfm.jobs.Rejection;
import dev.wfm.jobs.StepStatus;
import java.util.Optional;

/** The small named checks step commands are made of; each passes (empty) or says why not. */
final class Guards {
    private Guards() {}

    static Optional<Rejection> notHeld(CurrentStep step) {
        return step.status() == StepStatus.Held
                ? Optional.of(Rejection.conflict("STEP_HELD", "Expected step '" + step.stepId()
                        + "' to be free to work on, but it is on hold. Release the hold (ReleaseHold) first."))
                : Optional.empty();
    }

    static Optional<Rejection> notDependent(Job job, CurrentStep step) {
        return job.dependencies().stream()
                .filter(dependency -> dependency.stepId().equals(step.stepId()))
                .findFirst()
                .map(dependency -> Rejection.conflict("STEP_DEPENDENT", "Step '" + step.stepId() + "' waits for step '"
                        + dependency.onStepId() + "' of job '" + dependency.onJobId() + "' to finish. Finish that step or release the dependency."));
    }

    static Optional<Rejection> mayWorkOn(Actor actor, CurrentStep step) {
        return actor.mayWorkOn(step)
                ? Optional.empty()
                : Optional.of(Rejection.denied("NOT_ASSIGNED", "Step '" + step.stepId() + "' is assigned to "
                        + step.assignedType() + " '" + step.assignedTo() + "', not to you. Ask a manager to reassign it."));
    }

    static Optional<Rejection> manages(Actor actor, String what) {
        return actor.manages()
                ? Optional.empty()
                : Optional.of(Rejection.denied("NOT_PERMITTED", what + " needs the manager or admin role in this workflow item."));
    }

    static Optional<Rejection> status(CurrentStep step, StepStatus expected, String hint) {
        return step.status() == expected
                ? Optional.empty()
                : Optional.of(Rejection.conflict("STEP_NOT_" + expected.name().toUpperCase(), "Expected step '" + step.stepId()
                        + "' to be " + expected + ", but it is " + step.status() + ". " + hint));
    }

    @SafeVarargs
    static Optional<Rejection> first(java.util.function.Supplier<Optional<Rejection>>... checks) {
        for (var check : checks) {
            Optional<Rejection> rejection = check.get();
            if (rejection.isPresent()) {
                return rejection;
            }
        }
        return Optional.empty();
    }
}
