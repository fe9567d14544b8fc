package dev.wfm.local.lambda;

/**
 * Runs a Lambda function: for a Task state of the local Step Functions, a route of the local HTTP
 * API or a scheduled rule. The local cloud implements it by calling the handler in-process
 * ({@link InProcessLambdas}); tests implement it with fakes.
 */
@FunctionalInterface
public interface LambdaInvoker {

    /**
     * Invokes the function synchronously (invocation type RequestResponse).
     *
     * @return the function's answer; a function error is an answer too ({@code functionError != null})
     * @throws LambdaInvokeException when the invocation itself fails, e.g. the function does not exist
     */
    LambdaResult invoke(String functionNameOrArn, byte[] payloadJson) throws LambdaInvokeException;
}
