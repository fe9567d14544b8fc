package dev.wfm.local.stepfunctions.execution;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.wfm.local.stepfunctions.definition.Bindings;
import dev.wfm.local.stepfunctions.definition.JsonValues;
import dev.wfm.local.stepfunctions.definition.State.MapState;
import dev.wfm.local.stepfunctions.definition.State.ParallelState;
import dev.wfm.local.stepfunctions.definition.StateGraph;
import dev.wfm.local.stepfunctions.definition.StatesError;
import dev.wfm.local.stepfunctions.history.HistoryEvent;
import java.util.List;
import java.util.concurrent.CompletableFuture;

/**
 * Parallel and Map states. Each branch or iteration walks in its own {@link Branch}, keyed under
 * the state's visit and attempt (e.g. "Fan#1.0[2]/") so replay finds its events; the first
 * failure cancels the others and fails the state with that error.
 */
final class BranchingStates {

    private final StateContext context;
    private final ErrorHandling errors;

    BranchingStates(StateContext context, ErrorHandling errors) {
        this.context = context;
        this.errors = errors;
    }

    CompletableFuture<Transition> parallel(ParallelState state, Object input, Branch branch) {
        Visit visit = context.enter(state, input, branch);
        CompletableFuture<Transition> done = errors
                .retrying(visit, state.retriers(), n -> parallelAttempt(state, visit, n))
                .thenCompose(result -> Futures.call(
                        () -> context.leaveWithResult(visit, state.output(), state.assign(), result, state.next())));
        return errors.catching(visit, state.catchers(), done);
    }

    private CompletableFuture<Object> parallelAttempt(ParallelState state, Visit visit, int attempt) throws StatesError {
        String key = visit.attemptKey(attempt);
        Object branchInput = state.arguments() == null ? visit.input : state.arguments().evaluate(context.bindings(visit));
        HistoryEvent started = context.emit(visit.branch, key, "ParallelStateStarted", null);
        Cancellation group = visit.branch.cancellation.child();
        List<StateGraph> graphs = state.branches();
        return finish(visit, key, "Parallel", group, BranchGroup.run(graphs.size(), 0, context.steps(),
                index -> {
                    Branch child = visit.branch.child(key + "[" + index + "]/", group.child(), started);
                    return release(child, context.runBranch(graphs.get(index), branchInput, child));
                }));
    }

    CompletableFuture<Transition> map(MapState state, Object input, Branch branch) {
        Visit visit = context.enter(state, input, branch);
        CompletableFuture<Transition> done = errors
                .retrying(visit, state.retriers(), n -> mapAttempt(state, visit, n))
                .thenCompose(result -> Futures.call(
                        () -> context.leaveWithResult(visit, state.output(), state.assign(), result, state.next())));
        return errors.catching(visit, state.catchers(), done);
    }

    private CompletableFuture<Object> mapAttempt(MapState state, Visit visit, int attempt) throws StatesError {
        String key = visit.attemptKey(attempt);
        Bindings bindings = context.bindings(visit);
        Object items = state.items() == null ? visit.input : state.items().evaluate(bindings);
        if (!(items instanceof List<?> list)) {
            throw new StatesError(StatesError.QUERY_EVALUATION_ERROR,
                    "The items of Map state '" + state.name() + "' must be an array, not " + JsonValues.write(items));
        }
        int limit = state.maxConcurrency() == null ? 0
                : (int) Math.min(Integer.MAX_VALUE, state.maxConcurrency().wholeNumber(bindings, "MaxConcurrency"));
        HistoryEvent started = context.emit(visit.branch, key, "MapStateStarted", JsonValues.object().put("length", list.size()));
        Cancellation group = visit.branch.cancellation.child();
        return finish(visit, key, "Map", group, BranchGroup.run(list.size(), limit, context.steps(),
                index -> iteration(state, visit, key + "[" + index + "]", group, started, index, list.get(index))));
    }

    private CompletableFuture<Object> iteration(MapState state, Visit visit, String key, Cancellation group,
            HistoryEvent started, int index, Object item) {
        Branch child = visit.branch.child(key + "/", group.child(), started);
        context.emit(child, key, "MapIterationStarted", iterationDetails(state, index));
        CompletableFuture<Object> output = Futures.call(() -> state.itemSelector() == null ? item
                : state.itemSelector().evaluate(context.itemBindings(visit, index, item)))
                .thenCompose(itemInput -> context.runBranch(state.processor(), itemInput, child));
        return release(child, output.whenComplete((value, error) -> {
            String type = error == null ? "MapIterationSucceeded"
                    : Futures.unwrap(error) instanceof Cancellation.Cancelled ? "MapIterationAborted" : "MapIterationFailed";
            context.emit(child, key, type, iterationDetails(state, index));
        }));
    }

    private static ObjectNode iterationDetails(MapState state, int index) {
        return JsonValues.object().put("name", state.name()).put("index", index);
    }

    /** A finished branch no longer needs to hear about its parent's cancellation. */
    private static CompletableFuture<Object> release(Branch branch, CompletableFuture<Object> walk) {
        return walk.whenComplete((value, error) -> branch.cancellation.release());
    }

    /** Records how the group ended ("ParallelStateSucceeded", "MapStateFailed", ...) and stops the rest on failure. */
    private CompletableFuture<Object> finish(Visit visit, String key, String prefix, Cancellation group,
            CompletableFuture<List<Object>> results) {
        return results.handleAsync((list, error) -> {
            if (error != null) {
                group.cancel();
            }
            group.release();
            Throwable cause = error == null ? null : Futures.unwrap(error);
            if (!(cause instanceof Cancellation.Cancelled)) {
                context.emit(visit.branch, key, prefix + (error == null ? "StateSucceeded" : "StateFailed"), null);
            }
            return error == null ? CompletableFuture.<Object>completedFuture(list) : CompletableFuture.<Object>failedFuture(cause);
        }, context.steps()).thenCompose(result -> result);
    }
}
