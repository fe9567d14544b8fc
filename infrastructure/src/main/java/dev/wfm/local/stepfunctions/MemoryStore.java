package dev.wfm.local.stepfunctions;

import java.util.List;

/** No persistence: everything lives in the service's maps and histories until it closes. */
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
