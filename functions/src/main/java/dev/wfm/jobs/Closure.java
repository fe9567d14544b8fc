package dev.wfm.jobs;

/** Who closed a job and when, and the status it had until then, which reopening gives back. */
public record Closure(String closedBy, String closedDate, String statusBefore) {}
