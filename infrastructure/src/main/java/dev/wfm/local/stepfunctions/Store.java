package dev.wfm.local.stepfunctions;

import java.util.List;

/** Where state machines and executions are kept across restarts: nowhere, or files. */
sealed interface Store extends AutoCloseable permits MemoryStore, FileStore {

    /** An execution as stored: how it started and how it stands. */
    record StoredExecution(ExecutionStart start, Execution.Outcome outcome) {}

    void saveStateMachine(StateMachine machine);

    void deleteStateMachine(String name);

    /** Writes the execution's start and outcome; called at the start and at the end. */
    void saveExecution(ExecutionStart start, Execution.Outcome outcome);

    void appendEvent(ExecutionStart start, HistoryEvent event);

    List<StateMachine> loadStateMachines();

    List<StoredExecution> loadExecutions();

    List<HistoryEvent> loadHistory(ExecutionStart start);

    /** Stops writing: work still in flight after a close must not touch the files a new service reads. */
    @Override
    void close();
}
