package dev.wfm.jobs;

/** Step {@code stepId} of this job cannot run or finish until step {@code onStepId} of job {@code onJobId} finishes. */
public record Dependency(String dependencyId, String stepId, String onJobId, String onStepId, String created, String createdBy) {}
