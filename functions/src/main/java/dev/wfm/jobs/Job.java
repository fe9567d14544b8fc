package dev.wfm.jobs;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.wfm.common.Json;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.UnaryOperator;

/**
 * A job: its properties, the diagram version it walks, the execution driving it, the steps it is
 * at, its holds, and the Step Functions calls it still owes ({@link OwedCall}). Immutable: a
 * command derives the next job from this one. {@code revision} increases with every change and
 * guards every write.
 */
public record Job(
        String itemId,
        String jobId,
        String jobName,
        String jobTemplateId,
        String diagramId,
        int diagramVersion,
        String stateMachineArn,
        String executionArn,
        int executionSeq,
        String priority,
        String jobStatus,
        boolean closed,
        boolean paused,
        String assignedType,
        String assignedTo,
        String description,
        String dueDate,
        String startDate,
        String createdBy,
        String created,
        String updated,
        long revision,
        List<CurrentStep> currentSteps,
        List<Hold> holds,
        List<OwedCall> owedCalls,
        List<String> resumeSteps,
        List<Dependency> dependencies,
        String parentJobId,
        ObjectNode extendedProperties,
        Closure closure) {

    /**
     * Values of the job's one-to-one extended property tables: {@code {table: {field: value}}};
     * never null. {@code closure} says who closed the job and when; null while it is open.
     */
    public Job {
        extendedProperties = extendedProperties == null ? Json.object() : extendedProperties.deepCopy();
        currentSteps = currentSteps == null ? List.of() : List.copyOf(currentSteps);
        holds = holds == null ? List.of() : List.copyOf(holds);
        owedCalls = owedCalls == null ? List.of() : List.copyOf(owedCalls);
        resumeSteps = resumeSteps == null ? List.of() : List.copyOf(resumeSteps);
        dependencies = dependencies == null ? List.of() : List.copyOf(dependencies);
    }

    /** A job without extended property values (the shape before extended properties existed). */
    public Job(String itemId, String jobId, String jobName, String jobTemplateId, String diagramId, int diagramVersion,
               String stateMachineArn, String executionArn, int executionSeq, String priority, String jobStatus,
               boolean closed, boolean paused, String assignedType, String assignedTo, String description, String dueDate,
               String startDate, String createdBy, String created, String updated, long revision,
               List<CurrentStep> currentSteps, List<Hold> holds, List<OwedCall> owedCalls, List<String> resumeSteps,
               List<Dependency> dependencies, String parentJobId) {
        this(itemId, jobId, jobName, jobTemplateId, diagramId, diagramVersion, stateMachineArn, executionArn, executionSeq,
                priority, jobStatus, closed, paused, assignedType, assignedTo, description, dueDate, startDate, createdBy,
                created, updated, revision, currentSteps, holds, owedCalls, resumeSteps, dependencies, parentJobId, null, null);
    }

    /** One extended property value (missing when unset): a value node, so no copy is needed to keep the job immutable. */
    public JsonNode extendedValue(String table, String field) {
        return extendedProperties.path(table).path(field);
    }

    /** A copy of the values, so this job stays immutable. */
    @Override
    public ObjectNode extendedProperties() {
        return extendedProperties.deepCopy();
    }

    public Optional<CurrentStep> currentStep(String stepId) {
        return currentSteps.stream().filter(step -> step.stepId().equals(stepId)).findFirst();
    }

    /**
     * The earliest time something of this job falls due: a wait step ending, a hold's scheduled
     * release, or, while it owes Step Functions calls, now (so a tick makes them).
     */
    public Optional<String> nextDue() {
        if (!owedCalls.isEmpty()) {
            return Optional.ofNullable(updated);
        }
        if (closed || paused) {
            return Optional.empty();
        }
        java.util.stream.Stream<String> waits = currentSteps.stream()
                .filter(step -> step.dueAt() != null && step.status() != StepStatus.Held)
                .map(CurrentStep::dueAt);
        java.util.stream.Stream<String> releases = holds.stream().map(Hold::scheduledRelease).filter(java.util.Objects::nonNull);
        // ISO-8601 instants in UTC sort as strings when they have the same precision; compare as instants to be sure.
        return java.util.stream.Stream.concat(waits, releases)
                .min(java.util.Comparator.comparing(java.time.Instant::parse));
    }

    /** The properties a compiled diagram's conditions see as {@code $job}. */
    public ObjectNode properties() {
        ObjectNode job = Json.object()
                .put("jobId", jobId)
                .put("jobName", jobName)
                .put("jobTemplateId", jobTemplateId)
                .put("priority", priority)
                .put("jobStatus", jobStatus)
                .put("assignedType", assignedType)
                .put("assignedTo", assignedTo)
                .put("description", description)
                .put("dueDate", dueDate)
                .put("startDate", startDate)
                .put("createdBy", createdBy)
                .put("revision", revision);
        job.set("extendedProperties", extendedProperties.deepCopy());
        return job;
    }

    /** The execution name of sequence {@code seq}: derived from the job id, so a retried start is the same execution. */
    public static String executionName(String jobId, int seq) {
        return jobId + "-" + seq;
    }

    public static String executionArn(String stateMachineArn, String executionName) {
        return stateMachineArn.replace(":stateMachine:", ":execution:") + ":" + executionName;
    }

    /** A copy with the fields a builder changes; the revision and {@code updated} are set when saved. */
    public Job with(UnaryOperator<Builder> change) {
        return change.apply(new Builder(this)).build();
    }

    /** Field-by-field copy for {@link #with}. */
    public static final class Builder {
        private final Job base;
        public String jobName;
        public String priority;
        public String jobStatus;
        public boolean closed;
        public boolean paused;
        public String assignedType;
        public String assignedTo;
        public String description;
        public String dueDate;
        public String startDate;
        public String stateMachineArn;
        public int diagramVersion;
        public String executionArn;
        public int executionSeq;
        public List<CurrentStep> currentSteps;
        public List<Hold> holds;
        public List<OwedCall> owedCalls;
        public List<String> resumeSteps;
        public List<Dependency> dependencies;
        public ObjectNode extendedProperties;
        public Closure closure;

        Builder(Job job) {
            base = job;
            jobName = job.jobName;
            priority = job.priority;
            jobStatus = job.jobStatus;
            closed = job.closed;
            paused = job.paused;
            assignedType = job.assignedType;
            assignedTo = job.assignedTo;
            description = job.description;
            dueDate = job.dueDate;
            startDate = job.startDate;
            stateMachineArn = job.stateMachineArn;
            diagramVersion = job.diagramVersion;
            executionArn = job.executionArn;
            executionSeq = job.executionSeq;
            currentSteps = new ArrayList<>(job.currentSteps);
            holds = new ArrayList<>(job.holds);
            owedCalls = new ArrayList<>(job.owedCalls);
            resumeSteps = new ArrayList<>(job.resumeSteps);
            dependencies = new ArrayList<>(job.dependencies);
            extendedProperties = job.extendedProperties.deepCopy();
            closure = job.closure;
        }

        /** Replaces the current step with the same id. */
        public Builder replaceStep(CurrentStep step) {
            currentSteps.replaceAll(existing -> existing.stepId().equals(step.stepId()) ? step : existing);
            return this;
        }

        public Builder removeStep(String stepId) {
            currentSteps.removeIf(existing -> existing.stepId().equals(stepId));
            return this;
        }

        /** Ends the running execution and starts the next one at {@code resumeAt} (null = from the start). */
        public Builder restartAt(List<String> resumeAt, ObjectNode jobProperties) {
            owedCalls.add(OwedCall.stop(executionArn));
            executionSeq = executionSeq + 1;
            String name = executionName(base.jobId, executionSeq);
            executionArn = Job.executionArn(stateMachineArn, name);
            ObjectNode input = Json.object().put("itemId", base.itemId).put("jobId", base.jobId);
            input.set("job", jobProperties);
            if (resumeAt != null && !resumeAt.isEmpty()) {
                input.put("resumeAt", resumeAt.get(0));
            }
            owedCalls.add(OwedCall.start(stateMachineArn, name, input));
            currentSteps = new ArrayList<>();
            return this;
        }

        Job build() {
            return new Job(base.itemId, base.jobId, jobName, base.jobTemplateId, base.diagramId, diagramVersion, stateMachineArn,
                    executionArn, executionSeq, priority, jobStatus, closed, paused, assignedType, assignedTo, description,
                    dueDate, startDate, base.createdBy, base.created, base.updated, base.revision, currentSteps, holds,
                    owedCalls, resumeSteps, dependencies, base.parentJobId, extendedProperties, closure);
        }
    }

    /** The job as saved at a new revision and time. */
    public Job saved(long newRevision, String now) {
        return new Job(itemId, jobId, jobName, jobTemplateId, diagramId, diagramVersion, stateMachineArn, executionArn,
                executionSeq, priority, jobStatus, closed, paused, assignedType, assignedTo, description, dueDate, startDate,
                createdBy, created, now, newRevision, currentSteps, holds, owedCalls, resumeSteps, dependencies, parentJobId,
                extendedProperties, closure);
    }
}
