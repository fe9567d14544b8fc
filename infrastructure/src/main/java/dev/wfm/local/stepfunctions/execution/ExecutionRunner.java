package dev.wfm.local.stepfunctions.execution;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.wfm.local.stepfunctions.definition.Bindings;
import dev.wfm.local.stepfunctions.definition.JsonValues;
import dev.wfm.local.stepfunctions.definition.State;
import dev.wfm.local.stepfunctions.definition.StateGraph;
import dev.wfm.local.stepfunctions.definition.StateMachineDefinition;
import dev.wfm.local.stepfunctions.definition.StatesError;
import dev.wfm.local.stepfunctions.definition.Template;
import dev.wfm.local.stepfunctions.history.History;
import dev.wfm.local.stepfunctions.history.HistoryEvent;
import java.lang.System.Logger.Level;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;
import java.util.concurrent.ScheduledFuture;

/**
 * Runs one execution, from its start or, after a restart, by replaying it from the start against
 * its recorded history. Owns what every state needs, which the state kinds see through their
 * {@link StateContext}: entering and leaving states with their history events, and the bindings
 * expressions see.
 */
final class ExecutionRunner implements StateContext {

    private static final System.Logger LOG = System.getLogger(ExecutionRunner.class.getName());
    private static final DateTimeFormatter CONTEXT_TIME =
            DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss.SSS'Z'").withZone(ZoneOffset.UTC);

    private final Execution execution;
    private final StateMachineDefinition definition;
    private final Interpreter interpreter;
    private final Object input;
    private final Map<String, Object> executionContext;
    private final FlowStates flow = new FlowStates(this);
    private final ErrorHandling errors = new ErrorHandling(this);
    private final TaskStates tasks = new TaskStates(this, errors);
    private final BranchingStates branching = new BranchingStates(this, errors);

    ExecutionRunner(Interpreter interpreter, Execution execution, StateMachineDefinition definition, Object input) {
        this.interpreter = interpreter;
        this.execution = execution;
        this.definition = definition;
        this.input = input;
        this.executionContext = executionContext(execution.start(), input);
    }

    private static Map<String, Object> executionContext(ExecutionStart start, Object input) {
        Map<String, Object> run = new LinkedHashMap<>();
        run.put("Id", start.arn());
        run.put("Input", input);
        run.put("Name", start.name());
        run.put("RoleArn", start.roleArn());
        run.put("StartTime", isoTime(start.startDate()));
        run.put("RedriveCount", 0);
        Map<String, Object> machine = new LinkedHashMap<>();
        machine.put("Id", start.stateMachineArn());
        machine.put("Name", start.stateMachineName());
        return Map.of("Execution", run, "StateMachine", machine);
    }

    private static String isoTime(long epochMillis) {
        return CONTEXT_TIME.format(Instant.ofEpochMilli(epochMillis));
    }

    /** Runs a new execution, or replays a resumed one: the same code, the history decides. */
    void start() {
        ExecutionStart start = execution.start();
        ObjectNode details = JsonValues.object().put("input", start.input()).put("roleArn", start.roleArn());
        details.putObject("inputDetails").put("truncated", false);
        HistoryEvent started = execution.history().record("", "ExecutionStarted", 0, details, null);
        Branch root = Branch.root(execution.cancellation(), started);
        if (definition.timeoutSeconds() != null) {
            interpreter.workers().sleepUntil(start.startDate() + definition.timeoutSeconds() * 1000L, execution.cancellation())
                    .thenRun(() -> execution.fail(Execution.Status.TIMED_OUT, StatesError.TIMEOUT, "The execution timed out"));
        }
        runBranch(definition.graph(), input, root).whenComplete(this::finish);
    }

    private void finish(Object output, Throwable failure) {
        if (failure == null) {
            execution.succeed(JsonValues.write(output));
            return;
        }
        Throwable cause = Futures.unwrap(failure);
        if (cause instanceof StatesError error) {
            execution.fail(Execution.Status.FAILED, error.error(), error.cause());
        } else if (!(cause instanceof Cancellation.Cancelled)) {
            LOG.log(Level.WARNING, "Execution " + execution.start().arn() + " failed inside the interpreter", cause);
            execution.fail(Execution.Status.FAILED, StatesError.RUNTIME, "Internal error: " + cause);
        }
    }

    @Override
    public CompletableFuture<Object> runBranch(StateGraph graph, Object input, Branch branch) {
        return GraphWalk.run(this, graph, input, branch);
    }

    CompletableFuture<Transition> runState(State state, Object input, Branch branch) {
        try {
            if (state instanceof State.TaskState task) {
                return tasks.run(task, input, branch);
            }
            if (state instanceof State.ParallelState parallel) {
                return branching.parallel(parallel, input, branch);
            }
            if (state instanceof State.MapState map) {
                return branching.map(map, input, branch);
            }
            if (state instanceof State.WaitState wait) {
                return flow.waitState(wait, input, branch);
            }
            return CompletableFuture.completedFuture(flow.run(state, input, branch));
        } catch (StatesError | RuntimeException e) {
            return CompletableFuture.failedFuture(e);
        }
    }

