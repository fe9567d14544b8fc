package dev.wfm.jobs.events;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * One line of a job's history, as stored and shown: who did what, when, to which step. Derived from
 * the {@link JobEvent} it records ({@link JobEvent#historyEntry}) and written with its change.
 */
public record HistoryEntry(String action, String stepId, String user, String date, Long durationSeconds, JsonNode details) {}
