package dev.wfm.local.streams;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.wfm.local.lambda.LambdaInvokeException;
import dev.wfm.local.lambda.LambdaInvoker;
import dev.wfm.local.lambda.LambdaResult;
import dev.wfm.local.template.Intrinsics;
import dev.wfm.local.template.StreamSource;
import java.io.IOException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.UUID;
import java.util.function.Consumer;

/**
 * Delivers one batch of a shard's records to the function as Lambda's event source mapping does, and
 * returns once every record of it is settled, each settled record passed on in order (the checkpoint):
 * <ul>
 *   <li>a success settles the batch; with ReportBatchItemFailures, an answer naming failed records
 *       settles those before the first of them, and the rest is retried (an item identifier that names
 *       no record of the batch fails the whole batch, as on AWS);</li>
 *   <li>a function error (an exception, a timeout) retries the batch, or, with BisectBatchOnFunctionError,
 *       the two halves of it one after the other (a split is no retry);</li>
 *   <li>after MaximumRetryAttempts retries, or once its oldest record is older than
 *       MaximumRecordAgeInSeconds, what is left of the batch is settled by sending its description to the
 *       OnFailure destination (or dropping it when there is none): a record that always fails never
 *       blocks its shard.</li>
 * </ul>
 * Retries wait a little longer each time (100 ms doubling, at most a second): AWS retries at once, but
 * on one machine a failure that passes needs that moment.
 */
final class BatchDelivery {
    /** The mapping stopped while the batch was in flight: nothing after the last settled record counts. */
    static final class Stopped extends RuntimeException {
        private static final long serialVersionUID = 1L;

        Stopped() {
            super(null, null, false, false);
        }
    }

    private sealed interface Outcome {
        record Succeeded() implements Outcome {}

        /** The records from {@code index} on failed (a batch item failure). */
        record FailedFrom(int index) implements Outcome {}

        record FunctionFailed(String errorType) implements Outcome {}
    }

    private final String functionId;
    private final StreamSource source;
    private final LambdaInvoker lambdas;
    private final DeadLetters deadLetters;
    private final Clock clock;

    BatchDelivery(String functionId, StreamSource source, LambdaInvoker lambdas, DeadLetters deadLetters, Clock clock) {
        this.functionId = functionId;
        this.source = source;
        this.lambdas = lambdas;
        this.deadLetters = deadLetters;
        this.clock = clock;
    }

    /** Delivers the batch, read from {@code shardId} of {@code streamArn}; {@code settled} is told each record settled, the last of a run only. */
    void deliver(String streamArn, String shardId, List<ShardRecord> batch, Consumer<String> settled) {
        List<ShardRecord> pending = batch;
        int stale = staleRecords(pending);
        if (stale > 0) {
            failed(streamArn, shardId, pending.subList(0, stale), "RecordAgeExceeded", 0, null);
            settled.accept(pending.get(stale - 1).sequenceNumber());
            pending = pending.subList(stale, pending.size());
        }
        if (!pending.isEmpty()) {
            attempt(streamArn, shardId, pending, settled);
        }
    }

    private void attempt(String streamArn, String shardId, List<ShardRecord> batch, Consumer<String> settled) {
        List<ShardRecord> pending = batch;
        for (int invocations = 1; ; invocations++) {
            Outcome outcome = invoke(pending);
            if (outcome instanceof Outcome.Succeeded) {
                settled.accept(last(pending));
                return;
            }
            if (outcome instanceof Outcome.FailedFrom failed && failed.index() > 0) {
                settled.accept(pending.get(failed.index() - 1).sequenceNumber());
                pending = pending.subList(failed.index(), pending.size());
            }
            if (outcome instanceof Outcome.FunctionFailed && source.bisectBatchOnFunctionError() && pending.size() > 1) {
                int half = pending.size() / 2;
                attempt(streamArn, shardId, pending.subList(0, half), settled);
                attempt(streamArn, shardId, pending.subList(half, pending.size()), settled);
                return;
            }
            String functionError = outcome instanceof Outcome.FunctionFailed failed ? failed.errorType() : null;
            if (source.maximumRetryAttempts() >= 0 && invocations > source.maximumRetryAttempts()) {
                failed(streamArn, shardId, pending, "RetryAttemptsExhausted", invocations, functionError);
                settled.accept(last(pending));
                return;
            }
            if (staleRecords(pending) > 0) {
                failed(streamArn, shardId, pending, "RecordAgeExceeded", invocations, functionError);
                settled.accept(last(pending));
                return;
            }
            pause(Duration.ofMillis(Math.min(1000, 100L << Math.min(invocations - 1, 4))));
        }
    }

