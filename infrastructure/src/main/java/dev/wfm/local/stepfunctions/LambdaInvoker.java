package dev.wfm.local.stepfunctions;

/** Runs a Lambda function for a task state; the local cloud implements it with the in-process handlers. */
public interface LambdaInvoker {
    LambdaResult invoke(String functionNameOrArn, byte[] payloadJson) throws LambdaInvokeException;
}
