package dev.wfm.jobs.events;

/**
 * An event as a job's history keeps it: its id ({@link #id}), the event itself (what the event
 * stream carries out) and the line of history it makes ({@link #entry}).
 */
public record RecordedEvent(String eventId, JobEvent event) {
    /**
     * The id of the event written {@code index}th in the change saved at {@code revision} of job
     * {@code jobId}: it names one event for good, so a consumer that sees it twice knows.
     */
    public static String id(String jobId, long revision, int index) {
        return jobId + "/" + revision + "/" + index;
    }

    /** The line of the job's history that records it. */
    public HistoryEntry entry() {
        return event.historyEntry();
    }
}
