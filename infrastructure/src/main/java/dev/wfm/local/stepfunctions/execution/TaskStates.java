package dev.wfm.local.stepfunctions.execution;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.wfm.local.stepfunctions.definition.Bindings;
import dev.wfm.local.stepfunctions.definition.JsonValues;
import dev.wfm.local.stepfunctions.definition.State.TaskResource.Kind;
import dev.wfm.local.stepfunctions.definition.State.TaskState;
import dev.wfm.local.stepfunctions.definition.StatesError;
import dev.wfm.local.stepfunctions.definition.Template;
import dev.wfm.local.stepfunctions.history.HistoryEvent;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.atomic.AtomicReference;

/**
 * Task states: Lambda invocations, plain or waiting for a task token, with timeouts and heartbeats.
 * Replay: an attempt whose outcome is in the history returns it without invoking anything; a token
 * attempt without an outcome registers its recorded token again and waits.
 */
final class TaskStates {

    /** The event types of the two families: service integrations and plain Lambda ARNs. */
    private record EventTypes(String scheduled, String started, String succeeded, String failed, String timedOut) {
        static final EventTypes INTEGRATION =
                new EventTypes("TaskScheduled", "TaskStarted", "TaskSucceeded", "TaskFailed", "TaskTimedOut");
        static final EventTypes LAMBDA = new EventTypes("LambdaFunctionScheduled", "LambdaFunctionStarted",
                "LambdaFunctionSucceeded", "LambdaFunctionFailed", "LambdaFunctionTimedOut");
    }

    private final StateContext context;
    private final ErrorHandling errors;

    TaskStates(StateContext context, ErrorHandling errors) {
        this.context = context;
        this.errors = errors;
    }

    CompletableFuture<Transition> run(TaskState task, Object input, Branch branch) {
        Visit visit = context.enter(task, input, branch);
        CompletableFuture<Transition> done = errors
                .retrying(visit, task.retriers(), n -> attempt(task, visit, visit.attemptKey(n)))
                .thenCompose(result -> Futures.call(
                        () -> context.leaveWithResult(visit, task.output(), task.assign(), result, task.next())));
        return errors.catching(visit, task.catchers(), done);
    }

    private CompletableFuture<Object> attempt(TaskState task, Visit visit, String key) throws StatesError {
        Kind kind = task.resource().kind();
        EventTypes types = kind == Kind.LAMBDA_FUNCTION ? EventTypes.LAMBDA : EventTypes.INTEGRATION;
        HistoryEvent scheduled = context.recorded(key, types.scheduled());
        if (kind == Kind.LAMBDA_INVOKE_WAIT_FOR_TOKEN) {
            visit.taskToken = scheduled != null ? scheduled.internal().get("token").asText() : context.tokens().newToken();
        }
        Bindings bindings = context.bindings(visit);
        Object arguments = task.arguments() == null ? visit.input : task.arguments().evaluate(bindings);
        Long timeout = seconds(task.timeoutSeconds(), bindings, "TimeoutSeconds");
        Long heartbeat = seconds(task.heartbeatSeconds(), bindings, "HeartbeatSeconds");

        CompletableFuture<Object> recorded = recordedOutcome(key, types);
        if (recorded != null) {
            if (visit.taskToken != null) {
                recorded.whenComplete((value, error) -> context.tokens().retire(visit.taskToken, isTimeout(error)));
            }
            return recorded;
        }
        scheduled = context.emit(visit.branch, key, types.scheduled(), scheduledDetails(task, arguments, timeout, heartbeat),
                visit.taskToken == null ? null : JsonValues.object().put("token", visit.taskToken));
        context.emit(visit.branch, key, types.started(), kind == Kind.LAMBDA_FUNCTION ? null : resource(task));

        CompletableFuture<Object> outcome = visit.branch.cancellation.track(new CompletableFuture<>());
        if (timeout != null) {
            failAt(outcome, scheduled.timestamp() + timeout * 1000, StatesError.TIMEOUT, "Task timed out");
        }
        switch (kind) {
            case LAMBDA_INVOKE -> forward(invoke(arguments, true), outcome);
            case LAMBDA_FUNCTION -> forward(context.invokeLambda(task.resource().arn(), arguments, false), outcome);
            case LAMBDA_INVOKE_WAIT_FOR_TOKEN -> awaitToken(task, visit, key, arguments, heartbeat, outcome);
        }
        // Results arrive on Lambda, timer or HTTP threads; the state continues on a step thread.
        return outcome.handleAsync((value, error) -> recordOutcome(task, visit, key, types, value, error),
                context.steps()).thenCompose(result -> result);
    }

    private CompletableFuture<Object> invoke(Object arguments, boolean wrapped) {
        if (!(arguments instanceof Map<?, ?> args) || !(args.get("FunctionName") instanceof String function)) {
            return CompletableFuture.failedFuture(new StatesError(StatesError.RUNTIME,
                    "The Arguments of a lambda:invoke task must be an object with a string FunctionName"));
        }
        Object payload = args.containsKey("Payload") ? args.get("Payload") : Map.of();
        return context.invokeLambda(function, payload, wrapped);
    }

