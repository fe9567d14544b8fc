package dev.wfm.local.streams;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * How far an event source mapping has come in its stream: per shard, the sequence number of the last
 * record it settled (delivered, filtered out or dead-lettered) and whether the shard is finished (closed
 * and read to its end). Kept in a file ({@code {"streamArn", "shards": {id: sequenceNumber},
 * "finished": [ids]}}), rewritten whole and atomically on every change, so a restart resumes after the
 * last record settled, even after a kill; or in memory. A checkpoint of another stream (the table was
 * made again) is no checkpoint.
 */
final class Checkpoints {
    private final Path file;
    private String streamArn;
    private final Map<String, String> shards = new LinkedHashMap<>();
    private final Set<String> finished = new HashSet<>();

    private Checkpoints(Path file) {
        this.file = file;
    }

    /** Kept in {@code file}, read from it if it is there; null: in memory. */
    static Checkpoints open(Path file) {
        Checkpoints checkpoints = new Checkpoints(file);
        if (file != null && Files.exists(file)) {
            try {
                JsonNode saved = ShardRecord.MAPPER.readTree(file.toFile());
                checkpoints.streamArn = saved.path("streamArn").asText(null);
                saved.path("shards").fields().forEachRemaining(shard -> checkpoints.shards.put(shard.getKey(), shard.getValue().asText()));
                saved.path("finished").forEach(shard -> checkpoints.finished.add(shard.asText()));
            } catch (IOException e) {
                throw new UncheckedIOException("The stream checkpoint " + file + " is not readable", e);
            }
        }
        return checkpoints;
    }

    /** Follows {@code arn} from now on, forgetting the shards of another stream. */
    synchronized void follow(String arn) {
        if (!arn.equals(streamArn)) {
            streamArn = arn;
            shards.clear();
            finished.clear();
            save();
        }
    }

    synchronized Optional<String> after(String shardId) {
        return Optional.ofNullable(shards.get(shardId));
    }

    synchronized boolean finished(String shardId) {
        return finished.contains(shardId);
    }

    synchronized void settled(String shardId, String sequenceNumber) {
        if (!sequenceNumber.equals(shards.put(shardId, sequenceNumber))) {
            save();
        }
    }

    synchronized void finish(String shardId) {
        if (finished.add(shardId)) {
            save();
        }
    }

    private void save() {
        if (file == null) {
            return;
        }
        ObjectNode json = ShardRecord.MAPPER.createObjectNode();
        json.put("streamArn", streamArn);
        ObjectNode saved = json.putObject("shards");
        shards.forEach(saved::put);
        finished.stream().sorted().forEach(json.putArray("finished")::add);
        try {
            Files.createDirectories(file.getParent());
            Path temp = Files.createTempFile(file.getParent(), file.getFileName().toString(), ".tmp");
            Files.writeString(temp, json.toPrettyString(), StandardCharsets.UTF_8);
            Files.move(temp, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        } catch (IOException e) {
            throw new UncheckedIOException("The stream checkpoint " + file + " could not be written", e);
        }
    }
}
