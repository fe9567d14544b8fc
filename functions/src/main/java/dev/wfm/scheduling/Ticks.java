package dev.wfm.scheduling;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.wfm.common.Json;
import dev.wfm.common.Log;
import dev.wfm.common.Parallel;
import dev.wfm.common.Refusal;
import dev.wfm.jobs.Actor;
import dev.wfm.jobs.JobCreation;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ExecutorService;

/**
 * What a scheduler tick does for schedules and tasks. Due records come from one Query on
 * DueIndex ({@link RecurringStore#due}), so a tick costs in proportion to what is due.
 *
 * <p>Exactly once per occurrence, for job-creating runs the order of the two writes is:
 * <ol>
 *   <li>create the jobs with {@code JobCreation.create(..., "schedule-{id}-{occurrence}")}: the key
 *       is stored as a receipt, so any number of ticks creating for the same occurrence get the
 *       same jobs, and only the first creates them;</li>
 *   <li>claim the occurrence: a transaction that moves {@code nextRun} on and writes the run
 *       record, conditional on the revision and {@code nextRun} this tick read. Exactly one tick
 *       wins; the others report nothing.</li>
 * </ol>
 * A crash between 1 and 2 leaves {@code nextRun} where it was: the next tick creates again for
 * the same occurrence and the receipt answers the jobs of the first attempt (nothing doubled),
 * or, if a newer occurrence has come meanwhile, fires that one while the jobs of the older one
 * stay (nothing lost). The other order (claim, then create) would lose the occurrence on such a
 * crash. A {@code callUrl} task cannot be undone or deduplicated by us, so it claims FIRST (run
 * recorded as Running) and calls after: a crash mid-call leaves a visible Running run and the
 * call is never repeated (at most once); the call carries an Idempotency-Key for the receiver.
 *
 * <p>Missed occurrences follow {@link CatchUp}: one run for the latest, the older ones counted.
 */
public final class Ticks {
    /** One run a tick made (or a failure that left the record due for the next tick). */
    public record Fired(String kind, String itemId, String id, String occurrence, String status, List<String> jobIds,
                        int skippedOccurrences, String error) {
        public Map<String, Object> toMap() {
            Map<String, Object> map = new LinkedHashMap<>();
            map.put("kind", kind);
            map.put("itemId", itemId);
            map.put(kind.equals("schedule") ? "scheduleId" : "taskId", id);
            map.put("occurrence", occurrence);
            map.put("status", status);
            map.put("jobIds", jobIds);
            map.put("skippedOccurrences", skippedOccurrences);
            if (error != null) {
                map.put("error", error);
            }
            return map;
        }
    }

    /** What a tick did for one kind: how many records were due, and the runs it claimed. */
    public record Summary(int due, int claimedElsewhere, List<Fired> fired) {}

    /** Runs due records side by side; they wait on the network (callUrl targets, DynamoDB), not on the CPU. */
    private static final ExecutorService FIRING = Parallel.pool("scheduler-run", 16);

    private final RecurringStore schedules;
    private final RecurringStore tasks;
    private final JobCreation creation;
    private final UrlCall urls;
    private final ScheduledTasks taskDefinitions;
    private final Clock clock;

    Ticks(RecurringStore schedules, RecurringStore tasks, JobCreation creation, UrlCall urls, ScheduledTasks taskDefinitions, Clock clock) {
        this.schedules = schedules;
        this.tasks = tasks;
        this.creation = creation;
        this.urls = urls;
        this.taskDefinitions = taskDefinitions;
        this.clock = clock;
    }

    public Summary schedules(Instant now) {
        return tick(schedules, now, this::fireSchedule);
    }

    public Summary tasks(Instant now) {
        return tick(tasks, now, this::fireTask);
    }

    private interface Firing {
        /** Runs one due occurrence; empty when another tick claimed it. */
        Optional<Fired> fire(RecurringStore.Stored stored, CatchUp.Due due);
    }

    private Summary tick(RecurringStore store, Instant now, Firing firing) {
        List<RecurringStore.Stored> due = store.due(now);
        // Due records are independent (each claims its own occurrence): a slow callUrl target delays only its own task.
        List<Outcome> outcomes = Parallel.map(FIRING, due, stored -> fireOne(store, stored, now, firing));
        List<Fired> fired = outcomes.stream().map(Outcome::fired).filter(java.util.Objects::nonNull).toList();
        int elsewhere = (int) outcomes.stream().filter(Outcome::claimedElsewhere).count();
        return new Summary(due.size(), elsewhere, fired);
    }

