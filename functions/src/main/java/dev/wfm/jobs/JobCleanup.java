package dev.wfm.jobs;

/**
 * What a job owns outside its own records (attachment files, spatial index entries), released
 * before the job's records are deleted. Must be idempotent: a failed delete is retried whole.
 */
@FunctionalInterface
public interface JobCleanup {
    void beforeDelete(String itemId, String jobId);
}
