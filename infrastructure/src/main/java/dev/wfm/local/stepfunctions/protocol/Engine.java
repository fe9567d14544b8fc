package dev.wfm.local.stepfunctions.protocol;

import com.fasterxml.jackson.core.JsonProcessingException;
import dev.wfm.local.lambda.LambdaInvoker;
import dev.wfm.local.stepfunctions.definition.DefinitionParser;
import dev.wfm.local.stepfunctions.definition.InvalidDefinitionException;
import dev.wfm.local.stepfunctions.definition.JsonValues;
import dev.wfm.local.stepfunctions.definition.StateMachine;
import dev.wfm.local.stepfunctions.definition.StateMachineDefinition;
import dev.wfm.local.stepfunctions.definition.StatesError;
import dev.wfm.local.stepfunctions.execution.Execution;
import dev.wfm.local.stepfunctions.execution.ExecutionStart;
import dev.wfm.local.stepfunctions.execution.Interpreter;
import dev.wfm.local.stepfunctions.execution.TaskTokens;
import dev.wfm.local.stepfunctions.history.History;
import dev.wfm.local.stepfunctions.persistence.Store;
import java.lang.System.Logger.Level;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.RejectedExecutionException;

/**
 * What the service knows, the state machines and executions, kept in the {@link Store} and run
 * on the {@link Interpreter}, with AWS's rules for them: idempotent starts, deletes that stop
 * executions, and the errors of unknown ARNs.
 */
public final class Engine implements AutoCloseable {

    private static final System.Logger LOG = System.getLogger(Engine.class.getName());

    /** A stored execution that was running when the service stopped, waiting for {@link #resume()}. */
    private record Resumable(Execution execution, StateMachineDefinition definition) {}

    private final Map<String, StateMachine> stateMachines = new ConcurrentHashMap<>();
    private final Map<String, Execution> executions = new ConcurrentHashMap<>();
    private final List<Resumable> resumable = new ArrayList<>();
    private final Interpreter interpreter;
    private final Store store;

    /** Loads what the store kept; call {@link #resume()} to run the executions that were running. */
    public Engine(LambdaInvoker invoker, Store store) {
        this.interpreter = new Interpreter(invoker, Arns.REGION);
        this.store = store;
        load();
    }

    private void load() {
        store.loadStateMachines().forEach(machine -> stateMachines.put(machine.arn(), machine));
        Map<String, StateMachineDefinition> compiled = new HashMap<>();
        for (Store.StoredExecution stored : store.loadExecutions()) {
            ExecutionStart start = stored.start();
            Execution execution = new Execution(start, stored.outcome(),
                    () -> new History(store.loadHistory(start), event -> store.appendEvent(start, event)), this::persist);
            executions.put(start.arn(), execution);
            if (stored.outcome().status() == Execution.Status.RUNNING) {
                try {
                    StateMachineDefinition definition = compiled.get(start.definition());
                    if (definition == null) {
                        definition = DefinitionParser.compile(start.definition());
                        compiled.put(start.definition(), definition);
                    }
                    resumable.add(new Resumable(execution, definition));
                } catch (InvalidDefinitionException e) {
                    execution.fail(Execution.Status.FAILED, StatesError.RUNTIME, "The stored definition no longer compiles: "
                            + e.getMessage());
                }
            }
        }
    }

    /** Replays the executions that were running when the service stopped. */
    public void resume() {
        for (Resumable run : resumable) {
            interpreter.run(run.execution(), run.definition(), parseStoredInput(run.execution().start()));
        }
        resumable.clear();
    }

    private static Object parseStoredInput(ExecutionStart start) {
        try {
            return JsonValues.parse(start.input());
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("Stored input of " + start.arn() + " is not JSON", e);
        }
    }

    TaskTokens tokens() {
        return interpreter.tokens();
    }

    StateMachine stateMachine(String arn) {
        Arns.stateMachineName(arn); // InvalidArn before StateMachineDoesNotExist, as AWS answers
        StateMachine machine = stateMachines.get(arn);
        if (machine == null) {
            throw new SfnApiException(ApiError.STATE_MACHINE_DOES_NOT_EXIST, "State Machine Does Not Exist: '" + arn + "'");
        }
        return machine;
    }

    StateMachine findStateMachine(String arn) {
        return stateMachines.get(arn);
    }

    Collection<StateMachine> stateMachines() {
        return stateMachines.values();
    }

    void saveStateMachine(StateMachine machine) {
        stateMachines.put(machine.arn(), machine);
        store.saveStateMachine(machine);
    }

    /** Deletes the machine; like AWS, its running executions are stopped. */
    void deleteStateMachine(StateMachine machine) {
        stateMachines.remove(machine.arn());
        store.deleteStateMachine(machine.name());
        for (Execution execution : executions.values()) {
            if (execution.start().stateMachineArn().equals(machine.arn())) {
                execution.fail(Execution.Status.ABORTED, null, "The state machine was deleted");
            }
        }
    }

    public Execution execution(String arn) {
        Arns.executionName(arn); // InvalidArn before ExecutionDoesNotExist
        Execution execution = executions.get(arn);
        if (execution == null) {
            throw new SfnApiException(ApiError.EXECUTION_DOES_NOT_EXIST, "Execution Does Not Exist: '" + arn + "'");
        }
        return execution;
    }

    Collection<Execution> executions() {
        return executions.values();
    }

    /**
     * Starts an execution, idempotently as Standard workflows do: the same name and input while the
     * first is running answers that execution; the same name otherwise is refused.
     */
    Execution startExecution(StateMachine machine, String name, String inputJson, Object input) {
        String arn = Arns.execution(machine.name(), name);
        boolean[] created = {false};
        Execution execution = executions.compute(arn, (key, existing) -> {
            if (existing != null) {
                if (existing.outcome().status() == Execution.Status.RUNNING && sameJson(existing.start().input(), inputJson)) {
                    return existing;
                }
                throw new SfnApiException(ApiError.EXECUTION_ALREADY_EXISTS, "Execution Already Exists: '" + arn + "'");
            }
            created[0] = true;
            ExecutionStart start = new ExecutionStart(arn, name, machine.arn(), machine.name(), machine.roleArn(),
                    machine.definition(), inputJson, System.currentTimeMillis());
            return new Execution(start, Execution.Outcome.RUNNING,
                    () -> new History(List.of(), event -> store.appendEvent(start, event)), this::persist);
        });
        if (created[0]) {
            persist(execution);
            try {
                interpreter.run(execution, machine.compiled(), input);
            } catch (RejectedExecutionException e) {
                throw new IllegalStateException("The Step Functions service is closed", e);
            }
        }
        return execution;
    }

    private static boolean sameJson(String a, String b) {
        try {
            return JsonValues.MAPPER.readTree(a).equals(JsonValues.MAPPER.readTree(b));
        } catch (JsonProcessingException e) {
            return false;
        }
    }

    private void persist(Execution execution) {
        try {
            store.saveExecution(execution.start(), execution.outcome());
        } catch (RuntimeException e) {
            LOG.log(Level.WARNING, "Cannot persist " + execution.start().arn(), e);
        }
    }

    @Override
    public void close() {
        store.close();
        interpreter.close();
    }
}
