package dev.wfm.jobs.batches;

import com.fasterxml.jackson.databind.JsonNode;
import dev.wfm.common.Ids;
import dev.wfm.common.JsonFields;
import dev.wfm.common.Log;
import dev.wfm.common.Parallel;
import dev.wfm.common.Refusal;
import dev.wfm.jobs.Actor;
import dev.wfm.jobs.BatchResult;
import dev.wfm.jobs.JobCreation;
import dev.wfm.jobs.JobRepository;
import dev.wfm.jobs.lifecycle.JobLifecycle;
import dev.wfm.jobs.lifecycle.JobUpdates;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.ExecutorService;

/**
 * Batch updates: one change (see {@link BatchChange}) for up to {@link #MAX_JOBS} jobs, named or
 * matched by a query, accepted at once and run in the background. Submitting writes the batch
 * and its chunks of {@link #CHUNK} job ids in one transaction; each chunk's insert, through the
 * table's stream, has the batch function {@link #run} it. Every job is changed through its own
 * command, with its own history, and its result is written with its change: a chunk run again
 * (a crash, a retried stream batch) changes only the jobs without a result, so a batch is
 * resumable and never doubles work. A chunk done notes its counts, so reading a batch's progress
 * ({@link #progress}) costs a Query of its chunks and a page of results, whatever its size.
 */
public final class JobBatches {
    public static final int MAX_JOBS = 3000;
    static final int CHUNK = 100;
    /** How many of a chunk's jobs are changed at once. */
    private static final int SLICES = 4;
    private static final ExecutorService CHANGING = Parallel.pool("batch-changes", SLICES);

    /** The ids of the item's jobs a search query matches; refused past {@code max}. */
    @FunctionalInterface
    public interface JobMatcher {
        List<String> jobIds(String itemId, String q, int max);
    }

    /**
     * A batch and how far it is: the jobs of its chunks done that the change succeeded and failed on
     * (counted a chunk at a time), completed once every chunk is done; {@code results} a page of
     * its jobs' results in job id order, {@code more} when results follow it.
     */
    public record Progress(Batch batch, long succeeded, long failed, boolean completed, List<BatchResult> results, boolean more) {}

    private final BatchStore batches;
    private final JobRepository jobs;
    private final JobLifecycle lifecycle;
    private final JobUpdates updates;
    private final JobMatcher matcher;
    private final Clock clock;

    public JobBatches(BatchStore batches, JobRepository jobs, JobLifecycle lifecycle, JobUpdates updates, JobMatcher matcher, Clock clock) {
        this.batches = batches;
        this.jobs = jobs;
        this.lifecycle = lifecycle;
        this.updates = updates;
        this.matcher = matcher;
        this.clock = clock;
    }

    /**
     * Accepts {@code {jobIds | q, change}} from someone holding the change's privileges. Under an {@code idempotencyKey} the batch
     * id is the key's (per item and user), so a retried submit answers the batch it made; the same
     * key with another request ({@code requestFingerprint}) is refused.
     */
    public Batch submit(String itemId, Actor actor, JsonNode body, String idempotencyKey, String requestFingerprint) {
        JsonFields.refuseUnknown(body, "", "jobIds", "q", "change");
        if (idempotencyKey != null && (idempotencyKey.isBlank() || idempotencyKey.length() > JobCreation.MAX_IDEMPOTENCY_KEY)) {
            throw Refusal.invalid("An Idempotency-Key is 1 to " + JobCreation.MAX_IDEMPOTENCY_KEY + " characters", "Idempotency-Key");
        }
        BatchChange change = BatchChange.read(body.get("change"));
        change.privileges().forEach(actor::require);
        change.check(itemId, updates);
        List<String> jobIds = jobIds(itemId, body);
        String batchId = idempotencyKey == null ? Ids.newId(clock.instant())
                : UUID.nameUUIDFromBytes((itemId + "\n" + actor.user() + "\n" + idempotencyKey).getBytes(StandardCharsets.UTF_8)).toString();
        Batch batch = new Batch(batchId, itemId, change, jobIds.size(), actor, clock.instant().toString(),
                idempotencyKey == null ? null : requestFingerprint);
        if (batches.create(batch, chunks(jobIds))) {
            return batch;
        }
        Batch first = batches.find(itemId, batchId).orElseThrow(() -> Refusal.conflict("The batch is being written; try again", "batchId"));
        if (first.requestFingerprint() != null && !first.requestFingerprint().equals(requestFingerprint)) {
            throw Refusal.idempotencyKeyReused(idempotencyKey);
        }
        return first;
    }

