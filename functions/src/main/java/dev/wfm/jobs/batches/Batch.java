package dev.wfm.jobs.batches;

import dev.wfm.jobs.Actor;

/**
 * A batch update as submitted: {@code change} for {@code total} jobs, made as {@code actor} (who
 * asked, with the roles they had), {@code requestFingerprint} the request it was submitted with
 * under an Idempotency-Key (null: none).
 */
public record Batch(String batchId, String itemId, BatchChange change, int total, Actor actor, String submitted,
                    String requestFingerprint) {}