    /**
     * The function receives the token in its payload and the task waits for SendTaskSuccess or
     * SendTaskFailure. The token is registered before the call: the function may answer it before
     * it even returns. If the function itself fails, so does the task.
     */
    private void awaitToken(TaskState task, Visit visit, String key, Object arguments, Long heartbeat,
            CompletableFuture<Object> outcome) {
        String token = visit.taskToken;
        context.tokens().register(token, new TaskTokens.Waiter(outcome, heartbeats(outcome, heartbeat)));
        outcome.whenComplete((value, error) -> context.tokens().retire(token, isTimeout(error)));
        if (context.recorded(key, "TaskSubmitted") != null) {
            return;
        }
        invoke(arguments, true).whenComplete((response, error) -> {
            if (error != null) {
                outcome.completeExceptionally(Futures.unwrap(error));
            } else if (!outcome.isDone()) {
                ObjectNode details = resource(task).put("output", JsonValues.write(response));
                details.putObject("outputDetails").put("truncated", false);
                context.emit(visit.branch, key, "TaskSubmitted", details);
            }
        });
    }

    /** Restarts the heartbeat timer on each SendTaskHeartbeat; without HeartbeatSeconds, heartbeats are accepted and ignored. */
    private Runnable heartbeats(CompletableFuture<Object> outcome, Long heartbeat) {
        if (heartbeat == null) {
            return () -> { };
        }
        AtomicReference<ScheduledFuture<?>> timer = new AtomicReference<>();
        Runnable restart = () -> {
            ScheduledFuture<?> previous = timer.getAndSet(context.schedule(
                    () -> outcome.completeExceptionally(new StatesError(StatesError.HEARTBEAT_TIMEOUT, "Task heartbeat timed out")),
                    heartbeat * 1000));
            if (previous != null) {
                previous.cancel(false);
            }
        };
        restart.run();
        outcome.whenComplete((value, error) -> timer.get().cancel(false));
        return restart;
    }

    private void failAt(CompletableFuture<Object> outcome, long epochMillis, String error, String cause) {
        ScheduledFuture<?> timer = context.schedule(
                () -> outcome.completeExceptionally(new StatesError(error, cause)), epochMillis - System.currentTimeMillis());
        outcome.whenComplete((value, failure) -> timer.cancel(false));
    }

    private static void forward(CompletableFuture<Object> source, CompletableFuture<Object> target) {
        source.whenComplete((value, error) -> {
            if (error != null) {
                target.completeExceptionally(Futures.unwrap(error));
            } else {
                target.complete(value);
            }
        });
    }

    private CompletableFuture<Object> recordOutcome(TaskState task, Visit visit, String key, EventTypes types,
            Object value, Throwable failure) {
        boolean integration = types == EventTypes.INTEGRATION;
        if (failure == null) {
            ObjectNode details = (integration ? resource(task) : JsonValues.object()).put("output", JsonValues.write(value));
            details.putObject("outputDetails").put("truncated", false);
            context.emit(visit.branch, key, types.succeeded(), details);
            return CompletableFuture.completedFuture(value);
        }
        Throwable cause = Futures.unwrap(failure);
        if (cause instanceof StatesError error) {
            ObjectNode details = integration ? resource(task) : JsonValues.object();
            putIfPresent(details, "error", error.error());
            putIfPresent(details, "cause", error.cause());
            context.emit(visit.branch, key, isTimeout(error) ? types.timedOut() : types.failed(), details);
        }
        return CompletableFuture.failedFuture(cause);
    }

    private CompletableFuture<Object> recordedOutcome(String key, EventTypes types) {
        HistoryEvent succeeded = context.recorded(key, types.succeeded());
        if (succeeded != null) {
            return Futures.call(() -> parse(succeeded.detail("output")));
        }
        for (String type : new String[] {types.failed(), types.timedOut()}) {
            HistoryEvent failed = context.recorded(key, type);
            if (failed != null) {
                return CompletableFuture.failedFuture(new StatesError(failed.detail("error"), failed.detail("cause")));
            }
        }
        return null;
    }

    private static Object parse(String json) throws StatesError {
        try {
            return JsonValues.parse(json);
        } catch (java.io.IOException e) {
            throw new StatesError(StatesError.RUNTIME, "Unreadable recorded output: " + e.getMessage());
        }
    }

    private static boolean isTimeout(Throwable failure) {
        return failure != null && Futures.unwrap(failure) instanceof StatesError error && TaskTokens.isTimeout(error);
    }

    private ObjectNode scheduledDetails(TaskState task, Object arguments, Long timeout, Long heartbeat) {
        ObjectNode details;
        if (task.resource().kind() == Kind.LAMBDA_FUNCTION) {
            details = JsonValues.object().put("resource", task.resource().arn()).put("input", JsonValues.write(arguments));
            details.putObject("inputDetails").put("truncated", false);
        } else {
            details = resource(task).put("region", context.region()).put("parameters", JsonValues.write(arguments));
            if (heartbeat != null) {
                details.put("heartbeatInSeconds", heartbeat);
            }
        }
        if (timeout != null) {
            details.put("timeoutInSeconds", timeout);
        }
        return details;
    }

    /** "lambda" and "invoke" for arn:aws:states:::lambda:invoke, as AWS splits it. */
    private static ObjectNode resource(TaskState task) {
        String service = task.resource().arn().substring("arn:aws:states:::".length());
        int colon = service.indexOf(':');
        return JsonValues.object().put("resourceType", service.substring(0, colon)).put("resource", service.substring(colon + 1));
    }

    private static void putIfPresent(ObjectNode node, String field, String value) {
        if (value != null) {
            node.put(field, value);
        }
    }

    private static Long seconds(Template template, Bindings bindings, String field) throws StatesError {
        return template == null ? null : template.wholeNumber(bindings, field);
    }
}
