package dev.wfm.local.stepfunctions;

/** A state machine as created or last updated, with its compiled definition. */
record StateMachine(String name, String arn, String definition, String roleArn, long creationDate, long updateDate,
    String revisionId, StateMachineDefinition compiled) {}
