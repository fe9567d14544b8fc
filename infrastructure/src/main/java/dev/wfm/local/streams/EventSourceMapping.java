package dev.wfm.local.streams;

import dev.wfm.local.lambda.LambdaInvoker;
import dev.wfm.local.runtime.DaemonThreads;
import dev.wfm.local.template.StreamSource;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.ExpiredIteratorException;
import software.amazon.awssdk.services.dynamodb.model.GetRecordsResponse;
import software.amazon.awssdk.services.dynamodb.model.Record;
import software.amazon.awssdk.services.dynamodb.model.ResourceNotFoundException;
import software.amazon.awssdk.services.dynamodb.model.Shard;
import software.amazon.awssdk.services.dynamodb.model.ShardIteratorType;
import software.amazon.awssdk.services.dynamodb.model.StreamDescription;
import software.amazon.awssdk.services.dynamodb.model.TrimmedDataAccessException;
import software.amazon.awssdk.services.dynamodb.streams.DynamoDbStreamsClient;

/**
 * What Lambda's event source mapping does for one {@code DynamoDB} event of a function, on one thread:
 * finds the table's stream and its shards (a shard is read once its parent is finished: shards split
 * and close, and a key's records move on to the child), reads each with GetShardIterator and GetRecords,
 * keeps the records the filter passes, and hands them to {@link BatchDelivery} in batches of at most
 * BatchSize, once the batch is full or the batching window has passed since its first record. The
 * checkpoint moves after each record settled, so a restart resumes after it. It polls every
 * {@link #IDLE_POLL} while the stream is quiet and at once again while records keep coming.
 */
final class EventSourceMapping implements AutoCloseable {
    static final Duration IDLE_POLL = Duration.ofMillis(100);
    private static final Duration SHARDS_REFRESH = Duration.ofSeconds(1);
    private static final Duration AFTER_ERROR = Duration.ofSeconds(1);

    /** Where the mapping stands in one shard: its iterator and the records read but not yet delivered. */
    private static final class ShardReader {
        String iterator;
        final List<ShardRecord> batch = new ArrayList<>();
        long batchStartedNanos;
        /** The last record read (delivered or filtered out): settled once the batch before it is. */
        String lastRead;
    }

    private final String functionId;
    private final StreamSource source;
    private final DynamoDbClient dynamo;
    private final DynamoDbStreamsClient streams;
    private final RecordFilter filter;
    private final BatchDelivery delivery;
    private final Checkpoints checkpoints;
    private final Map<String, ShardReader> readers = new HashMap<>();
    private final Thread thread;
    private final String name;
    private String streamArn;
    private Map<String, Shard> shards = new LinkedHashMap<>();
    private long shardsReadNanos;
    private String lastError;
    private volatile boolean closed;

    /**
     * @param checkpointFile where the checkpoint is kept; null: in memory
     * @param deadLetters the OnFailure destination's stand-in; null: none
     */
    EventSourceMapping(String functionId, StreamSource source, LambdaInvoker lambdas, DynamoDbClient dynamo, DynamoDbStreamsClient streams,
                       Path checkpointFile, DeadLetters deadLetters, Clock clock) {
        this.functionId = functionId;
        this.source = source;
        this.dynamo = dynamo;
        this.streams = streams;
        this.filter = new RecordFilter(source.filterPatterns());
        this.delivery = new BatchDelivery(functionId, source, lambdas, deadLetters, clock);
        this.checkpoints = Checkpoints.open(checkpointFile);
        this.name = functionId + "/" + source.eventId();
        this.thread = DaemonThreads.named("stream-" + name).newThread(this::run);
    }

    void start() {
        thread.start();
    }

    private void run() {
        while (!closed) {
            try {
                boolean more = poll();
                lastError = null;
                if (!more) {
                    Thread.sleep(IDLE_POLL.toMillis());
                }
            } catch (BatchDelivery.Stopped | InterruptedException stopped) {
                return;
            } catch (RuntimeException e) {
                if (closed) {
                    return;
                }
                if (!Objects.equals(lastError, e.toString())) {
                    System.err.println("local streams: " + name + " cannot read the stream of " + source.table() + " (retrying): " + e);
                    lastError = e.toString();
                }
                readers.clear();
                if (!sleep(AFTER_ERROR)) {
                    return;
                }
            }
        }
    }

    /** One round over the shards that may be read; true when one of them has more records waiting. */
    private boolean poll() {
        if (!findStream()) {
            return false;
        }
        if (System.nanoTime() - shardsReadNanos > SHARDS_REFRESH.toNanos()) {
            shards = describeShards();
            shardsReadNanos = System.nanoTime();
        }
        boolean more = false;
        for (Shard shard : shards.values()) {
            if (closed) {
                break;
            }
            if (!checkpoints.finished(shard.shardId()) && parentFinished(shard)) {
                more |= poll(shard);
            }
        }
        return more;
    }

