package dev.wfm.jobs.runtime;

/**
 * An automated step failed in a way that may pass when tried again (no answer in time, no
 * connection, a 5xx or 429 answer): the step's retry policy retries it (see execution.ExecutionContract).
 */
public final class TransientStepFailure extends StepFailure {
    public TransientStepFailure(String message) {
        super(message);
    }
}
