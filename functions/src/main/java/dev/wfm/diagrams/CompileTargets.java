package dev.wfm.diagrams;

/**
 * The Lambda functions a compiled state machine calls.
 *
 * @param activationFunctionArn makes steps current and keeps task tokens (see {@link dev.wfm.execution.ExecutionContract})
 * @param workerFunctionArn runs automated steps
 */
public record CompileTargets(String activationFunctionArn, String workerFunctionArn) {
    public CompileTargets {
        if (activationFunctionArn == null || activationFunctionArn.isBlank()
                || workerFunctionArn == null || workerFunctionArn.isBlank()) {
            throw new IllegalArgumentException("Both function ARNs are required");
        }
    }
}
