/**
 * A local AWS Step Functions for the local cloud: the real JSON protocol, Amazon States Language in
 * JSONata mode, Lambda tasks run in-process.
 *
 * <p>Public: {@link dev.wfm.local.stepfunctions.StepFunctionsService}, the
 * {@link dev.wfm.local.stepfunctions.LambdaInvoker} it calls, and a benchmark. Everything else is
 * package-private, in layers:
 * <ul>
 *   <li>definition: {@code DefinitionParser} compiles a definition into {@code StateGraph}s of
 *       {@code State}s whose fields are {@code Template}s, every {@code {% %}} expression parsed once
 *       into a {@code JsonataExpression} that evaluates concurrently with per-evaluation bindings;</li>
 *   <li>runtime: {@code ExecutionRunner} walks graphs ({@code GraphWalk}) with {@code FlowStates},
 *       {@code TaskStates} and {@code BranchingStates}, Retry and Catch in {@code ErrorHandling};
 *       waits are futures on {@code Workers}' timer, so no thread waits for a token or a timer;</li>
 *   <li>history and replay: {@code History} is both the execution's event list and its journal.
 *       Events carry deterministic keys (branch path, state, visit, attempt); re-running an execution
 *       after a restart finds its recorded events by key instead of redoing them;</li>
 *   <li>persistence: {@code Store}, in memory or as files ({@code FileStore});</li>
 *   <li>protocol: {@code ProtocolHandler} and {@code Operations} answer as AWS does, errors included.</li>
 * </ul>
 */
package dev.wfm.local.stepfunctions;
