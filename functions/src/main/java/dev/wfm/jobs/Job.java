package dev.wfm.jobs;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.wfm.common.Json;
import dev.wfm.diagrams.Step;
import dev.wfm.execution.ExecutionContract.ExecutionInput;
import dev.wfm.execution.ExecutionContract.Receipt;
import dev.wfm.execution.ExecutionContract.TokenKind;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.UnaryOperator;
import java.util.stream.Stream;

/**
 * A job: its properties, the diagram version it walks, the execution driving it, the steps it is
 * at, its holds, and the Step Functions calls it still owes ({@link OwedCall}). Immutable: a
 * command derives the next job from this one. {@code revision} increases with every change and
 * guards every write; {@code propertiesRevision} is the revision at which what an update sets
 * (the {@link #properties()}, related records) last changed, so an update read at an earlier
 * revision is stale only when those changed since. The current steps are the job's own record
 * of where it is: written when a step becomes current, kept whole across pause, upgrade and a
 * restarted execution (each new execution re-enters them, see {@link Builder#restart}), and kept
 * in {@code resumeSteps} while the job is closed. {@code sla} is its SLA clock ({@link SlaClock}),
 * kept by {@link JobUnitOfWork} as every change moves the job; null for a job stored before jobs
 * had one, until its next change.
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
        List<CurrentStep> resumeSteps,
        List<Dependency> dependencies,
        String parentJobId,
        ObjectNode extendedProperties,
        Closure closure,
        long propertiesRevision,
        SlaClock sla,
        ObjectNode outputs,
        Boolean dependedOn) {

    /**
     * Values of the job's one-to-one extended property tables: {@code {table: {field: value}}};
     * never null. {@code closure} says who closed the job and when; null while it is open.
     * {@code dependedOn} says whether another job's step may depend on one of its steps: false for
     * a job nothing ever depended on (finishing a step then looks for no dependents), true once a
     * dependency on it was added, null for a job written before it was kept (looked for, as then).
     */
    public Job {
        extendedProperties = extendedProperties == null ? Json.object() : extendedProperties.deepCopy();
        outputs = outputs == null ? Json.object() : outputs.deepCopy();
        currentSteps = currentSteps == null ? List.of() : List.copyOf(currentSteps);
        holds = holds == null ? List.of() : List.copyOf(holds);
        owedCalls = owedCalls == null ? List.of() : List.copyOf(owedCalls);
        resumeSteps = resumeSteps == null ? List.of() : List.copyOf(resumeSteps);
        dependencies = dependencies == null ? List.of() : List.copyOf(dependencies);
        // a job stored before propertiesRevision existed: every write counts, as it did then
        propertiesRevision = propertiesRevision == 0 ? revision : propertiesRevision;
    }

    /** A job without extended property values (the shape before extended properties existed). */
    public Job(String itemId, String jobId, String jobName, String jobTemplateId, String diagramId, int diagramVersion,
               String stateMachineArn, String executionArn, int executionSeq, String priority, String jobStatus,
               boolean closed, boolean paused, String assignedType, String assignedTo, String description, String dueDate,
               String startDate, String createdBy, String created, String updated, long revision,
               List<CurrentStep> currentSteps, List<Hold> holds, List<OwedCall> owedCalls, List<CurrentStep> resumeSteps,
               List<Dependency> dependencies, String parentJobId) {
        this(itemId, jobId, jobName, jobTemplateId, diagramId, diagramVersion, stateMachineArn, executionArn, executionSeq,
                priority, jobStatus, closed, paused, assignedType, assignedTo, description, dueDate, startDate, createdBy,
                created, updated, revision, currentSteps, holds, owedCalls, resumeSteps, dependencies, parentJobId, null, null, revision,
                null, null, null);
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

    /** A copy of what the job's automated steps gave, {@code {stepId: output}}, so this job stays immutable. */
    @Override
    public ObjectNode outputs() {
        return outputs.deepCopy();
    }

    public Optional<CurrentStep> currentStep(String stepId) {
        return currentSteps.stream().filter(step -> step.stepId().equals(stepId)).findFirst();
    }

    /** Whether it owes Step Functions calls that can be made now (not ones waiting for a step's task token). */
    public boolean owesCalls() {
        return owedCalls.stream().anyMatch(call -> !call.awaitsToken());
    }

    /** Whether a current step or an owed answer holds this task token: its execution told the job already. */
    public boolean knowsToken(String token) {
        return currentSteps.stream().anyMatch(step -> token.equals(step.taskToken()))
                || owedCalls.stream().anyMatch(call -> token.equals(call.taskToken()));
    }

    /**
     * The steps a new execution must enter so nothing is lost: every current step, and every step
     * whose answer has not reached the execution yet (it is answered as soon as it is entered).
     */
    public List<String> stepsToEnter() {
        return entries().map(Entry::stepId).distinct().toList();
    }

    /** Of {@link #stepsToEnter()}, the failed steps waiting for a decision: entered at it, not run again. */
    List<String> failedStepsToEnter() {
        return entries().filter(entry -> entry.tokenKind() == TokenKind.DECISION).map(Entry::stepId).distinct().toList();
    }

    /** A step to enter, and the kind of token it waits on there. */
    private record Entry(String stepId, TokenKind tokenKind) {}

    private Stream<Entry> entries() {
        return Stream.concat(currentSteps.stream().map(step -> new Entry(step.stepId(), step.tokenKind())),
                owedCalls.stream().filter(OwedCall::answersStep).map(call -> new Entry(call.stepId(), call.tokenKind())));
    }

    /**
     * The job once its execution has entered {@code stepId} and waits on {@code token} of this
     * kind, if the job knew the step: an answer owed to it (a Finish made before the token came)
     * takes the token, to be sent at once; else the current step takes it, keeping its status,
     * assignment and the rest. Empty when the step is new to the job.
     */
    public Optional<Job> entered(String stepId, String token, TokenKind tokenKind) {
        for (int i = 0; i < owedCalls.size(); i++) {
            OwedCall call = owedCalls.get(i);
            if (call.awaitsToken() && stepId.equals(call.stepId()) && tokenKind == call.tokenKind()) {
                int owed = i;
                return Optional.of(with(b -> {
                    b.owedCalls.set(owed, call.withToken(token));
                    return b;
                }));
            }
        }
        return currentStep(stepId).filter(step -> tokenKind == step.tokenKind())
                .map(step -> with(b -> b.replaceStep(step.withToken(token))));
    }

    /**
     * The earliest time something of this job falls due: a wait step ending, a hold's scheduled
     * release, its becoming overdue while that is not noticed yet (to the second, rounded up), or,
     * while it owes Step Functions calls, now (so a tick makes them).
     */
    public Optional<String> nextDue() {
        if (owesCalls()) {
            return Optional.ofNullable(updated);
        }
        if (closed || paused) {
            return Optional.empty();
        }
        java.util.stream.Stream<String> waits = currentSteps.stream()
                .filter(step -> step.dueAt() != null && step.status() != StepStatus.Held)
                .map(CurrentStep::dueAt);
        java.util.stream.Stream<String> releases = holds.stream().map(Hold::scheduledRelease).filter(java.util.Objects::nonNull);
        java.util.stream.Stream<String> overdue = overdueFrom().filter(from -> !dueDate.equals(sla.noticedDueDate()))
                .map(dev.wfm.store.Keys::timeKey).stream();
        // ISO-8601 instants in UTC sort as strings when they have the same precision; compare as instants to be sure.
        return java.util.stream.Stream.of(waits, releases, overdue).flatMap(times -> times)
                .min(java.util.Comparator.comparing(java.time.Instant::parse));
    }

    /** Whether the job is overdue at {@code now} by its SLA clock (see {@link SlaClock}); never without a clock or a due date. */
    public boolean overdue(Instant now) {
        return due().filter(due -> sla.overdue(due, now)).isPresent();
    }

    /** Whether it is overdue at {@code now} and its JobOverdue for this due date is yet to be written. */
    public boolean overdueUnnoticed(Instant now) {
        return overdue(now) && !dueDate.equals(sla.noticedDueDate());
    }

    /** From when it counts as overdue while its clock stays as it is ({@link SlaClock#overdueFrom}). */
    public Optional<Instant> overdueFrom() {
        return due().flatMap(due -> sla.overdueFrom(due));
    }

    /** Its due date with holds taken out, at {@code now} ({@link SlaClock#effectiveDue}). */
    public Optional<Instant> effectiveDueDate(Instant now) {
        return due().map(due -> sla.effectiveDue(due, now));
    }

    /** The due date of a job with an SLA clock. */
    private Optional<Instant> due() {
        if (sla == null || dueDate == null) {
            return Optional.empty();
        }
        try {
            return Optional.of(Instant.parse(dueDate));
        } catch (java.time.format.DateTimeParseException unreadable) {
            return Optional.empty();
        }
    }

    /**
     * This job (the next state of {@code before}) with its SLA clock moved on to its present mode
     * at {@code at} ({@link SlaClock#at}); a job that had no clock gets one ({@link SlaClock#assumed}).
     * Moving it on again at the same moment changes nothing.
     */
    public Job clocked(Job before, Instant at) {
        SlaClock clock = (sla != null ? sla : SlaClock.assumed(before)).at(SlaClock.modeOf(this), at);
        return clock.equals(sla) ? this : with(b -> {
            b.sla = clock;
            return b;
        });
    }

    /** The job once its JobOverdue for its due date is written: it is not written again until the due date changes. */
    public Job overdueNoticed() {
        return with(b -> {
            b.sla = sla.noticed(dueDate);
            return b;
        });
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
        job.set("outputs", outputs.deepCopy());
        return job;
    }

    /**
     * The job once execution {@code executionArn} is known to run (it called in): a start of it the
     * job still owes is made, so it is no longer owed. This job itself when it owes none.
     */
    public Job startedAs(String executionArn) {
        if (owedCalls.stream().noneMatch(call -> call.starts(executionArn))) {
            return this;
        }
        return with(b -> {
            b.owedCalls.removeIf(call -> call.starts(executionArn));
            return b;
        });
    }

    /**
     * The job once its execution's call carrying {@code receipts} came in: the answers they show
     * arrived are no longer owed. This job itself when none are.
     */
    public Job received(List<Receipt> receipts) {
        if (owedCalls.stream().noneMatch(call -> call.receiptIn(receipts))) {
            return this;
        }
        return with(b -> {
            b.owedCalls.removeIf(call -> call.receiptIn(receipts));
            return b;
        });
    }

    /**
     * The job once a call from execution {@code executionArn} carrying {@code receipts} came in,
     * when that is the job's execution: the call proves it started ({@link #startedAs}) and that
     * the answers of the receipts arrived ({@link #received}). A call from another execution (null:
     * a machine compiled before calls named theirs) proves nothing of the job's.
     */
    public Job heardFrom(String executionArn, List<Receipt> receipts) {
        return executionArn == null || !executionArn.equals(this.executionArn) ? this : startedAs(executionArn).received(receipts);
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
        public List<CurrentStep> resumeSteps;
        public List<Dependency> dependencies;
        public ObjectNode extendedProperties;
        /** What automated steps gave, by step id ({@link dev.wfm.jobs.commands.RecordOutcome}). */
        public ObjectNode outputs;
        /** The job whose createJob step created this one; null for a job created otherwise. */
        public String parentJobId;
        public Closure closure;
        /** The clock is kept by the unit of work ({@link #clocked}), not edited by commands. */
        SlaClock sla;
        public Boolean dependedOn;

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
            outputs = job.outputs.deepCopy();
            parentJobId = job.parentJobId;
            closure = job.closure;
            sla = job.sla;
            dependedOn = job.dependedOn;
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

        /**
         * Ends the running execution and starts the next one entering every step of
         * {@link #stepsToEnter()}; the current steps stay as they are (their tokens die with the old
         * execution; the new one gives each a token as it enters it), and an answer the old execution
         * has not received waits for the step's new token. Failed steps are entered at their decision.
         */
        public Builder restart(ObjectNode jobProperties) {
            owedCalls.replaceAll(call -> call.answersStep() ? call.withToken(null) : call);
            currentSteps.replaceAll(step -> step.withToken(null));
            Job kept = build();
            return start(kept.stepsToEnter(), kept.failedStepsToEnter(), jobProperties);
        }

        /**
         * Ends the running execution and starts the next one at {@code step} alone, which the job is
         * at from now on: a step for a person is current at once (Ready, assigned as the diagram
         * says), an automated one when it runs. The other steps, their holds and what the old
         * execution was owed are dropped.
         */
        public Builder restartAt(Step step, ObjectNode jobProperties, String now) {
            owedCalls.removeIf(OwedCall::answersStep);
            holds.clear();
            currentSteps = new ArrayList<>();
            if (!step.type().automated()) {
                currentSteps.add(CurrentStep.ready(step, base, now));
            }
            return start(List.of(step.id()), List.of(), jobProperties);
        }

        /** The next execution, entering the steps of {@code enter} ({@code failed} ones at their decision). */
        private Builder start(List<String> enter, List<String> failed, ObjectNode jobProperties) {
            owedCalls.add(OwedCall.stop(executionArn));
            executionSeq = executionSeq + 1;
            String name = executionName(base.jobId, executionSeq);
            executionArn = Job.executionArn(stateMachineArn, name);
            owedCalls.add(OwedCall.start(stateMachineArn, name, new ExecutionInput(base.itemId, base.jobId, jobProperties, enter, failed)));
            return this;
        }

        Job build() {
            return new Job(base.itemId, base.jobId, jobName, base.jobTemplateId, base.diagramId, diagramVersion, stateMachineArn,
                    executionArn, executionSeq, priority, jobStatus, closed, paused, assignedType, assignedTo, description,
                    dueDate, startDate, base.createdBy, base.created, base.updated, base.revision, currentSteps, holds,
                    owedCalls, resumeSteps, dependencies, parentJobId, extendedProperties, closure, base.propertiesRevision, sla,
                    outputs, dependedOn);
        }
    }

    /**
     * The job as saved after {@code before}, at the next revision; {@code propertiesRevision} moves
     * with it when what an update sets changed (its properties, or its related records).
     */
    public Job savedAfter(Job before, boolean relatedChanged, String now) {
        long newRevision = before.revision + 1;
        // a step's output is the execution's bookkeeping: no conflict for an update read before it
        List<String> bookkeeping = List.of("revision", "outputs");
        boolean changed = relatedChanged || !before.properties().without(bookkeeping).equals(properties().without(bookkeeping));
        return new Job(itemId, jobId, jobName, jobTemplateId, diagramId, diagramVersion, stateMachineArn, executionArn,
                executionSeq, priority, jobStatus, closed, paused, assignedType, assignedTo, description, dueDate, startDate,
                createdBy, created, now, newRevision, currentSteps, holds, owedCalls, resumeSteps, dependencies, parentJobId,
                extendedProperties, closure, changed ? newRevision : before.propertiesRevision, sla, outputs, dependedOn);
    }
}
