package dev.wfm.jobs;

import com.fasterxml.jackson.databind.JsonNode;
import dev.wfm.common.Json;
import dev.wfm.common.Refusal;
import dev.wfm.config.PublishedDiagram;
import dev.wfm.diagrams.DiagramJson;
import dev.wfm.diagrams.Step;
import dev.wfm.execution.ExecutionContract.TokenKind;
import dev.wfm.jobs.actions.ActionRequest;
import dev.wfm.jobs.actions.StepActions;
import dev.wfm.jobs.actions.StepResponse;
import dev.wfm.jobs.dependencies.Dependencies;
import dev.wfm.jobs.events.HistoryEntry;
import dev.wfm.jobs.runtime.DueWork;
import dev.wfm.jobs.runtime.ParentJobs;
import dev.wfm.jobs.runtime.StepActivation;
import dev.wfm.security.Role;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.UnaryOperator;

/**
 * The job domain wired as the functions wire it, over an {@link InMemoryJobRepository}, Step
 * Functions calls recorded ({@link RecordingStepFunctions}), a clock that moves only when told, and
 * diagram versions read from test fixtures: item {@value #ITEM}, diagram {@value #DIAGRAM} at
 * version 1 is the API example with a wait (define, review, edit, qa, publish, notify, archive,
 * spawn: a child job of template survey waited for, cool: a wait of an hour, done).
 */
public final class JobsInMemory {
    public static final String ITEM = "item";
    public static final String DIAGRAM = "permits";
    public static final Actor MANAGER = new Actor("maria", List.of("managers"), Set.of(Role.MANAGER));
    public static final Actor EDITOR = new Actor("eddie", List.of("editors"), Set.of(Role.WORKER));
    public static final Actor SURVEYOR = new Actor("sam", List.of("field"), Set.of(Role.WORKER));

    public final InMemoryJobRepository jobs = new InMemoryJobRepository();
    public final RecordingStepFunctions sfn = new RecordingStepFunctions();
    public final MovingClock clock = new MovingClock(Instant.parse("2026-03-02T09:00:00Z"));
    private final Map<String, List<PublishedDiagram>> versions = new HashMap<>();
    public final DiagramCatalog catalog = new DiagramCatalog(this::published);
    public final OwedCalls calls = new OwedCalls(() -> sfn);
    public final JobUnitOfWork unitOfWork = new JobUnitOfWork(jobs, calls, clock);
    public final Dependencies dependencies = new Dependencies(unitOfWork, catalog, jobs);
    public final StepActions actions = new StepActions(unitOfWork, catalog, dependencies, calls);
    public final ParentJobs parents = new ParentJobs(unitOfWork, jobs);
    public final StepActivation activation = new StepActivation(unitOfWork, catalog, parents);
    public final DueWork dueWork = new DueWork(unitOfWork, jobs);
    private int created;

    public JobsInMemory() {
        publish("/jobs/permits.json");
    }

    /** Publishes a fixture as the diagram's next version. */
    public PublishedDiagram publish(String fixture) {
        List<PublishedDiagram> published = versions.computeIfAbsent(DIAGRAM, id -> new ArrayList<>());
        int version = published.size() + 1;
        PublishedDiagram diagram = new PublishedDiagram(DIAGRAM, version, DiagramJson.read(json(fixture)).diagram(),
                "arn:aws:states:us-east-1:000000000000:stateMachine:" + DIAGRAM + "-" + version);
        published.add(diagram);
        return diagram;
    }

    private PublishedDiagram published(String itemId, String diagramId, Integer version) {
        List<PublishedDiagram> published = versions.getOrDefault(diagramId, List.of());
        if (published.isEmpty() || version != null && (version < 1 || version > published.size())) {
            throw Refusal.notFound("Diagram '" + diagramId + "' has no version " + version, "diagramId");
        }
        return version == null ? published.get(published.size() - 1) : published.get(version - 1);
    }

    /**
     * A new job of version 1 at these steps of the diagram, each as it becomes current (a person's
     * Ready, an automated one Working) and already entered by the execution (its token
     * {@code token-<stepId>}), changed by {@code change}; stored at revision 1.
     */
    public Job job(UnaryOperator<Job> change, String... stepIds) {
        String jobId = "job-" + ++created;
        PublishedDiagram version = catalog.version(ITEM, DIAGRAM, 1);
        String machine = version.stateMachineArn();
        Job job = new Job(ITEM, jobId, "Job " + created, "tmpl", DIAGRAM, 1, machine, Job.executionArn(machine, Job.executionName(jobId, 1)),
                1, "Medium", "New", false, false, "Unassigned", null, null, null, null, MANAGER.user(), now(), now(), 1,
                List.of(), List.of(), List.of(), List.of(), List.of(), null);
        Job at = job.with(b -> {
            for (String stepId : stepIds) {
                b.currentSteps.add(current(version.step(stepId).orElseThrow(), job));
            }
            return b;
        });
        Job stored = change.apply(at);
        jobs.put(stored);
        return stored;
    }

    public Job job(String... stepIds) {
        return job(job -> job, stepIds);
    }

    /** As {@link #job(String...)}, due at {@code dueDate}, with an SLA clock running from now, as a job created now has. */
    public Job due(Instant dueDate, String... stepIds) {
        return job(job -> job.with(b -> {
            b.dueDate = dueDate.toString();
            b.sla = SlaClock.started(null, clock.instant());
            return b;
        }), stepIds);
    }

    private CurrentStep current(Step step, Job job) {
        String token = "token-" + step.id();
        return switch (step.type()) {
            case WAIT -> CurrentStep.working(step, job, TokenKind.WAIT, token, now(), clock.instant().plusSeconds(60).toString());
            case CREATE_JOB -> CurrentStep.working(step, job, TokenKind.CHILD, token, now(), null);
            default -> CurrentStep.ready(step, job, now()).withToken(token);
        };
    }

    /** A step action as the HTTP API takes it, e.g. {@code {"type": "Finish", "stepId": "review", "returnCode": "yes"}}. */
    public List<StepResponse> act(Job job, Actor actor, String request) {
        return actions.act(job.itemId(), job.jobId(), actor, ActionRequest.parse(json(request)));
    }

    public Job stored(Job job) {
        return jobs.load(job.itemId(), job.jobId());
    }

    public List<HistoryEntry> history(Job job) {
        return jobs.history(job.itemId(), job.jobId());
    }

    public String now() {
        return clock.instant().toString();
    }

    public static JsonNode json(String textOrFixture) {
        try {
            if (!textOrFixture.startsWith("/")) {
                return Json.read(textOrFixture);
            }
            try (InputStream in = JobsInMemory.class.getResourceAsStream(textOrFixture)) {
                if (in == null) {
                    throw new IllegalArgumentException("No fixture " + textOrFixture);
                }
                return Json.MAPPER.readTree(in);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** A clock that stands still until moved on. */
    public static final class MovingClock extends Clock {
        private Instant now;

        MovingClock(Instant start) {
            now = start;
        }

        public synchronized void advance(Duration duration) {
            now = now.plus(duration);
        }

        @Override
        public synchronized Instant instant() {
            return now;
        }

        @Override
        public ZoneId getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(ZoneId zone) {
            return this;
        }
    }
}
