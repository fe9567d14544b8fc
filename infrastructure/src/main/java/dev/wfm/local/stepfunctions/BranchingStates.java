package dev.wfm.local.stepfunctions;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.wfm.local.stepfunctions.State.MapState;
import dev.wfm.local.stepfunctions.State.ParallelState;
import java.util.List;
import java.util.concurrent.CompletableFuture;

/**
 * Parallel and Map states. Each branch or iteration walks in its own {@link Branch}, keyed under
 * the state's visit and attempt (e.g. "Fan#1.0[2]/") so replay finds its events; the first
 * failure cancels the others and fails the state with that error.
 */
final class BranchingStates {

    private final ExecutionRunner runner;

    BranchingStates(ExecutionRunner runner) {
        this.runner = runner;
    }

    CompletableFuture<Transition> parallel(ParallelState state, Object input, Branch branch) {
        Visit visit = runner.enter(state, input, branch);
        CompletableFuture<Transition> done = runner.errors
                .retrying(visit, state.retriers(), n -> parallelAttempt(state, visit, n))
                .thenCompose(result -> Futures.call(
                        () -> runner.leaveWithResult(visit, state.output(), state.assign(), result, state.next())));
        return runner.errors.catching(visit, state.catchers(), done);
    }

    private CompletableFuture<Object> parallelAttempt(ParallelState state, Visit visit, int attempt) throws StatesError {
        String key = visit.attemptKey(attempt);
        Object branchInput = state.arguments() == null ? visit.input : state.arguments().evaluate(runner.bindings(visit));
        HistoryEvent started = runner.emit(visit.branch, key, "ParallelStateStarted", null);
        Cancellation group = visit.branch.cancellation.child();
        List<StateGraph> graphs = state.branches();
        return finish(visit, key, "Parallel", group, BranchGroup.run(graphs.size(), 0, runner.engine().workers().steps(),
                index -> {
                    Branch child = visit.branch.child(key + "[" + index + "]/", group.child(), started);
                    return release(child, runner.runGraph(graphs.get(index), branchInput, child));
                }));
    }

    CompletableFuture<Transition> map(MapState state, Object input, Branch branch) {
        Visit visit = runner.enter(state, input, branch);
        CompletableFuture<Transition> done = runner.errors
                .retrying(visit, state.retriers(), n -> mapAttempt(state, visit, n))
                .thenCompose(result -> Futures.call(
                        () -> runner.leaveWithResult(visit, state.output(), state.assign(), result, state.next())));
        return runner.errors.catching(visit, state.catchers(), done);
    }

    private CompletableFuture<Object> mapAttempt(MapState state, Visit visit, int attempt) throws StatesError {
        String key = visit.attemptKey(attempt);
        Bindings bindings = runner.bindings(visit);
        Object items = state.items() == null ? visit.input : state.items().evaluate(bindings);
        if (!(items instanceof List<?> list)) {
            throw new StatesError(StatesError.QUERY_EVALUATION_ERROR,
                    "The items of Map state '" + state.name() + "' must be an array, not " + Json.write(items));
        }
        int limit = state.maxConcurrency() == null ? 0
                : (int) Math.min(Integer.MAX_VALUE, ExecutionRunner.wholeNumber(state.maxConcurrency(), bindings, "MaxConcurrency"));
        HistoryEvent started = runner.emit(visit.branch, key, "MapStateStarted", Json.object().put("length", list.size()));
        Cancellation group = visit.branch.cancellation.child();
        return finish(visit, key, "Map", group, BranchGroup.run(list.size(), limit, runner.engine().workers().steps(),
                index -> iteration(state, visit, key + "[" + index + "]", group, started, index, list.get(index))));
    }

    private CompletableFuture<Object> iteration(MapState state, Visit visit, String key, Cancellation group,
            HistoryEvent started, int index, Object item) {
        Branch child = visit.branch.child(key + "/", group.child(), started);
        runner.emit(child, key, "MapIterationStarted", iterationDetails(state, index));
        CompletableFuture<Object> output = Futures.call(() -> state.itemSelector() == null ? item
                : state.itemSelector().evaluate(runner.itemBindings(visit, index, item)))
                .thenCompose(itemInput -> runner.runGraph(state.processor(), itemInput, child));
        return release(child, output.whenComplete((value, error) -> {
            String type = error == null ? "MapIterationSucceeded"
                    : Futures.unwrap(error) instanceof Cancellation.Cancelled ? "MapIterationAborted" : "MapIterationFailed";
            runner.emit(child, key, type, iterationDetails(state, index));
        }));
    }

    private static ObjectNode iterationDetails(MapState state, int index) {
        return Json.object().put("name", state.name()).put("index", index);
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
                runner.emit(visit.branch, key, prefix + (error == null ? "StateSucceeded" : "StateFailed"), null);
            }
            return error == null ? CompletableFuture.<Object>completedFuture(list) : CompletableFuture.<Object>failedFuture(cause);
        }, runner.engine().workers().steps()).thenCompose(result -> result);
    }
}
