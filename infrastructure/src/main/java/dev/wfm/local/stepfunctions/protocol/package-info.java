/**
 * The Step Functions API: {@code ProtocolHandler} speaks the AWS JSON 1.0 protocol and
 * {@code Operations} answer as AWS does, refusals included ({@code SfnApiException} with an
 * {@code ApiError}). The {@code Engine} holds the state machines and executions they act on,
 * with AWS's rules for names, ARNs, idempotent starts and deletes.
 *
 * <p>Depends on every other layer: {@code definition}, {@code history}, {@code execution} and
 * {@code persistence}.
 */
package dev.wfm.local.stepfunctions.protocol;
