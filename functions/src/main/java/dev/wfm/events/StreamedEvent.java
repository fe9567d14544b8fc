package dev.wfm.events;

import dev.wfm.jobs.events.JobEvent;

/**
 * One job event as it left the table through the stream: its stable id ({jobId}/{revision}/{index},
 * the history record's eventId), the item and job it belongs to, and the typed event.
 */
public record StreamedEvent(String eventId, String itemId, String jobId, JobEvent event) {}
