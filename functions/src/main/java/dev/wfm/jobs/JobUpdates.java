package dev.wfm.jobs;

import com.fasterxml.jackson.databind.JsonNode;
import dev.wfm.common.Ids;
import dev.wfm.common.JsonFields;
import dev.wfm.common.Refusal;
import dev.wfm.config.Assignment;
import dev.wfm.config.Lookups;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Updates of a job's basic properties, guarded by the revision the caller read: stale (409) when
 * what an update sets (properties, extended properties, related records) changed after it
 * ({@link Job#propertiesRevision}); the job's own bookkeeping since (its execution giving a step
 * its token, steps moving on) is no conflict. Refused while a step is Working unless the caller
 * names it in {@code allowRunningStepId}: whoever works a step must not have the job changed
 * under them unawares.
 */
public final class JobUpdates {
    private static final Set<String> FIELDS = Set.of("revision", "allowRunningStepId", "jobName", "priority", "jobStatus",
            "description", "dueDate", "startDate", "extendedProperties", "relatedProperties", "assignedType", "assignedTo");
    private final JobRunner runner;
    private final JobStore store;
    private final Lookups lookups;
    private final ExtendedProperties extended;

    /**
     * Updates also set extended property values ({@code extendedProperties}) and change related
     * records ({@code relatedProperties}) through {@code extended}.
     */
    public JobUpdates(JobRunner runner, JobStore store, Lookups lookups, ExtendedProperties extended) {
        this.runner = runner;
        this.store = store;
        this.lookups = lookups;
        this.extended = extended;
    }

    public Job update(String itemId, String jobId, Actor actor, JsonNode body) {
        // An update changes the fields it names; the job's other fields (state, history) change through their own commands.
        JsonFields.refuseUnknown(body, "", FIELDS);
        Long revision = JsonFields.optionalLong(body, "revision", 0, Long.MAX_VALUE);
        if (revision == null) {
            throw Refusal.invalid("Field 'revision' (the job's revision you read) is required", "revision");
        }
        long expected = revision;
        String allowRunning = JsonFields.optionalString(body, "allowRunningStepId", 64);
        Set<String> priorities = lookups.values(itemId, Lookups.PRIORITIES);
        Set<String> statuses = Set.copyOf(lookups.lookup(itemId, Lookups.JOB_STATUSES).openValues()); // closing sets the closed status
        String jobName = JsonFields.optionalString(body, "jobName", 500);
        String priority = checked(JsonFields.optionalString(body, "priority", 100), priorities, "priority");
        String jobStatus = checked(JsonFields.optionalString(body, "jobStatus", 100), statuses, "jobStatus");
        String description = JsonFields.optionalString(body, "description", 4000);
        String dueDate = JsonFields.optionalTime(body, "dueDate");
        String startDate = JsonFields.optionalTime(body, "startDate");
        JsonNode extendedChanges = body.get("extendedProperties");
        JsonNode relatedChanges = body.get("relatedProperties");
        Assignment assignment = Assignment.read(body, "");
        if (!actor.manages()) {
            throw Refusal.denied("Updating a job needs the manager or admin role in this workflow item");
        }
        // a job's template never changes: its tables are read once, not again when a conflict retries the command
        ExtendedProperties.Tables[] tables = {null};
        Change<Job> change = runner.run(itemId, jobId, job -> {
            if (expected > job.revision() || job.propertiesRevision() > expected) {
                String found = expected > job.revision() ? "is at revision " + job.revision() + ", before " + expected
                        : "was changed at revision " + job.propertiesRevision() + ", after revision " + expected + " that you read";
                return Change.reject(Rejection.conflict("STALE_REVISION", "Job '" + jobId + "' " + found
                        + ". Read it again and reapply your change."), null);
            }
            if (job.closed()) {
                return Change.reject(Rejection.conflict("JOB_CLOSED", "Job '" + jobId + "' is closed. Reopen it to change it."), null);
            }
            List<String> working = job.currentSteps().stream()
                    .filter(step -> step.status() == StepStatus.Working && !step.stepId().equals(allowRunning))
                    .map(CurrentStep::stepId).toList();
            if (!working.isEmpty()) {
                return Change.reject(Rejection.conflict("STEP_WORKING", "Steps " + working + " are Working; name the step in "
                        + "allowRunningStepId to update the job while it runs."), null);
            }
            if (tables[0] == null && (extendedChanges != null || relatedChanges != null)) {
                tables[0] = extended.tablesOf(itemId, job.jobTemplateId());
            }
            var extendedValues = extendedChanges == null ? null : extended.apply(tables[0], job.extendedProperties(), extendedChanges);
            // ids sort by their time: a millisecond apart, records added together keep the order of the adds
            java.time.Instant now = runner.clock().instant();
            int[] added = {0};
            List<RelatedWrite> related = relatedChanges == null ? List.of()
                    : extended.related(tables[0], store.relatedRecords(itemId, jobId), relatedChanges,
                            () -> Ids.newId(now.plusMillis(added[0]++)));
            Job next = job.with(b -> {
                if (extendedValues != null) b.extendedProperties = extendedValues;
                if (jobName != null) b.jobName = jobName;
                if (priority != null) b.priority = priority;
                if (jobStatus != null) b.jobStatus = jobStatus;
                if (description != null) b.description = description;
                if (dueDate != null) b.dueDate = dueDate;
                if (startDate != null) b.startDate = startDate;
                if (assignment != null) {
                    b.assignedType = assignment.type().name();
                    b.assignedTo = assignment.to();
                }
                return b;
            });
            return Change.accept(next, List.of(HistoryEntry.of("JobUpdated", null, actor.user(), runner.clock().instant().toString())),
                    related, null);
        });
        if (change.rejection() != null) {
            throw change.rejection().refusal("revision", jobId, Map.of("jobId", jobId));
        }
        return change.next();
    }

    private static String checked(String value, Set<String> allowed, String field) {
        if (value != null && !allowed.contains(value)) {
            throw Refusal.invalid("Expected " + field + " to be one of " + allowed.stream().sorted().toList() + ", but got '" + value + "'", field);
        }
        return value;
    }

}
