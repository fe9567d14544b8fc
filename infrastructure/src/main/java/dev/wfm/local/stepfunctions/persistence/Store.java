package dev.wfm.local.stepfunctions.persistence;

import dev.wfm.local.stepfunctions.definition.StateMachine;
import dev.wfm.local.stepfunctions.execution.Execution;
import dev.wfm.local.stepfunctions.execution.ExecutionStart;
import dev.wfm.local.stepfunctions.history.HistoryEvent;
import java.nio.file.Path;
import java.util.List;

/** Where state machines and executions are kept across restarts: nowhere, or files. */
public sealed interface Store extends AutoCloseable permits MemoryStore, FileStore {

    /** Keeps nothing: everything lives in the service's maps and histories until it closes. */
    static Store inMemory() {
        return new MemoryStore();
    }

    /** Keeps everything as files under the directory, created if missing. */
    static Store inDirectory(Path directory) {
        return new FileStore(directory);
    }

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
