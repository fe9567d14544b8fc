package dev.wfm.local.stepfunctions.execution;

/** Where a state sends its output; {@code next} is null when the state ends its graph. */
record Transition(String next, Object output) {}