    @Override
    public HistoryEvent emit(Branch branch, String key, String type, ObjectNode details, ObjectNode internal) {
        History history = execution.history();
        if (history.size() >= History.MAX_EVENTS) {
            execution.fail(Execution.Status.FAILED, StatesError.RUNTIME,
                    "The execution reached the maximum number of history events (" + History.MAX_EVENTS + ")");
        }
        HistoryEvent event = history.record(key, type, branch.lastEventId(), details, internal);
        branch.advanced(event);
        return event;
    }

    @Override
    public HistoryEvent recorded(String key, String type) {
        return execution.history().find(key, type);
    }

    @Override
    public HistoryEvent mark(String key, String type, ObjectNode internal) {
        return execution.history().mark(key, type, internal);
    }

    @Override
    public Visit enter(State state, Object input, Branch branch) {
        String key = branch.nextVisitKey(state.name());
        ObjectNode details = JsonValues.object().put("name", state.name()).put("input", JsonValues.write(input));
        details.putObject("inputDetails").put("truncated", false);
        HistoryEvent entered = emit(branch, key, state.eventPrefix() + "StateEntered", details);
        return new Visit(state, branch, key, input, entered.timestamp());
    }

    @Override
    public Transition leave(Visit visit, Bindings bindings, Template output, Template assign, Object defaultOutput, String next)
            throws StatesError {
        Object result = output == null ? defaultOutput : output.evaluate(bindings);
        Map<String, Object> assigned = assignments(assign, bindings);
        return exit(visit, result, assigned, next);
    }

    @Override
    public Transition leaveWithResult(Visit visit, Template output, Template assign, Object result, String next)
            throws StatesError {
        return leave(visit, bindings(visit, "result", result), output, assign, result, next);
    }

    private Transition exit(Visit visit, Object output, Map<String, Object> assigned, String next) throws StatesError {
        String json = JsonValues.write(output);
        if (JsonValues.exceedsPayloadLimit(json)) {
            throw new StatesError(StatesError.DATA_LIMIT_EXCEEDED,
                    "The state/task '" + visit.state.name() + "' returned a result with a size exceeding the maximum number of "
                            + "bytes service limit.");
        }
        visit.branch.variables.putAll(assigned);
        ObjectNode details = JsonValues.object().put("name", visit.state.name()).put("output", json);
        details.putObject("outputDetails").put("truncated", false);
        if (!assigned.isEmpty()) {
            ObjectNode variables = details.putObject("assignedVariables");
            assigned.forEach((name, value) -> variables.put(name, JsonValues.write(value)));
            details.putObject("assignedVariablesDetails").put("truncated", false);
        }
        emit(visit.branch, visit.key, visit.state.eventPrefix() + "StateExited", details);
        return new Transition(next, output);
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> assignments(Template assign, Bindings bindings) throws StatesError {
        return assign == null ? Map.of() : (Map<String, Object>) assign.evaluate(bindings);
    }

    @Override
    public Bindings bindings(Visit visit) {
        return new Bindings(states(visit), visit.branch.variables, visit.branch.lastEventMillis());
    }

    @Override
    public Bindings bindings(Visit visit, String member, Object value) {
        Map<String, Object> states = states(visit);
        states.put(member, value);
        return new Bindings(states, visit.branch.variables, visit.branch.lastEventMillis());
    }

    @Override
    public Bindings itemBindings(Visit visit, int index, Object item) {
        Map<String, Object> states = states(visit);
        Map<String, Object> itemContext = new HashMap<>();
        itemContext.put("Index", index);
        itemContext.put("Value", item);
        context(states).put("Map", Map.of("Item", itemContext));
        return new Bindings(states, visit.branch.variables, visit.branch.lastEventMillis());
    }

    private Map<String, Object> states(Visit visit) {
        Map<String, Object> context = new HashMap<>(executionContext);
        Map<String, Object> state = new HashMap<>();
        state.put("EnteredTime", isoTime(visit.enteredMillis));
        state.put("Name", visit.state.name());
        state.put("RetryCount", visit.retryCount);
        context.put("State", state);
        if (visit.taskToken != null) {
            context.put("Task", Map.of("Token", visit.taskToken));
        }
        Map<String, Object> states = new HashMap<>();
        states.put("input", visit.input);
        states.put("context", context);
        return states;
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> context(Map<String, Object> states) {
        return (Map<String, Object>) states.get("context");
    }

    @Override
    public CompletableFuture<Void> sleepUntil(long epochMillis, Cancellation scope) {
        return interpreter.workers().sleepUntil(epochMillis, scope);
    }

    @Override
    public ScheduledFuture<?> schedule(Runnable action, long delayMillis) {
        return interpreter.workers().schedule(action, delayMillis);
    }

    @Override
    public Executor steps() {
        return interpreter.workers().steps();
    }

    @Override
    public CompletableFuture<Object> invokeLambda(String function, Object payload, boolean wrapped) {
        return interpreter.lambdas().invoke(function, payload, wrapped);
    }

    @Override
    public TaskTokens tokens() {
        return interpreter.tokens();
    }

    @Override
    public String region() {
        return interpreter.region();
    }
}
