package dev.wfm.local.stepfunctions.execution;

import dev.wfm.local.stepfunctions.definition.State;

/** One visit of a state by a branch. */
final class Visit {

    final State state;
    final Branch branch;
    /** The replay key of this visit; its attempts append ".0", ".1", ... */
    final String key;
    final Object input;
    final long enteredMillis;
    /** {@code $states.context.State.RetryCount}. */
    int retryCount;
    /** {@code $states.context.Task.Token}, for a waitForTaskToken task only. */
    String taskToken;

    Visit(State state, Branch branch, String key, Object input, long enteredMillis) {
        this.state = state;
        this.branch = branch;
        this.key = key;
        this.input = input;
        this.enteredMillis = enteredMillis;
    }

    String attemptKey(int attempt) {
        return key + "." + attempt;
    }
}
