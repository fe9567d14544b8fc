package dev.wfm.local.stepfunctions.execution;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.wfm.local.stepfunctions.definition.Bindings;
import dev.wfm.local.stepfunctions.definition.State;
import dev.wfm.local.stepfunctions.definition.StateGraph;
import dev.wfm.local.stepfunctions.definition.StatesError;
import dev.wfm.local.stepfunctions.definition.Template;
import dev.wfm.local.stepfunctions.history.HistoryEvent;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;
import java.util.concurrent.ScheduledFuture;

/**
 * What a state kind ({@link FlowStates}, {@link TaskStates}, {@link BranchingStates} and their
 * {@link ErrorHandling}) may ask of the execution it runs in. The {@link ExecutionRunner} answers;
 * how the execution starts and ends, and which state runs next, stay out of a state kind's reach.
 */
interface StateContext {

    /** Records the state's Entered event: the visit starts. */
    Visit enter(State state, Object input, Branch branch);

    /** Evaluates Output and Assign against the same bindings (AWS evaluates them side by side), then leaves. */
    Transition leave(Visit visit, Bindings bindings, Template output, Template assign, Object defaultOutput, String next)
            throws StatesError;

    /** Leaves a Task, Parallel or Map state with its result. */
    Transition leaveWithResult(Visit visit, Template output, Template assign, Object result, String next)
            throws StatesError;

    /** What the visit's expressions see: {@code $states.input}, {@code $states.context} and the variables. */
    Bindings bindings(Visit visit);

    /** With {@code $states.result} or {@code $states.errorOutput}. */
    Bindings bindings(Visit visit, String member, Object value);

    /** For a Map's ItemSelector: the context has {@code Map.Item.Index} and {@code Map.Item.Value}. */
    Bindings itemBindings(Visit visit, int index, Object item);

    /** Appends an event after the branch's latest, or answers the one an earlier run recorded under key and type. */
    HistoryEvent emit(Branch branch, String key, String type, ObjectNode details, ObjectNode internal);

    default HistoryEvent emit(Branch branch, String key, String type, ObjectNode details) {
        return emit(branch, key, type, details, null);
    }

    /** The event recorded under key and type, by this run or before a restart; null if none. */
    HistoryEvent recorded(String key, String type);

    /** Records an internal fact for replay, such as when a retry is due; answers the recorded one if there is. */
    HistoryEvent mark(String key, String type, ObjectNode internal);

    /** Completes at the given time, or at once if it has passed; cancelled with the scope. */
    CompletableFuture<Void> sleepUntil(long epochMillis, Cancellation scope);

    ScheduledFuture<?> schedule(Runnable action, long delayMillis);

    /** Where a state continues once what it waited for has arrived: short work, never blocking. */
    Executor steps();

    /**
     * Invokes a Lambda function off the interpreter's threads.
     *
     * @param wrapped answer lambda:invoke's shape {@code {ExecutedVersion, Payload, StatusCode, ...}}
     *     rather than the bare payload a plain Lambda ARN task gets
     */
    CompletableFuture<Object> invokeLambda(String function, Object payload, boolean wrapped);

    TaskTokens tokens();

    /** The region task events name. */
    String region();

    /** Walks a Parallel branch or a Map iteration to its end. */
    CompletableFuture<Object> runBranch(StateGraph graph, Object input, Branch branch);
}
