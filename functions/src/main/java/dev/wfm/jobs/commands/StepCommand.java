package dev.wfm.jobs.commands;

import dev.wfm.jobs.CurrentStep;
import dev.wfm.jobs.Decision;
import dev.wfm.jobs.Job;
import dev.wfm.jobs.Rejection;
import dev.wfm.jobs.StepStatus;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * A command on one current step of a job (the step actions but SetCurrentStep and RefreshStatus):
 * its guards, checked in order against the step, then the change it makes. The answer is the
 * step's status after it; a rejection answers the status the step has.
 */
public interface StepCommand {
    List<Guard> guards(Job job, CurrentStep step, Instant now);

    /** The change, once every guard passed: the job after it and the events it yields. */
    Decision.Accepted<StepStatus> change(Job job, CurrentStep step, Instant now);

    default Decision<StepStatus> decide(Job job, CurrentStep step, Instant now) {
        Optional<Rejection> refused = Guard.first(guards(job, step, now));
        return refused.isPresent() ? Decision.reject(refused.get(), step.status()) : change(job, step, now);
    }
}
