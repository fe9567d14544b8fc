package dev.wfm.local.stepfunctions.definition;

/**
 * A definition compiled once, at CreateStateMachine, UpdateStateMachine or load.
 *
 * @param timeoutSeconds the execution's time limit, null for none
 */
public record StateMachineDefinition(StateGraph graph, Integer timeoutSeconds) {}
