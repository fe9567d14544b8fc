package dev.wfm.jobs;

import com.fasterxml.jackson.databind.JsonNode;

/** One line of a job's history: who did what, when, to which step; written with the change it records. */
public record HistoryEntry(String action, String stepId, String user, String date, Long durationSeconds, JsonNode details) {
    public static HistoryEntry of(String action, String stepId, String user, String date) {
        return new HistoryEntry(action, stepId, user, date, null, null);
    }
}
