package dev.wfm.local.stepfunctions.definition;

import java.util.Map;

/**
 * What one expression evaluation sees.
 *
 * @param states the {@code $states} object (input, result, errorOutput, context)
 * @param variables the workflow variables in scope, bound as {@code $name}
 * @param nowMillis what {@code $now()} and {@code $millis()} answer: the time of the step being
 *     evaluated, taken from its history event so that a replay evaluates the same way
 */
public record Bindings(Map<String, Object> states, Map<String, Object> variables, long nowMillis) {}
