package dev.wfm.jobs;

import dev.wfm.execution.ExecutionContract.TokenKind;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * A current step waiting for a person it is assigned to (a user or a group), as "my work" lists
 * it: what a worker needs to choose it without reading the job. {@code since} is when the step
 * became current; {@code overdueFrom} the moment the job counts as overdue from while its SLA
 * clock stays as it is (null: never), so whether it is overdue is read at the time of asking;
 * {@code claimedFrom} the group a worker claimed the step from (null: not claimed), so it can go back.
 */
public record WorkItem(String jobId, String jobName, String stepId, String stepName, String status, String assignedType,
                       String assignedTo, String priority, String dueDate, String overdueFrom, boolean held, String since,
                       String claimedFrom) {

    /**
     * The work a job offers: each current step of an open, running job that waits for a person
     * (a step for people, or an automated one that failed and waits for a decision) and is
     * assigned to a user or a group. A closed, paused or deleted job offers none.
     */
    public static List<WorkItem> of(Job job) {
        if (job == null || job.closed() || job.paused()) {
            return List.of();
        }
        String overdueFrom = job.overdueFrom().map(Object::toString).orElse(null);
        return job.currentSteps().stream()
                .filter(step -> !step.idOnly() && waitsForAPerson(step) && assignee(step).isPresent())
                .map(step -> new WorkItem(job.jobId(), job.jobName(), step.stepId(), step.stepName(), step.status().name(),
                        step.assignedType(), step.assignedTo(), job.priority(), job.dueDate(), overdueFrom,
                        step.status() == StepStatus.Held, step.since(), step.claimedFrom()))
                .toList();
    }

    /** What a change of job {@code jobId} does to its work: the items to write (new or different) and the steps whose item goes. */
    public record Changes(String jobId, List<WorkItem> put, List<String> removedStepIds) {
        public boolean isEmpty() {
            return put.isEmpty() && removedStepIds.isEmpty();
        }
    }

    /** The change from the work of {@code before} (null: a new job) to that of {@code after} (null: deleted). */
    public static Changes between(Job before, Job after) {
        Map<String, WorkItem> was = byStep(of(before));
        Map<String, WorkItem> is = byStep(of(after));
        List<WorkItem> put = is.values().stream().filter(item -> !item.equals(was.get(item.stepId()))).toList();
        List<String> removed = was.keySet().stream().filter(stepId -> !is.containsKey(stepId)).toList();
        return new Changes(after != null ? after.jobId() : before.jobId(), put, removed);
    }

    /** The assignee's kind and name, when the step is assigned to a user or a group. */
    public static Optional<Assignee> assignee(CurrentStep step) {
        if (step.assignedTo() == null || step.assignedTo().isBlank()) {
            return Optional.empty();
        }
        return switch (String.valueOf(step.assignedType())) {
            case "User" -> Optional.of(new Assignee(false, step.assignedTo()));
            case "Group" -> Optional.of(new Assignee(true, step.assignedTo()));
            default -> Optional.empty();
        };
    }

    /** A user ({@code group} false) or a group that work is assigned to. */
    public record Assignee(boolean group, String name) {}

    public Assignee assignee() {
        return new Assignee("Group".equals(assignedType), assignedTo);
    }

    /** Steps for people, and automated steps that failed (they wait for a person to retry or skip them). */
    private static boolean waitsForAPerson(CurrentStep step) {
        return !step.automated() || step.tokenKind() == TokenKind.DECISION;
    }

    private static Map<String, WorkItem> byStep(List<WorkItem> items) {
        return items.stream().collect(Collectors.toMap(WorkItem::stepId, Function.identity(), (a, b) -> a, LinkedHashMap::new));
    }
}
