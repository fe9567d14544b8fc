package dev.wfm.jobs;

import dev.wfm.security.Privilege;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.wfm.calendars.BusinessCalendar;
import dev.wfm.calendars.BusinessCalendars;
import dev.wfm.common.Ids;
import dev.wfm.common.Json;
import dev.wfm.common.JsonFields;
import dev.wfm.common.JsonataTemplates;
import dev.wfm.common.Log;
import dev.wfm.common.Parallel;
import dev.wfm.common.Refusal;
import dev.wfm.config.Assignment;
import dev.wfm.config.JobTemplate;
import dev.wfm.config.JobTemplates;
import dev.wfm.config.Lookup;
import dev.wfm.config.Lookups;
import dev.wfm.config.PublishedDiagram;
import dev.wfm.diagrams.Diagram;
import dev.wfm.diagrams.Step;
import dev.wfm.execution.ExecutionContract.ExecutionInput;
import dev.wfm.jobs.events.JobEvent;
import dev.wfm.jobs.events.JobEvent.JobCreated;
import dev.wfm.jobs.events.JobEvent.StepBecameCurrent;
import dev.wfm.jobs.events.JobEvent.StepStartedAutomatically;
import dev.wfm.store.DocumentStore;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ExecutorService;

/**
 * Creates 1..{@value #MAX_JOBS} jobs from a template and starts their executions. The jobs are
 * written with BatchWriteItem (25 records a call) and the executions started concurrently. Each
 * job's first execution is named after it and recorded as owed in the job itself, so a start
 * that fails is made again later, and a retried create with the same {@code Idempotency-Key}
 * answers the jobs it created the first time instead of creating more. A job whose diagram starts
 * with a person's step is written at that step, current at once; its execution, entering it,
 * only brings the step its task token (see {@link StepTransitions#enter}).
 */
public final class JobCreation {
    public static final int MAX_JOBS = 1000;
    /** Stripe's limit; the key is part of the receipt's sort key. */
    public static final int MAX_IDEMPOTENCY_KEY = 255;
    private static final String RECEIPT_KIND = "CREATE_RECEIPT";
    /** The body of a create; {@code location} is read by the route (geo.LocationRoutes), checked before this runs. */
    private static final Set<String> FIELDS = Set.of("jobTemplateId", "numberOfJobs", "jobName", "priority", "jobStatus",
            "assignedType", "assignedTo", "description", "dueDate", "startDate", "extendedProperties", "location");

    /** What a create answers. */
    public record Created(List<String> jobIds, boolean autoExecuted) {}

    private final JobUnitOfWork unitOfWork;
    private final JobRepository store;
    private final ExtendedProperties extended;
    private final JobTemplates templates;
    private final DiagramCatalog catalog;
    private final Lookups lookups;
    private final DocumentStore documents;
    private final OwedCalls calls;
    private final Clock clock;
    private final ExecutorService starters;
    private final BusinessCalendars calendars;

    /**
     * Jobs may be created with one-to-one {@code extendedProperties}, checked by {@code extended};
     * each takes the item's business calendar (of {@code calendars}) for its due days and SLA clock.
     */
    public JobCreation(JobUnitOfWork unitOfWork, JobRepository store, JobTemplates templates, DiagramCatalog catalog, Lookups lookups,
                       ExtendedProperties extended, DocumentStore documents, OwedCalls calls, BusinessCalendars calendars, Clock clock) {
        this.unitOfWork = unitOfWork;
        this.calendars = calendars;
        this.extended = extended;
        this.store = store;
        this.templates = templates;
        this.catalog = catalog;
        this.lookups = lookups;
        this.documents = documents;
        this.calls = calls;
        this.clock = clock;
        this.starters = Parallel.pool("execution-starter", 8);
    }

    public Created create(String itemId, Actor actor, JsonNode body, String idempotencyKey) {
        return create(itemId, actor, body, idempotencyKey, null);
    }

    /**
     * As {@link #create(String, Actor, JsonNode, String)}, for a client's own key:
     * {@code requestFingerprint} (route, item, canonical body) is kept in the receipt, and a repeat
     * of the key with another fingerprint is refused with IDEMPOTENCY_KEY_REUSED, creating nothing,
     * as payment APIs do: a key stands for one request, and a different request under it is a
     * client's mistake, not a retry. (The system's own keys name an occurrence, not a body.)
     */
    public Created create(String itemId, Actor actor, JsonNode body, String idempotencyKey, String requestFingerprint) {
        return create(itemId, actor, body, idempotencyKey, requestFingerprint, null);
    }

