/**
 * A local AWS Step Functions for the local cloud: the real JSON protocol, Amazon States Language in
 * JSONata mode, Lambda tasks run in-process through a {@link dev.wfm.local.lambda.LambdaInvoker}.
 *
 * <p>Public here: {@link dev.wfm.local.stepfunctions.StepFunctionsService}, which wires the layers
 * below, each a package that depends only on those listed before it (no cycles):
 * <ol>
 *   <li>{@link dev.wfm.local.stepfunctions.definition definition}: definitions compiled into
 *       states whose fields are JSONata templates, and the JSON values they evaluate;</li>
 *   <li>{@link dev.wfm.local.stepfunctions.history history}: an execution's events, which are
 *       also its replay journal;</li>
 *   <li>{@link dev.wfm.local.stepfunctions.execution execution}: the interpreter that walks the
 *       states, with waits that hold no thread;</li>
 *   <li>{@link dev.wfm.local.stepfunctions.persistence persistence}: state machines and executions
 *       in memory or as files;</li>
 *   <li>{@link dev.wfm.local.stepfunctions.protocol protocol}: the API's operations over the AWS
 *       JSON 1.0 protocol, errors included, and the state machines and executions they manage.</li>
 * </ol>
 * Within a layer everything is package-private except what the layers above use.
 */
package dev.wfm.local.stepfunctions;
