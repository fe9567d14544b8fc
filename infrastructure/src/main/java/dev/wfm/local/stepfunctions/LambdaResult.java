package dev.wfm.local.stepfunctions;

/**
 * What Lambda's Invoke answers: the payload, and {@code functionError} ("Unhandled") when the
 * function threw, in which case the payload is {@code {"errorMessage","errorType","stackTrace"}}.
 */
public record LambdaResult(byte[] payload, String functionError, String executedVersion) {}
