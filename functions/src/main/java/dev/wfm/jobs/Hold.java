package dev.wfm.jobs;

/** A hold on a step: it cannot be run or finished until released, by hand or at {@code scheduledRelease}. */
public record Hold(String holdId, String stepId, String comment, String scheduledRelease, String created, String createdBy) {}
