package dev.wfm.jobs;

/**
 * What a batch update did to one of its jobs. A result is written in the same transaction as the
 * job's change, so a batch run again after a crash finds the jobs it changed and skips them; a
 * deletion, which is not one transaction, is {@code DELETING} until the job is gone.
 */
public record BatchResult(String batchId, String jobId, State state, String code, String message) {
    public enum State { SUCCEEDED, FAILED, DELETING }

    public static BatchResult succeeded(String batchId, String jobId) {
        return new BatchResult(batchId, jobId, State.SUCCEEDED, null, null);
    }

    public static BatchResult failed(String batchId, String jobId, String code, String message) {
        return new BatchResult(batchId, jobId, State.FAILED, code, message);
    }

    /** Whether the job needs nothing more from the batch. */
    public boolean settled() {
        return state != State.DELETING;
    }
}
