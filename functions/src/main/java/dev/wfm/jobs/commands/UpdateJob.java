package dev.wfm.jobs.commands;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.wfm.common.Ids;
import dev.wfm.config.Assignment;
import dev.wfm.jobs.Actor;
import dev.wfm.jobs.CurrentStep;
import dev.wfm.jobs.Decision;
import dev.wfm.jobs.ExtendedProperties;
import dev.wfm.jobs.Job;
import dev.wfm.jobs.JobRepository;
import dev.wfm.jobs.Rejection;
import dev.wfm.jobs.RelatedWrite;
import dev.wfm.jobs.StepStatus;
import dev.wfm.jobs.events.JobEvent.JobAssigned;
import dev.wfm.jobs.events.JobEvent.JobUpdated;
import dev.wfm.jobs.events.JobEvent;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * An update of a job's basic properties, read at revision {@code revision}: stale when what an
 * update sets (properties, extended properties, related records) changed after it
 * ({@link Job#propertiesRevision}); the job's own bookkeeping since (its execution giving a step
 * its token, steps moving on) is no conflict. Refused while a step is Working unless the caller
 * names it ({@code allowRunningStepId}): whoever works a step must not have the job changed under
 * them unawares. Each field of {@code changes} left null is kept. An update that gives the job another
 * assignment says so with {@link JobAssigned} after {@link JobUpdated}, as notifications on job
 * assignment need to know.
 */
public final class UpdateJob implements GuardedCommand<Void> {
    /** What an update sets; null fields are not changed. */
    public record Changes(String jobName, String priority, String jobStatus, String description, String dueDate, String startDate,
                          Assignment assignment, JsonNode extendedProperties, JsonNode relatedProperties) {}

    private final Actor actor;
    /** Null: no revision to match (a batch update sets the fields it names on each job as it finds it). */
    private final Long revision;
    private final String allowRunningStepId;
    private final Changes changes;
    private final ExtendedProperties extended;
    private final JobRepository jobs;
    /** A job's template never changes: its tables are read once, not again when a conflict decides the update again. */
    private ExtendedProperties.Tables tables;

    public UpdateJob(Actor actor, Long revision, String allowRunningStepId, Changes changes, ExtendedProperties extended,
                     JobRepository jobs) {
        this.actor = actor;
        this.revision = revision;
        this.allowRunningStepId = allowRunningStepId;
        this.changes = changes;
        this.extended = extended;
        this.jobs = jobs;
    }

    /** An update of basic properties only (no extended property or related record changes) at whatever revision the job is. */
    public static UpdateJob ofFields(Actor actor, Changes changes, JobRepository jobs) {
        if (changes.extendedProperties() != null || changes.relatedProperties() != null) {
            throw new IllegalArgumentException("An update of basic properties sets no extended properties or related records");
        }
        return new UpdateJob(actor, null, null, changes, null, jobs);
    }

    @Override
    public List<Guard> guards(Job job, Instant now) {
        return List.of(() -> fresh(job), () -> Guards.open(job, ". Reopen it to change it."), () -> noneWorking(job));
    }

    @Override
    public Decision<Void> change(Job job, Instant now) {
        if (tables == null && (changes.extendedProperties() != null || changes.relatedProperties() != null)) {
            tables = extended.tablesOf(job.itemId(), job.jobTemplateId());
        }
        ObjectNode extendedValues = changes.extendedProperties() == null ? null
                : extended.apply(tables, job.extendedProperties(), changes.extendedProperties());
        // ids sort by their time: a millisecond apart, records added together keep the order of the adds
        int[] added = {0};
        List<RelatedWrite> related = changes.relatedProperties() == null ? List.of()
                : extended.related(tables, jobs.relatedRecords(job.itemId(), job.jobId()), changes.relatedProperties(),
                        () -> Ids.newId(now.plusMillis(added[0]++)));
        Job next = job.with(b -> {
            if (extendedValues != null) b.extendedProperties = extendedValues;
            if (changes.jobName() != null) b.jobName = changes.jobName();
            if (changes.priority() != null) b.priority = changes.priority();
            if (changes.jobStatus() != null) b.jobStatus = changes.jobStatus();
            if (changes.description() != null) b.description = changes.description();
            if (changes.dueDate() != null) b.dueDate = changes.dueDate();
            if (changes.startDate() != null) b.startDate = changes.startDate();
            if (changes.assignment() != null) {
                b.assignedType = changes.assignment().type().name();
                b.assignedTo = changes.assignment().to();
            }
            return b;
        });
        List<JobEvent> events = new ArrayList<>(List.of(new JobUpdated(actor.user(), now)));
        if (!Objects.equals(next.assignedType(), job.assignedType()) || !Objects.equals(next.assignedTo(), job.assignedTo())) {
            events.add(new JobAssigned(actor.user(), now, next.assignedType(), next.assignedTo()));
        }
        return Decision.accept(next, events, related, null);
    }

    private Optional<Rejection> fresh(Job job) {
        if (revision == null || revision <= job.revision() && job.propertiesRevision() <= revision) {
            return Optional.empty();
        }
        String found = revision > job.revision() ? "is at revision " + job.revision() + ", before " + revision
                : "was changed at revision " + job.propertiesRevision() + ", after revision " + revision + " that you read";
        return Optional.of(Rejection.conflict("STALE_REVISION", "Job '" + job.jobId() + "' " + found + ". Read it again and reapply your change."));
    }

    /** A step the worker is running (a web request in flight) has nobody to surprise: only a step someone works counts. */
    private Optional<Rejection> noneWorking(Job job) {
        List<String> working = job.currentSteps().stream()
                .filter(step -> step.status() == StepStatus.Working && !step.running() && !step.stepId().equals(allowRunningStepId))
                .map(CurrentStep::stepId).toList();
        return working.isEmpty() ? Optional.empty() : Optional.of(Rejection.conflict("STEP_WORKING", "Steps " + working
                + " are Working; name the step in allowRunningStepId to update the job while it runs."));
    }
}