    private List<String> jobIds(String itemId, JsonNode body) {
        boolean named = body.has("jobIds");
        if (named == body.has("q")) {
            throw Refusal.invalid("A batch names its jobs in jobIds or matches them with q, one of the two", "jobIds");
        }
        List<String> jobIds = named ? JsonFields.stringList(body.get("jobIds"), "jobIds")
                : matcher.jobIds(itemId, JsonFields.requiredString(body, "q", 4000), MAX_JOBS);
        jobIds = List.copyOf(new LinkedHashSet<>(jobIds)); // a job named twice is changed once
        if (jobIds.isEmpty() || jobIds.size() > MAX_JOBS) {
            throw Refusal.invalid((named ? "jobIds must name" : "q must match") + " 1 to " + MAX_JOBS + " jobs, not " + jobIds.size(),
                    named ? "jobIds" : "q");
        }
        jobIds.forEach(jobId -> {
            if (jobId.isBlank() || jobId.length() > JsonFields.MAX_ID_LENGTH) {
                throw Refusal.invalid("A job id is 1 to " + JsonFields.MAX_ID_LENGTH + " characters", "jobIds");
            }
        });
        return jobIds;
    }

    private static List<List<String>> chunks(List<String> jobIds) {
        return pieces(jobIds, CHUNK);
    }

    /** A chunk's jobs in {@link #SLICES} pieces, changed side by side: each job's change waits on DynamoDB, not on the CPU. */
    private static List<List<String>> slices(List<String> jobIds) {
        return pieces(jobIds, Math.max(1, (jobIds.size() + SLICES - 1) / SLICES));
    }

    private static List<List<String>> pieces(List<String> jobIds, int size) {
        List<List<String>> pieces = new ArrayList<>();
        for (int i = 0; i < jobIds.size(); i += size) {
            pieces.add(jobIds.subList(i, Math.min(jobIds.size(), i + size)));
        }
        return pieces;
    }

    /**
     * Runs chunk {@code chunk} of batch {@code batchId}: its jobs without a result yet get the change,
     * then the chunk notes its counts. A change the item no longer takes (a priority removed from its
     * lookup since) fails each such job with why.
     */
    public void run(String itemId, String batchId, int chunk, List<String> jobIds) {
        Batch batch = batches.find(itemId, batchId).orElse(null);
        if (batch == null) {
            Log.warn("A chunk of a batch that is not there; skipped", "itemId", itemId, "batchId", batchId);
            return;
        }
        try {
            var change = batch.change().prepared(lifecycle.inBatch(batchId), updates, itemId, batch.actor());
            Parallel.map(CHANGING, slices(jobIds), change);
        } catch (Refusal refused) {
            jobIds.forEach(jobId -> jobs.recordBatchResult(itemId, BatchResult.failed(batchId, jobId, refused.kind().name(),
                    refused.getMessage())));
        }
        var results = jobs.batchResults(itemId, batchId, jobIds).values();
        long succeeded = results.stream().filter(result -> result.state() == BatchResult.State.SUCCEEDED).count();
        long failed = results.stream().filter(result -> result.state() == BatchResult.State.FAILED).count();
        if (succeeded + failed < jobIds.size()) {
            throw new IllegalStateException("A chunk run left " + (jobIds.size() - succeeded - failed) + " of its jobs without a result");
        }
        batches.chunkDone(itemId, batchId, chunk, succeeded, failed);
    }

    /** The batch's progress, with up to {@code limit} of its results after job {@code afterJobId} (null: from the first). */
    public Progress progress(String itemId, String batchId, String afterJobId, int limit) {
        Batch batch = batches.find(itemId, batchId)
                .orElseThrow(() -> Refusal.notFound("Batch '" + batchId + "' was not found", "batchId"));
        BatchStore.Counts counts = batches.counts(itemId, batchId);
        List<BatchResult> results = limit == 0 ? List.of() : jobs.batchResults(itemId, batchId, afterJobId, limit + 1).stream()
                .filter(BatchResult::settled).toList();
        boolean more = results.size() > limit;
        return new Progress(batch, counts.succeeded(), counts.failed(), counts.chunksDone() == counts.chunks(),
                more ? results.subList(0, limit) : results, more);
    }
}
