package dev.wfm.search;

import dev.wfm.jobs.CurrentStep;
import dev.wfm.jobs.Job;
import java.math.BigDecimal;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.BiFunction;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * The job fields a search can filter, sort, group and return, with their types. Values are
 * Strings, BigDecimals, Booleans or Instants (see {@link FieldType}); absent is null.
 * {@code currentStep} and {@code currentStepStatus} are those of the job's first current step;
 * {@code effectiveDueDate}, {@code activeSeconds}, {@code heldSeconds} and {@code overdue} are the
 * SLA clock's at the time of the search (see {@link dev.wfm.jobs.SlaClock}).
 */
public enum JobField implements SearchField {
    JOB_ID("jobId", FieldType.STRING, Job::jobId),
    JOB_NAME("jobName", FieldType.STRING, Job::jobName),
    JOB_TEMPLATE_ID("jobTemplateId", FieldType.STRING, Job::jobTemplateId),
    DIAGRAM_ID("diagramId", FieldType.STRING, Job::diagramId),
    DIAGRAM_VERSION("diagramVersion", FieldType.NUMBER, job -> BigDecimal.valueOf(job.diagramVersion())),
    PRIORITY("priority", FieldType.STRING, Job::priority),
    JOB_STATUS("jobStatus", FieldType.STRING, Job::jobStatus),
    CLOSED("closed", FieldType.BOOLEAN, Job::closed),
    PAUSED("paused", FieldType.BOOLEAN, Job::paused),
    ASSIGNED_TYPE("assignedType", FieldType.STRING, Job::assignedType),
    ASSIGNED_TO("assignedTo", FieldType.STRING, Job::assignedTo),
    DESCRIPTION("description", FieldType.STRING, Job::description),
    DUE_DATE("dueDate", FieldType.DATE, job -> time(job.dueDate())),
    EFFECTIVE_DUE_DATE("effectiveDueDate", FieldType.DATE, (job, now) -> job.effectiveDueDate(now).orElse(null)),
    ACTIVE_SECONDS("activeSeconds", FieldType.NUMBER, (job, now) -> job.sla() == null ? null : seconds(job.sla().activeMillis(now))),
    HELD_SECONDS("heldSeconds", FieldType.NUMBER, (job, now) -> job.sla() == null ? null : seconds(job.sla().heldMillis(now))),
    OVERDUE("overdue", FieldType.BOOLEAN, (job, now) -> job.overdue(now)),
    START_DATE("startDate", FieldType.DATE, job -> time(job.startDate())),
    CREATED_BY("createdBy", FieldType.STRING, Job::createdBy),
    /** The job whose createJob step created this one (its job group's parent). */
    PARENT_JOB_ID("parentJobId", FieldType.STRING, Job::parentJobId),
    CREATED("created", FieldType.DATE, job -> time(job.created())),
    UPDATED("updated", FieldType.DATE, job -> time(job.updated())),
    CURRENT_STEP("currentStep", FieldType.STRING, job -> firstStep(job).map(CurrentStep::stepId).orElse(null)),
    CURRENT_STEP_STATUS("currentStepStatus", FieldType.STRING,
            job -> firstStep(job).map(step -> job.paused() ? "Paused" : step.status().name()).orElse(null)),
    /** Who the first current step is assigned to (a user or a group), as currentStep names that step. */
    CURRENT_STEP_ASSIGNED_TO("currentStepAssignedTo", FieldType.STRING, job -> firstStep(job).map(CurrentStep::assignedTo).orElse(null));

    /** The text properties free-text {@code search} looks in. */
    static final List<JobField> TEXT = List.of(JOB_ID, JOB_NAME, JOB_TEMPLATE_ID, PRIORITY, JOB_STATUS, ASSIGNED_TYPE,
            ASSIGNED_TO, DESCRIPTION, CREATED_BY, CURRENT_STEP);

    private static final Map<String, JobField> BY_NAME = Arrays.stream(values())
            .collect(Collectors.toUnmodifiableMap(JobField::fieldName, Function.identity()));

    private final String name;
    private final FieldType type;
    private final BiFunction<Job, Instant, Object> value;

    JobField(String name, FieldType type, Function<Job, Object> value) {
        this(name, type, (job, now) -> value.apply(job));
    }

    /** A field whose value depends on the time it is read at (the SLA clock's). */
    JobField(String name, FieldType type, BiFunction<Job, Instant, Object> value) {
        this.name = name;
        this.type = type;
        this.value = value;
    }

    /** ArcGIS Workflow Manager's names of the same fields, so its clients' queries and field lists read as they wrote them. */
    private static final Map<String, JobField> ALIASES = Map.of("createdDate", CREATED, "parentJob", PARENT_JOB_ID);

    public static Optional<JobField> named(String name) {
        return Optional.ofNullable(BY_NAME.getOrDefault(name, ALIASES.get(name)));
    }

    public static String names() {
        return Arrays.stream(values()).map(JobField::fieldName).collect(Collectors.joining(", "));
    }

    @Override
    public String fieldName() {
        return name;
    }

    @Override
    public FieldType type() {
        return type;
    }

    @Override
    public Object valueOf(Job job, Instant now) {
        return value.apply(job, now);
    }

    private static BigDecimal seconds(long millis) {
        return BigDecimal.valueOf(millis / 1000);
    }

    private static Optional<CurrentStep> firstStep(Job job) {
        return job.currentSteps().stream().findFirst();
    }

    /** An ISO-8601 time, or null when absent or unreadable. */
    static Instant time(String iso) {
        if (iso == null) {
            return null;
        }
        try {
            return Instant.parse(iso);
        } catch (DateTimeParseException unreadable) {
            return null;
        }
    }
}