    private boolean findStream() {
        if (streamArn != null) {
            return true;
        }
        try {
            streamArn = dynamo.describeTable(builder -> builder.tableName(source.table())).table().latestStreamArn();
        } catch (ResourceNotFoundException notYet) {
            return false;
        }
        if (streamArn == null) {
            throw new IllegalStateException("table " + source.table() + " has no stream: its StreamSpecification is missing");
        }
        checkpoints.follow(streamArn);
        return true;
    }

    private Map<String, Shard> describeShards() {
        Map<String, Shard> found = new LinkedHashMap<>();
        String after = null;
        do {
            String start = after;
            StreamDescription description = streams.describeStream(builder -> builder.streamArn(streamArn).exclusiveStartShardId(start))
                    .streamDescription();
            description.shards().forEach(shard -> found.put(shard.shardId(), shard));
            after = description.lastEvaluatedShardId();
        } while (after != null);
        return found;
    }

    /** A shard is read after its parent is read to its end; a parent the stream no longer has is done. */
    private boolean parentFinished(Shard shard) {
        return shard.parentShardId() == null || !shards.containsKey(shard.parentShardId()) || checkpoints.finished(shard.parentShardId());
    }

    private boolean poll(Shard shard) {
        String shardId = shard.shardId();
        ShardReader reader = readers.computeIfAbsent(shardId, id -> new ShardReader());
        GetRecordsResponse page;
        try {
            if (reader.iterator == null) {
                reader.iterator = iterator(shardId);
            }
            String iterator = reader.iterator;
            int wanted = Math.min(1000, source.batchSize() - reader.batch.size());
            page = streams.getRecords(builder -> builder.shardIterator(iterator).limit(wanted));
        } catch (ExpiredIteratorException | TrimmedDataAccessException lost) {
            readers.remove(shardId); // read again from the checkpoint (or from the oldest record kept)
            return true;
        }
        reader.iterator = page.nextShardIterator();
        for (Record record : page.records()) {
            ShardRecord read = ShardRecord.of(record, streamArn);
            reader.lastRead = read.sequenceNumber();
            if (filter.passes(read)) {
                if (reader.batch.isEmpty()) {
                    reader.batchStartedNanos = System.nanoTime();
                }
                reader.batch.add(read);
            }
        }
        boolean full = reader.batch.size() >= source.batchSize();
        boolean ended = reader.iterator == null;
        boolean windowPassed = System.nanoTime() - reader.batchStartedNanos >= Duration.ofSeconds(source.batchingWindowSeconds()).toNanos();
        if (!reader.batch.isEmpty() && (full || ended || windowPassed)) {
            delivery.deliver(streamArn, shardId, List.copyOf(reader.batch), sequence -> checkpoints.settled(shardId, sequence));
            reader.batch.clear();
        }
        if (reader.batch.isEmpty() && reader.lastRead != null) {
            checkpoints.settled(shardId, reader.lastRead);
        }
        if (ended && reader.batch.isEmpty()) {
            checkpoints.finish(shardId);
            readers.remove(shardId);
            shardsReadNanos = 0; // a closed shard has children to find
        }
        return full || !page.records().isEmpty() && !ended;
    }

    private String iterator(String shardId) {
        var after = checkpoints.after(shardId);
        try {
            return streams.getShardIterator(builder -> {
                builder.streamArn(streamArn).shardId(shardId);
                after.ifPresentOrElse(sequence -> builder.shardIteratorType(ShardIteratorType.AFTER_SEQUENCE_NUMBER).sequenceNumber(sequence),
                        () -> builder.shardIteratorType(ShardIteratorType.fromValue(source.startingPosition())));
            }).shardIterator();
        } catch (TrimmedDataAccessException trimmed) {
            System.err.println("local streams: " + name + ": records of " + shardId + " after " + after.orElse("the start")
                    + " were trimmed from the stream before they were delivered; reading from the oldest kept");
            return streams.getShardIterator(builder -> builder.streamArn(streamArn).shardId(shardId)
                    .shardIteratorType(ShardIteratorType.TRIM_HORIZON)).shardIterator();
        }
    }

    private boolean sleep(Duration pause) {
        try {
            Thread.sleep(pause.toMillis());
            return true;
        } catch (InterruptedException e) {
            return false;
        }
    }

    /** Stops polling; a batch in flight is cut off and read again, from the checkpoint, by the next start. */
    @Override
    public void close() {
        closed = true;
        thread.interrupt();
        try {
            thread.join(Duration.ofSeconds(10).toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    String functionId() {
        return functionId;
    }
}
