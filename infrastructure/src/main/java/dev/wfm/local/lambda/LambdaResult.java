package dev.wfm.local.lambda;

/**
 * What Lambda's Invoke answers.
 *
 * @param payload the function's JSON answer; on a function error, {@code {"errorMessage","errorType","stackTrace"}}
 * @param functionError null on success, else "Unhandled" (Lambda's X-Amz-Function-Error)
 * @param executedVersion e.g. "$LATEST"
 */
public record LambdaResult(byte[] payload, String functionError, String executedVersion) {}
