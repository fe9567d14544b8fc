package dev.wfm.search;

import dev.wfm.jobs.Job;
import java.util.List;

/** Jobs for the language tests: only the searchable properties matter. */
final class Jobs {
    private Jobs() {}

    static Job job(String jobId, String priority, String jobStatus, boolean closed, String assignedType, String assignedTo,
                   String description, String dueDate) {
        return new Job("item", jobId, "Job " + jobId, "tmpl", "diag", 2, null, null, 0, priority, jobStatus, closed, false,
                assignedType, assignedTo, description, dueDate, null, "admin", "2026-01-01T00:00:00Z",
                "2026-01-02T00:00:00Z", 1, List.of(), List.of(), List.of(), List.of(), List.of(), null);
    }
}
