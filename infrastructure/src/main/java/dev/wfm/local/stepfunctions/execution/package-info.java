/**
 * The interpreter. {@code Interpreter} runs each {@code Execution} with an {@code ExecutionRunner},
 * which walks its graphs ({@code GraphWalk}) state by state. The state kinds, {@code FlowStates},
 * {@code TaskStates} and {@code BranchingStates}, with Retry and Catch in {@code ErrorHandling},
 * see the execution only through their {@code StateContext}. Waits are futures on
 * {@code Workers}' timer, so no thread waits for a token or a timer; {@code TaskTokens} holds the
 * tasks that wait for one.
 *
 * <p>Depends on {@code definition} and {@code history}, and on {@code dev.wfm.local.lambda} for
 * the functions Task states invoke.
 */
package dev.wfm.local.stepfunctions.execution;
