package dev.wfm.jobs.lifecycle;

import dev.wfm.security.Privilege;
import com.fasterxml.jackson.databind.JsonNode;
import dev.wfm.common.JsonFields;
import dev.wfm.common.Refusal;
import dev.wfm.config.Assignment;
import dev.wfm.config.Lookups;
import dev.wfm.jobs.Actor;
import dev.wfm.jobs.Decision;
import dev.wfm.jobs.DueDates;
import dev.wfm.jobs.ExtendedProperties;
import dev.wfm.jobs.Job;
import dev.wfm.jobs.JobRepository;
import dev.wfm.jobs.JobUnitOfWork;
import dev.wfm.jobs.commands.UpdateJob;
import java.util.Map;
import java.util.Set;

/**
 * {@code PUT .../jobs/{jobId}}: the body read and checked ({@code revision}, the fields it sets),
 * then decided by {@link UpdateJob}; its rejection answers at {@code revision}.
 */
public final class JobUpdates {
    private static final Set<String> FIELDS = Set.of("revision", "allowRunningStepId", "jobName", "priority", "jobStatus",
            "description", "dueDate", "startDate", "extendedProperties", "relatedProperties", "assignedType", "assignedTo");
    private final JobUnitOfWork unitOfWork;
    private final JobRepository store;
    private final Lookups lookups;
    private final ExtendedProperties extended;

    /**
     * Updates also set extended property values ({@code extendedProperties}) and change related
     * records ({@code relatedProperties}) through {@code extended}.
     */
    public JobUpdates(JobUnitOfWork unitOfWork, JobRepository store, Lookups lookups, ExtendedProperties extended) {
        this.unitOfWork = unitOfWork;
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
        String allowRunning = JsonFields.optionalString(body, "allowRunningStepId", 64);
        UpdateJob.Changes changes = changes(itemId, body, body.get("extendedProperties"), body.get("relatedProperties"));
        requireMay(actor, changes);
        UpdateJob update = new UpdateJob(actor, revision, allowRunning, changes, extended, store);
        Decision<Void> decision = unitOfWork.run(itemId, jobId, update);
        if (decision instanceof Decision.Accepted<Void> accepted) {
            return accepted.next();
        }
        throw decision.rejection().orElseThrow().refusal("revision", jobId, Map.of("jobId", jobId));
    }

    /**
     * The basic properties a batch update sets ({@link #FIELD_CHANGES} of {@code change}), each
     * checked as an update checks it (a priority and an open status of the item's lookups, a due
     * date, an assignment).
     */
    public UpdateJob.Changes fieldChanges(String itemId, JsonNode change) {
        return changes(itemId, change, null, null);
    }

    /** The fields of a batch update's change that {@link #fieldChanges} reads. */
    public static final Set<String> FIELD_CHANGES = Set.of("jobName", "priority", "jobStatus", "description", "dueDate", "startDate",
            "assignedType", "assignedTo");

    private UpdateJob.Changes changes(String itemId, JsonNode body, JsonNode extendedProperties, JsonNode relatedProperties) {
        Set<String> priorities = lookups.values(itemId, Lookups.PRIORITIES);
        Set<String> statuses = Set.copyOf(lookups.lookup(itemId, Lookups.JOB_STATUSES).openValues()); // closing sets the closed status
        return new UpdateJob.Changes(JsonFields.optionalString(body, "jobName", 500),
                checked(JsonFields.optionalString(body, "priority", 100), priorities, "priority"),
                checked(JsonFields.optionalString(body, "jobStatus", 100), statuses, "jobStatus"),
                JsonFields.optionalString(body, "description", 4000), DueDates.checked(JsonFields.optionalTime(body, "dueDate"), "dueDate"),
                JsonFields.optionalTime(body, "startDate"), Assignment.read(body, ""), extendedProperties, relatedProperties);
    }

    /** Updating a job needs its privilege, and changing the job's assignment the assigning one too. */
    private static void requireMay(Actor actor, UpdateJob.Changes changes) {
        actor.require(Privilege.UPDATE_JOBS);
        if (changes.assignment() != null) {
            actor.require(Privilege.ASSIGN_JOBS);
        }
    }

    private static String checked(String value, Set<String> allowed, String field) {
        if (value != null && !allowed.contains(value)) {
            throw Refusal.invalid("Expected " + field + " to be one of " + allowed.stream().sorted().toList() + ", but got '" + value + "'", field);
        }
        return value;
    }
}
