package dev.wfm.local.stepfunctions;

/**
 * A definition compiled once, at CreateStateMachine, UpdateStateMachine or load.
 *
 * @param timeoutSeconds the execution's time limit, null for none
 */
record StateMachineDefinition(StateGraph graph, Integer timeoutSeconds) {}
