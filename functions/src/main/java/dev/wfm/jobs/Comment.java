package dev.wfm.jobs;

/** A comment on a job. */
public record Comment(String commentId, String comment, String user, String date) {}
