package dev.wfm.local.stepfunctions.persistence;

import dev.wfm.local.stepfunctions.definition.StateMachine;
import dev.wfm.local.stepfunctions.execution.Execution;
import dev.wfm.local.stepfunctions.execution.ExecutionStart;
import dev.wfm.local.stepfunctions.history.HistoryEvent;
import java.util.List;

/** No persistence: everything lives in the engine's maps and the histories until the service closes. */
final class MemoryStore implements Store {

    @Override
    public void saveStateMachine(StateMachine machine) {
        // kept in memory by the engine
    }

    @Override
    public void deleteStateMachine(String name) {
        // kept in memory by the engine
    }

    @Override
    public void saveExecution(ExecutionStart start, Execution.Outcome outcome) {
        // kept in memory by the engine
    }

    @Override
    public void appendEvent(ExecutionStart start, HistoryEvent event) {
        // kept in memory by the history
    }

    @Override
    public List<StateMachine> loadStateMachines() {
        return List.of();
    }

    @Override
    public List<StoredExecution> loadExecutions() {
        return List.of();
    }

    @Override
    public List<HistoryEvent> loadHistory(ExecutionStart start) {
        return List.of();
    }

    @Override
    public void close() {
        // nothing to release
    }
}