    /** What became of one due record: a run, a run another tick claimed, or nothing (not due after all, or failed). */
    private record Outcome(Fired fired, boolean claimedElsewhere) {
        static final Outcome NOTHING = new Outcome(null, false);
    }

    private static Outcome fireOne(RecurringStore store, RecurringStore.Stored stored, Instant now, Firing firing) {
        try {
            Optional<CatchUp.Due> occurrence = CatchUp.at(Timing.of(stored.definition()).recurrence(), stored.nextRun(), now);
            if (occurrence.isEmpty()) {
                return Outcome.NOTHING;
            }
            return firing.fire(stored, occurrence.get()).map(run -> new Outcome(run, false)).orElse(new Outcome(null, true));
        } catch (RuntimeException e) {
            // Left due: the next tick tries again. One broken record must not stop the others.
            Log.warn("A due record failed; it stays due for the next tick", e, "due", store.duePartition(), "itemId", stored.itemId(),
                    "id", stored.id());
            return Outcome.NOTHING;
        }
    }

    private Optional<Fired> fireSchedule(RecurringStore.Stored stored, CatchUp.Due due) {
        ObjectNode definition = stored.definition();
        JsonNode body = JobRequest.body(definition.path("jobTemplateId").asText(), definition.path("numberOfJobs").asInt(1),
                definition.get("overrides"));
        ObjectNode run = createJobs(stored, due, body, "schedule-" + stored.id() + "-" + due.occurrence());
        if (!schedules.advance(stored, due.occurrence(), due.next(), run)) {
            return Optional.empty();
        }
        return Optional.of(fired("schedule", stored, due, run));
    }

    private Optional<Fired> fireTask(RecurringStore.Stored stored, CatchUp.Due due) {
        ObjectNode definition = stored.definition();
        JsonNode parameters = definition.path("parameters");
        String key = "task-" + stored.id() + "-" + due.occurrence();
        if (ScheduledTasks.CREATE_JOBS.equals(definition.path("action").asText())) {
            JsonNode body = JobRequest.body(parameters.path("jobTemplateId").asText(), parameters.path("numberOfJobs").asInt(1),
                    parameters.get("overrides"));
            ObjectNode run = createJobs(stored, due, body, key);
            return tasks.advance(stored, due.occurrence(), due.next(), run) ? Optional.of(fired("task", stored, due, run)) : Optional.empty();
        }
        ObjectNode run = started(due);
        run.put("status", "Running");
        if (!tasks.advance(stored, due.occurrence(), due.next(), run)) {
            return Optional.empty();
        }
        UrlCall.Outcome outcome = urls.call(taskDefinitions.opened(stored.itemId(), parameters), key);
        run.put("status", outcome.succeeded() ? "Succeeded" : "Failed");
        if (outcome.result() != null) {
            run.set("result", outcome.result());
        }
        if (outcome.error() != null) {
            run.put("error", outcome.error());
        }
        run.put("endedAt", clock.instant().toString());
        tasks.saveRun(stored.itemId(), stored.id(), run.path("runId").asText(), run);
        return Optional.of(fired("task", stored, due, run));
    }

    /** Creates the occurrence's jobs under its idempotency key; a configuration that no longer works is a Failed run. */
    private ObjectNode createJobs(RecurringStore.Stored stored, CatchUp.Due due, JsonNode body, String key) {
        ObjectNode run = started(due);
        try {
            JobCreation.Created created = creation.create(stored.itemId(), Actor.SYSTEM, body, key);
            run.put("status", "Succeeded");
            created.jobIds().forEach(run.putArray("jobIds")::add);
        } catch (Refusal e) {
            run.put("status", "Failed");
            run.put("error", e.getMessage());
        }
        run.put("endedAt", clock.instant().toString());
        return run;
    }

    private ObjectNode started(CatchUp.Due due) {
        ObjectNode run = Json.object();
        run.put("runId", Times.runId(due.occurrence()));
        run.put("occurrence", due.occurrence().toString());
        run.put("startedAt", clock.instant().toString());
        run.put("skippedOccurrences", due.skipped());
        if (due.skippedCountCapped()) {
            run.put("skippedOccurrencesAtLeast", true);
        }
        return run;
    }

    private static Fired fired(String kind, RecurringStore.Stored stored, CatchUp.Due due, ObjectNode run) {
        List<String> jobIds = new ArrayList<>();
        run.path("jobIds").forEach(id -> jobIds.add(id.asText()));
        return new Fired(kind, stored.itemId(), stored.id(), due.occurrence().toString(), run.path("status").asText(), jobIds,
                due.skipped(), run.path("error").asText(null));
    }
}