    private Outcome invoke(List<ShardRecord> batch) {
        ObjectNode event = ShardRecord.MAPPER.createObjectNode();
        ArrayNode records = event.putArray("Records");
        batch.forEach(record -> records.add(record.lambdaJson()));
        LambdaResult result;
        try {
            result = lambdas.invoke(functionId, ShardRecord.MAPPER.writeValueAsBytes(event));
        } catch (LambdaInvokeException e) {
            stopIfInterrupted();
            return new Outcome.FunctionFailed(e.errorCode());
        } catch (IOException e) {
            throw new IllegalStateException("A stream batch is not writable as JSON", e);
        }
        stopIfInterrupted();
        JsonNode answer = read(result.payload());
        if (result.functionError() != null) {
            return new Outcome.FunctionFailed(answer.path("errorType").asText("Unhandled"));
        }
        JsonNode failures = answer.path("batchItemFailures");
        if (!source.reportBatchItemFailures() || !failures.isArray() || failures.isEmpty()) {
            return new Outcome.Succeeded();
        }
        int first = batch.size();
        for (JsonNode failure : failures) {
            String identifier = failure.path("itemIdentifier").asText("");
            int index = indexOf(batch, identifier);
            if (index < 0) {
                return new Outcome.FunctionFailed("invalid batchItemFailures: no record of the batch has itemIdentifier '" + identifier + "'");
            }
            first = Math.min(first, index);
        }
        return new Outcome.FailedFrom(first);
    }

    /** Sends the description of records given up on to the OnFailure destination, as Lambda words it. */
    private void failed(String streamArn, String shardId, List<ShardRecord> records, String condition, int invocations, String functionError) {
        System.err.println("local streams: " + functionId + " gave up on " + records.size() + " record(s) of " + shardId + " ("
                + condition + ", " + invocations + " invocation(s))"
                + (deadLetters == null ? "; no OnFailure destination, they are dropped" : "; described in the dead letters"));
        if (deadLetters == null) {
            return;
        }
        Instant now = clock.instant();
        ObjectNode message = ShardRecord.MAPPER.createObjectNode();
        ObjectNode request = message.putObject("requestContext");
        request.put("requestId", UUID.randomUUID().toString());
        request.put("functionArn", Intrinsics.functionArn(functionId));
        request.put("condition", condition);
        request.put("approximateInvokeCount", invocations);
        if (invocations > 0) {
            ObjectNode response = message.putObject("responseContext");
            response.put("statusCode", 200);
            response.put("executedVersion", "$LATEST");
            if (functionError != null) {
                response.put("functionError", "Unhandled");
            }
        }
        message.put("version", "1.0");
        message.put("timestamp", now.truncatedTo(ChronoUnit.MILLIS).toString());
        ObjectNode info = message.putObject("DDBStreamBatchInfo");
        info.put("shardId", shardId);
        info.put("startSequenceNumber", records.get(0).sequenceNumber());
        info.put("endSequenceNumber", last(records));
        info.put("approximateArrivalOfFirstRecord", records.get(0).approximateCreation().truncatedTo(ChronoUnit.SECONDS).toString());
        info.put("approximateArrivalOfLastRecord", records.get(records.size() - 1).approximateCreation().truncatedTo(ChronoUnit.SECONDS).toString());
        info.put("batchSize", records.size());
        info.put("streamArn", streamArn);
        deadLetters.send(message, now);
    }

    /** How many records, from the first, are older than MaximumRecordAgeInSeconds. */
    private int staleRecords(List<ShardRecord> records) {
        if (source.maximumRecordAgeSeconds() < 0) {
            return 0;
        }
        Instant oldest = clock.instant().minusSeconds(source.maximumRecordAgeSeconds());
        int stale = 0;
        while (stale < records.size() && records.get(stale).approximateCreation().isBefore(oldest)) {
            stale++;
        }
        return stale;
    }

    private static int indexOf(List<ShardRecord> batch, String sequenceNumber) {
        for (int i = 0; i < batch.size(); i++) {
            if (batch.get(i).sequenceNumber().equals(sequenceNumber)) {
                return i;
            }
        }
        return -1;
    }

    private static String last(List<ShardRecord> records) {
        return records.get(records.size() - 1).sequenceNumber();
    }

    private static JsonNode read(byte[] payload) {
        try {
            JsonNode answer = ShardRecord.MAPPER.readTree(payload);
            return answer == null ? ShardRecord.MAPPER.nullNode() : answer;
        } catch (IOException notJson) {
            return ShardRecord.MAPPER.nullNode();
        }
    }

    private static void stopIfInterrupted() {
        if (Thread.currentThread().isInterrupted()) {
            throw new Stopped();
        }
    }

    private static void pause(Duration pause) {
        try {
            Thread.sleep(pause.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new Stopped();
        }
    }
}
