package dev.wfm.local.stepfunctions.execution;

import dev.wfm.local.stepfunctions.definition.StateGraph;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.RejectedExecutionException;

/**
 * Walks a graph state by state. States that finish at once are chained in a loop rather than by
 * nested callbacks, so a long or looping workflow never deepens the stack; a state that waits
 * resumes the walk on a step thread when it completes.
 */
final class GraphWalk {

    private final ExecutionRunner runner;
    private final StateGraph graph;
    private final Branch branch;
    private final CompletableFuture<Object> result = new CompletableFuture<>();

    private GraphWalk(ExecutionRunner runner, StateGraph graph, Branch branch) {
        this.runner = runner;
        this.graph = graph;
        this.branch = branch;
    }

    /** Completes with the graph's output, or with the {@link StatesError} that ended it. */
    static CompletableFuture<Object> run(ExecutionRunner runner, StateGraph graph, Object input, Branch branch) {
        GraphWalk walk = new GraphWalk(runner, graph, branch);
        walk.advance(new Transition(graph.startAt(), input));
        return walk.result;
    }

    private void advance(Transition first) {
        Transition transition = first;
        while (true) {
            if (branch.cancellation.isCancelled()) {
                result.completeExceptionally(new Cancellation.Cancelled());
                return;
            }
            CompletableFuture<Transition> step = runner.runState(graph.state(transition.next()), transition.output(), branch);
            if (!step.isDone()) {
                try {
                    step.whenCompleteAsync(this::resume, runner.steps());
                } catch (RejectedExecutionException e) {
                    result.completeExceptionally(new Cancellation.Cancelled());
                }
                return;
            }
            try {
                transition = step.join();
            } catch (RuntimeException e) {
                result.completeExceptionally(Futures.unwrap(e));
                return;
            }
            if (transition.next() == null) {
                result.complete(transition.output());
                return;
            }
        }
    }

    private void resume(Transition transition, Throwable failure) {
        if (failure != null) {
            result.completeExceptionally(Futures.unwrap(failure));
        } else if (transition.next() == null) {
            result.complete(transition.output());
        } else {
            advance(transition);
        }
    }
}