    /**
     * The job(s) a createJob step of job {@code parentJobId} creates, by the system, keyed by the
     * step's visit: created as {@link #create} creates them, each with its parent and listed under
     * it (the parent's job group: {@code JobRepository#childrenOf}).
     */
    public Created createChild(String itemId, String parentJobId, JsonNode body, String idempotencyKey) {
        return create(itemId, Actor.SYSTEM, body, idempotencyKey, null, parentJobId);
    }

    private Created create(String itemId, Actor actor, JsonNode body, String idempotencyKey, String requestFingerprint, String parentJobId) {
        if (idempotencyKey != null && (idempotencyKey.isBlank() || idempotencyKey.length() > MAX_IDEMPOTENCY_KEY)) {
            throw Refusal.invalid("An Idempotency-Key is 1 to " + MAX_IDEMPOTENCY_KEY + " characters", "Idempotency-Key");
        }
        Checked checked = check(itemId, actor, body);
        int count = checked.count();
        boolean autoExecuted = checked.autoExecuted();
        Job prototype = parentJobId == null ? checked.prototype() : checked.prototype().with(b -> {
            b.parentJobId = parentJobId;
            return b;
        });

        List<String> jobIds = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            jobIds.add(Ids.newId(clock.instant()));
        }
        JobStore.requireStorable(withId(prototype, jobIds.get(0)));
        if (idempotencyKey != null) {
            // The receipt reserves the job ids before any job is written: of two concurrent
            // requests with one key, one reserves and the other answers the same ids.
            ObjectNode receipt = Json.object().put("autoExecuted", autoExecuted);
            jobIds.forEach(receipt.putArray("jobIds")::add);
            if (requestFingerprint != null) {
                receipt.put("requestFingerprint", requestFingerprint);
            }
            if (!documents.create(itemId, RECEIPT_KIND, idempotencyKey, receipt)) {
                ObjectNode first = documents.get(itemId, RECEIPT_KIND, idempotencyKey).orElseThrow().body();
                requireSameRequest(first, idempotencyKey, requestFingerprint);
                jobIds = ids(first.path("jobIds"));
                autoExecuted = first.path("autoExecuted").asBoolean();
                // A reservation whose jobs were not all written (the first request crashed) is completed now.
                complete(itemId, actor, prototype, store.missing(itemId, jobIds));
                return new Created(jobIds, autoExecuted);
            }
        }
        write(actor, prototype, jobIds);
        return new Created(jobIds, autoExecuted);
    }

    /** A create request checked: how many jobs, the job each is a copy of, whether the first step runs by itself. */
    private record Checked(int count, Job prototype, boolean autoExecuted) {}

    /**
     * Checks a create request's body as {@link #create} does, writing nothing: what a schedule or a
     * task saves for later creates is checked by this when it is saved.
     */
    public void check(String itemId, JsonNode body) {
        check(itemId, Actor.SYSTEM, body);
    }

    private Checked check(String itemId, Actor actor, JsonNode body) {
        JsonFields.refuseUnknown(body, "", FIELDS);
        int count = numberOfJobs(body.get("numberOfJobs"), "numberOfJobs");
        String templateId = JsonFields.requiredString(body, "jobTemplateId", 64);
        boolean mayCreate = actor.may(Privilege.CREATE_JOBS);
        JobTemplate template = templates.template(itemId, templateId, "jobTemplateId", actor.groups(), mayCreate);
        if (!mayCreate && template.sharedWith().isEmpty()) {
            throw Refusal.denied("Creating jobs needs the privilege '" + Privilege.CREATE_JOBS.key() + "' in this workflow item, or a job "
                    + "template shared with one of your groups");
        }
        PublishedDiagram diagram = template.pinnedVersion() != null
                ? catalog.version(itemId, template.diagramId(), template.pinnedVersion())
                : catalog.latest(itemId, template.diagramId());
        Job prototype = atStart(prototype(itemId, actor, body, template, diagram), diagram.diagram());
        return new Checked(count, prototype, startsByItself(diagram.diagram()));
    }

    /** A receipt written before fingerprints were kept (or by the system) matches any request. */
    private static void requireSameRequest(ObjectNode receipt, String idempotencyKey, String requestFingerprint) {
        String first = receipt.path("requestFingerprint").asText(null);
        if (requestFingerprint != null && first != null && !first.equals(requestFingerprint)) {
            throw Refusal.idempotencyKeyReused(idempotencyKey);
        }
    }

    /**
     * Writes the reserved jobs found missing, each only if it still does not exist (the first
     * request may be writing them right now: a job it wrote, perhaps already moved on by its
     * execution, is never overwritten), and starts them (starts are idempotent by name).
     */
    private void complete(String itemId, Actor actor, Job prototype, List<String> missing) {
        Instant now = clock.instant();
        List<Job> created = new ArrayList<>();
        for (String jobId : missing) {
            Job job = withId(prototype, jobId);
            if (unitOfWork.createIfAbsent(job, creationEvents(job, actor, now))) {
                created.add(job);
            }
        }
        startAll(created);
    }

    /** Writes the jobs with these ids and starts their executions. */
    private void write(Actor actor, Job prototype, List<String> jobIds) {
        Instant now = clock.instant();
        List<Job> jobs = new ArrayList<>();
        Map<String, List<JobEvent>> events = new HashMap<>();
        for (String jobId : jobIds) {
            Job job = withId(prototype, jobId);
            jobs.add(job);
            events.put(jobId, creationEvents(job, actor, now));
        }
        unitOfWork.createAll(jobs, events);
        startAll(jobs);
    }

    /** What a job's creation yields: created, and at its first step when that is current already. */
    private static List<JobEvent> creationEvents(Job job, Actor actor, Instant now) {
        List<JobEvent> events = new ArrayList<>(List.of(new JobCreated(actor.user(), now)));
        job.currentSteps().forEach(step -> events.add(step.status() == StepStatus.Working
                ? new StepStartedAutomatically(step.stepId(), Actor.SYSTEM.user(), now)
                : new StepBecameCurrent(step.stepId(), Actor.SYSTEM.user(), now)));
        return events;
    }

    /** The prototype at the diagram's start step, when a person does it (automated steps become current as they run). */
    private static Job atStart(Job prototype, Diagram diagram) {
        Step start = diagram.steps().stream().filter(step -> step.id().equals(diagram.start())).findFirst().orElseThrow();
        if (start.type().automated()) {
            return prototype;
        }
        CurrentStep ready = CurrentStep.ready(start, prototype, prototype.created());
        CurrentStep first = start.info().autoRun() ? ready.withStatus(StepStatus.Working, prototype.created()) : ready;
        return prototype.with(b -> {
            b.currentSteps.add(first);
            return b;
        });
    }

    /** Starts the executions concurrently; a start that fails stays owed by its job. */
    private void startAll(List<Job> jobs) {
        Parallel.map(starters, jobs, job -> {
            try {
                return calls.make(job).remaining();
            } catch (RuntimeException e) {
                Log.warn("Starting an execution failed; it stays owed", e);
                return List.<OwedCall>of();
            }
        });
    }

    private Job prototype(String itemId, Actor actor, JsonNode body, JobTemplate template, PublishedDiagram diagram) {
        Instant now = clock.instant();
        String jobName = firstOf(JsonFields.optionalString(body, "jobName", 500), literal(template.jobName()), template.name());
        Lookup priorities = lookups.lookup(itemId, Lookups.PRIORITIES);
        Lookup statuses = lookups.lookup(itemId, Lookups.JOB_STATUSES);
        String priority = openValue(priorities,
                firstOf(JsonFields.optionalString(body, "priority", 100), literal(template.priority()), priorities.defaultValue()));
        String jobStatus = openValue(statuses,
                firstOf(JsonFields.optionalString(body, "jobStatus", 100), literal(template.jobStatus()), statuses.defaultValue()));
        Assignment assignment = Assignment.read(body, "");
        if (assignment == null) {
            assignment = template.assignment();
        }
        if (assignment == null) {
            assignment = Assignment.UNASSIGNED;
        }
        String dueDate = DueDates.checked(JsonFields.optionalTime(body, "dueDate"), "dueDate");
        BusinessCalendar calendar = calendars.find(itemId).orElse(null);
        JsonNode extendedChanges = body.get("extendedProperties");
        ObjectNode extendedValues = extendedChanges == null || extendedChanges.isNull() ? Json.object()
                : extended.apply(extended.tablesOf(itemId, template), Json.object(), extendedChanges);
        Job job = new Job(itemId, null, jobName, template.jobTemplateId(), diagram.diagramId(), diagram.version(), diagram.stateMachineArn(),
                null, 1, priority, jobStatus, false, false, assignment.type().name(), assignment.to(),
                firstOf(JsonFields.optionalString(body, "description", 4000), literal(template.description()), null),
                dueDate, JsonFields.optionalTime(body, "startDate"), actor.user(), now.toString(), now.toString(), 1, List.of(), List.of(),
                List.of(), List.of(), List.of(), null, extendedValues, null, 1, SlaClock.started(calendar, now), null, false);
        Job named = withTemplateExpressions(template, body, job, priorities, statuses);
        return dueDate != null ? named : named.with(b -> {
            b.dueDate = DueDates.fromTemplate(template, named, calendar, now);
            return b;
        });
    }

    /** A template's value as it is, or null when it embeds expressions (evaluated once the job's other properties are known). */
    private static String literal(String value) {
        return value == null || JsonataTemplates.hasExpressions(value) ? null : value;
    }

    /**
     * The job with its template's jobName, description, priority and jobStatus that embed
     * expressions ({@code "Inspect {% $job.extendedProperties.permit.number %}"}) evaluated with
     * {@code $job}: the new job's properties (its extended properties included; no id yet) and
     * {@code created}. A value the request gives is taken as it is; an expression's priority or
     * status must be one of the lookup's open values.
     */
    private static Job withTemplateExpressions(JobTemplate template, JsonNode body, Job job, Lookup priorities, Lookup statuses) {
        String name = expressionOf(template.jobName(), body, "jobName");
        String description = expressionOf(template.description(), body, "description");
        String priority = expressionOf(template.priority(), body, "priority");
        String status = expressionOf(template.jobStatus(), body, "jobStatus");
        if (name == null && description == null && priority == null && status == null) {
            return job;
        }
        Map<String, JsonNode> variables = Map.of("job", job.properties().put("created", job.created()));
        return job.with(b -> {
            if (name != null) {
                b.jobName = evaluated(template, "jobName", name, variables, 500);
            }
            if (description != null) {
                b.description = evaluated(template, "description", description, variables, 4000);
            }
            if (priority != null) {
                b.priority = openValue(priorities, evaluated(template, "priority", priority, variables, 100));
            }
            if (status != null) {
                b.jobStatus = openValue(statuses, evaluated(template, "jobStatus", status, variables, 100));
            }
            return b;
        });
    }

    /** The template's value of {@code field} when it embeds expressions and the request does not give the field. */
    private static String expressionOf(String value, JsonNode body, String field) {
        return value != null && JsonataTemplates.hasExpressions(value) && !body.hasNonNull(field) ? value : null;
    }

    private static String evaluated(JobTemplate template, String field, String text, Map<String, JsonNode> variables, int maxLength) {
        String value;
        try {
            value = JsonataTemplates.interpolate(text, variables);
        } catch (RuntimeException e) {
            throw Refusal.invalid("The " + field + " expression of job template '" + template.jobTemplateId() + "' failed: " + e.getMessage()
                    + "; give the job a " + field + " or fix the template", field);
        }
        if (value.length() > maxLength) {
            throw Refusal.invalid("The " + field + " expression of job template '" + template.jobTemplateId() + "' gave " + value.length()
                    + " characters; at most " + maxLength, field);
        }
        return value;
    }

    private static Job withId(Job prototype, String jobId) {
        String name = Job.executionName(jobId, 1);
        Job job = new Job(prototype.itemId(), jobId, prototype.jobName(), prototype.jobTemplateId(), prototype.diagramId(),
                prototype.diagramVersion(), prototype.stateMachineArn(), Job.executionArn(prototype.stateMachineArn(), name), 1,
                prototype.priority(), prototype.jobStatus(), false, false, prototype.assignedType(), prototype.assignedTo(),
                prototype.description(), prototype.dueDate(), prototype.startDate(), prototype.createdBy(), prototype.created(),
                prototype.updated(), 1, prototype.currentSteps(), List.of(), List.of(), List.of(), List.of(), prototype.parentJobId(),
                prototype.extendedProperties(), null, 1, prototype.sla(), null, prototype.dependedOn());
        ExecutionInput input = new ExecutionInput(job.itemId(), jobId, job.properties(), List.of(), List.of());
        return job.with(b -> {
            b.owedCalls.add(OwedCall.start(prototype.stateMachineArn(), name, input));
            return b;
        });
    }

    /** True when the first step runs without anybody: an automated step, or one marked autoRun. */
    private static boolean startsByItself(Diagram diagram) {
        return diagram.steps().stream()
                .filter(step -> step.id().equals(diagram.start()))
                .anyMatch(step -> step.type().automated() || step.info().autoRun());
    }

    /** A value a new job may take: one of the lookup's, and not the closed status (jobs start open). */
    private static String openValue(Lookup lookup, String value) {
        if (!lookup.openValues().contains(value)) {
            String field = Lookups.jobField(lookup.name());
            throw Refusal.invalid("Expected " + field + " to be one of " + lookup.openValues() + ", but got '" + value + "'", field);
        }
        return value;
    }

    /** How many jobs a request asks for (1 when absent); {@code target} names the field in errors. */
    public static int numberOfJobs(JsonNode node, String target) {
        return node == null || node.isNull() ? 1 : (int) JsonFields.wholeNumber(node, target, 1, MAX_JOBS);
    }


    private static String firstOf(String... values) {
        for (String value : values) {
            if (value != null && !value.isBlank()) {
                return value;
            }
        }
        return null;
    }

    private static List<String> ids(JsonNode array) {
        List<String> ids = new ArrayList<>();
        array.forEach(id -> ids.add(id.asText()));
        return ids;
    }
}
