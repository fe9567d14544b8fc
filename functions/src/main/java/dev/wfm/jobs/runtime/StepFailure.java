package dev.wfm.jobs.runtime;

/**
 * An automated step failed, final at once (a 4xx answer, a refused address, a template that does
 * not evaluate). Its message is what the user sees on the failed step, so it says in the
 * product's words what was done and what came back; its class name is the Lambda error name.
 */
public sealed class StepFailure extends RuntimeException permits TransientStepFailure {
    public StepFailure(String message) {
        // The message is the whole story; a stack trace would only travel into the execution history.
        super(message, null, false, false);
    }
}
