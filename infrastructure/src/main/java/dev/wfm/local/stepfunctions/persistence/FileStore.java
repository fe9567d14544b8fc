package dev.wfm.local.stepfunctions.persistence;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.wfm.local.stepfunctions.definition.DefinitionParser;
import dev.wfm.local.stepfunctions.definition.InvalidDefinitionException;
import dev.wfm.local.stepfunctions.definition.JsonValues;
import dev.wfm.local.stepfunctions.definition.StateMachine;
import dev.wfm.local.stepfunctions.execution.Execution;
import dev.wfm.local.stepfunctions.execution.ExecutionStart;
import dev.wfm.local.stepfunctions.history.HistoryEvent;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.System.Logger.Level;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

/**
 * Files under one directory:
 * <pre>
 * state-machines/NAME.json                      written whole: temp file, then atomic rename
 * executions/MACHINE/EXECUTION.json             start and outcome, written the same way
 * executions/MACHINE/EXECUTION.history.jsonl    one event per line, appended
 * </pre>
 * The history is append-only so an event costs one small write, not a rewrite of the whole
 * history; a line torn by a crash is the last one, and reading skips it (that event is simply
 * re-done by the replay). Names are percent-encoded to be safe file names.
 */
final class FileStore implements Store {

    private static final System.Logger LOG = System.getLogger(FileStore.class.getName());
    private static final String HISTORY_SUFFIX = ".history.jsonl";

    private final Path machines;
    private final Path executions;
    private volatile boolean closed;

    FileStore(Path directory) {
        machines = directory.resolve("state-machines");
        executions = directory.resolve("executions");
        try {
            Files.createDirectories(machines);
            Files.createDirectories(executions);
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot create the Step Functions state directory " + directory, e);
        }
    }

    @Override
    public void saveStateMachine(StateMachine machine) {
        ObjectNode doc = JsonValues.object().put("name", machine.name()).put("arn", machine.arn())
                .put("definition", machine.definition()).put("roleArn", machine.roleArn())
                .put("creationDate", machine.creationDate()).put("updateDate", machine.updateDate())
                .put("revisionId", machine.revisionId());
        writeAtomically(machines.resolve(fileName(machine.name()) + ".json"), doc);
    }

