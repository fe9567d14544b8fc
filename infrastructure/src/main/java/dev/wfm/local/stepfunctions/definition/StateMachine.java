package dev.wfm.local.stepfunctions.definition;

/** A state machine as created or last updated, with its compiled definition. */
public record StateMachine(String name, String arn, String definition, String roleArn, long creationDate, long updateDate,
    String revisionId, StateMachineDefinition compiled) {}
