package dev.wfm.local.streams;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.stream.Stream;

/**
 * The local stand-in for an event source mapping's OnFailure SQS queue: each message kept as SQS
 * would hand it out ({@code MessageId}, {@code Body}: the invocation record Lambda sends, as text;
 * {@code Attributes.SentTimestamp}), one file per message under {@code dead-letters/{queue}/} of the
 * data folder, named so they list oldest first; or in memory.
 */
public final class DeadLetters {
    private final Path folder;
    private final List<ObjectNode> inMemory = new ArrayList<>();

    private DeadLetters(Path folder) {
        this.folder = folder;
    }

    /** The queue of {@code queueArn} under {@code dataDir}; null: in memory. */
    public static DeadLetters of(Path dataDir, String queueArn) {
        return new DeadLetters(dataDir == null ? null : dataDir.resolve("dead-letters").resolve(queueName(queueArn)));
    }

    /** Every queue's folder under a data folder. */
    public static Path folder(Path dataDir) {
        return dataDir.resolve("dead-letters");
    }

    /** The queue's name: the last part of its ARN. */
    static String queueName(String queueArn) {
        return queueArn.substring(queueArn.lastIndexOf(':') + 1);
    }

    synchronized void send(JsonNode body, Instant now) {
        ObjectNode message = ShardRecord.MAPPER.createObjectNode();
        String id = UUID.randomUUID().toString();
        message.put("MessageId", id);
        message.put("Body", body.toString());
        message.putObject("Attributes").put("SentTimestamp", Long.toString(now.toEpochMilli()));
        if (folder == null) {
            inMemory.add(message);
            return;
        }
        try {
            Files.createDirectories(folder);
            Path temp = Files.createTempFile(folder, "message", ".tmp");
            Files.writeString(temp, message.toPrettyString(), StandardCharsets.UTF_8);
            Files.move(temp, folder.resolve(String.format("%013d-%s.json", now.toEpochMilli(), id)), StandardCopyOption.ATOMIC_MOVE);
        } catch (IOException e) {
            throw new UncheckedIOException("A dead letter could not be written to " + folder, e);
        }
    }

    /** The messages, oldest first. */
    public synchronized List<JsonNode> messages() {
        if (folder == null) {
            return List.copyOf(inMemory);
        }
        if (!Files.isDirectory(folder)) {
            return List.of();
        }
        try (Stream<Path> files = Files.list(folder)) {
            List<JsonNode> messages = new ArrayList<>();
            for (Path file : files.filter(f -> f.toString().endsWith(".json")).sorted().toList()) {
                messages.add(ShardRecord.MAPPER.readTree(file.toFile()));
            }
            return messages;
        } catch (IOException e) {
            throw new UncheckedIOException("The dead letters in " + folder + " are not readable", e);
        }
    }
}
