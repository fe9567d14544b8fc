package dev.wfm.local.stepfunctions.execution;

/**
 * What StartExecution fixed. The definition is the one in force at the start: updating the state
 * machine does not change running executions.
 */
public record ExecutionStart(String arn, String name, String stateMachineArn, String stateMachineName, String roleArn,
    String definition, String input, long startDate) {}