    @Override
    public void deleteStateMachine(String name) {
        if (closed) {
            return;
        }
        try {
            Files.deleteIfExists(machines.resolve(fileName(name) + ".json"));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public void saveExecution(ExecutionStart start, Execution.Outcome outcome) {
        ObjectNode doc = JsonValues.object().put("arn", start.arn()).put("name", start.name())
                .put("stateMachineArn", start.stateMachineArn()).put("stateMachineName", start.stateMachineName())
                .put("roleArn", start.roleArn()).put("definition", start.definition()).put("input", start.input())
                .put("startDate", start.startDate()).put("status", outcome.status().name());
        if (outcome.stopDate() != null) {
            doc.put("stopDate", outcome.stopDate());
        }
        doc.put("output", outcome.output()).put("error", outcome.error()).put("cause", outcome.cause());
        writeAtomically(executionFile(start, ".json"), doc);
    }

    @Override
    public void appendEvent(ExecutionStart start, HistoryEvent event) {
        if (closed) {
            return;
        }
        byte[] line = (JsonValues.write(event.toJournal()) + "\n").getBytes(StandardCharsets.UTF_8);
        try {
            Files.write(executionFile(start, HISTORY_SUFFIX), line, StandardOpenOption.CREATE, StandardOpenOption.APPEND);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public List<StateMachine> loadStateMachines() {
        List<StateMachine> loaded = new ArrayList<>();
        for (JsonNode doc : readDocuments(machines, ".json")) {
            String name = doc.path("name").asText();
            try {
                loaded.add(new StateMachine(name, doc.path("arn").asText(), doc.path("definition").asText(),
                        doc.path("roleArn").asText(), doc.path("creationDate").asLong(), doc.path("updateDate").asLong(),
                        doc.path("revisionId").asText(), DefinitionParser.compile(doc.path("definition").asText())));
            } catch (InvalidDefinitionException e) {
                LOG.log(Level.WARNING, "Skipping stored state machine " + name + ": " + e.getMessage());
            }
        }
        return loaded;
    }

    @Override
    public List<StoredExecution> loadExecutions() {
        List<StoredExecution> loaded = new ArrayList<>();
        try (Stream<Path> folders = Files.list(executions)) {
            for (Path folder : folders.filter(Files::isDirectory).toList()) {
                for (JsonNode doc : readDocuments(folder, ".json")) {
                    loaded.add(execution(doc));
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return loaded;
    }

    private static StoredExecution execution(JsonNode doc) {
        ExecutionStart start = new ExecutionStart(doc.path("arn").asText(), doc.path("name").asText(),
                doc.path("stateMachineArn").asText(), doc.path("stateMachineName").asText(), doc.path("roleArn").asText(),
                doc.path("definition").asText(), doc.path("input").asText(), doc.path("startDate").asLong());
        Execution.Outcome outcome = new Execution.Outcome(Execution.Status.valueOf(doc.path("status").asText()),
                doc.has("stopDate") ? doc.get("stopDate").asLong() : null, text(doc, "output"), text(doc, "error"),
                text(doc, "cause"));
        return new StoredExecution(start, outcome);
    }

    private static String text(JsonNode doc, String field) {
        JsonNode value = doc.get(field);
        return value == null || value.isNull() ? null : value.asText();
    }

    @Override
    public List<HistoryEvent> loadHistory(ExecutionStart start) {
        Path file = executionFile(start, HISTORY_SUFFIX);
        List<HistoryEvent> events = new ArrayList<>();
        if (!Files.exists(file)) {
            return events;
        }
        try {
            for (String line : Files.readAllLines(file, StandardCharsets.UTF_8)) {
                try {
                    events.add(HistoryEvent.fromJournal(JsonValues.MAPPER.readTree(line)));
                } catch (IOException | RuntimeException e) {
                    LOG.log(Level.WARNING, "Skipping a torn history line of " + start.arn());
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return events;
    }

    @Override
    public void close() {
        closed = true;
    }

    private Path executionFile(ExecutionStart start, String suffix) {
        return executions.resolve(fileName(start.stateMachineName())).resolve(fileName(start.name()) + suffix);
    }

    private void writeAtomically(Path target, ObjectNode doc) {
        if (closed) {
            return;
        }
        try {
            Files.createDirectories(target.getParent());
            Path temp = Files.createTempFile(target.getParent(), ".write-", ".tmp");
            Files.write(temp, JsonValues.MAPPER.writeValueAsBytes(doc));
            Files.move(temp, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot write " + target, e);
        }
    }

    private static List<JsonNode> readDocuments(Path folder, String suffix) {
        List<JsonNode> docs = new ArrayList<>();
        try (Stream<Path> files = Files.list(folder)) {
            for (Path file : files.filter(f -> f.getFileName().toString().endsWith(suffix)
                    && !f.getFileName().toString().endsWith(HISTORY_SUFFIX)).toList()) {
                docs.add(JsonValues.MAPPER.readTree(file.toFile()));
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return docs;
    }

    /** Letters, digits, '-' and '_' as they are; every other byte as %XX, so no name escapes its folder. */
    private static String fileName(String name) {
        StringBuilder encoded = new StringBuilder();
        for (byte b : name.getBytes(StandardCharsets.UTF_8)) {
            char c = (char) (b & 0xff);
            if (c < 128 && (Character.isLetterOrDigit(c) || c == '-' || c == '_')) {
                encoded.append(c);
            } else {
                encoded.append('%').append(String.format("%02X", b & 0xff));
            }
        }
        return encoded.toString();
    }
}
