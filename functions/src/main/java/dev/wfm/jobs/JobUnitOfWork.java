package dev.wfm.jobs;

import dev.wfm.common.Refusal;
import dev.wfm.jobs.events.JobEvent;
import dev.wfm.jobs.events.RecordedEvent;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The one place jobs change: read the job, let a command decide, write the next job with the
 * history its events make in one conditional write, then make the Step Functions calls the change
 * owes. When another writer got there first, the command decides again on the fresh job, so a
 * concurrent change is never lost and never applied twice: of twenty concurrent Finish calls on
 * one step, one writes, and the others, deciding again, find the step no longer current. New jobs
 * are written here too, with the events of their creation.
 */
public final class JobUnitOfWork {
    private static final int ATTEMPTS = 10;

    private final JobRepository jobs;
    private final OwedCalls calls;
    private final Clock clock;

    public JobUnitOfWork(JobRepository jobs, OwedCalls calls, Clock clock) {
        this.jobs = jobs;
        this.calls = calls;
        this.clock = clock;
    }

    public Clock clock() {
        return clock;
    }

    public Optional<Job> find(String itemId, String jobId) {
        return jobs.find(itemId, jobId);
    }

    public Job load(String itemId, String jobId) {
        return jobs.load(itemId, jobId);
    }

    /**
     * Runs the command to completion; the decision's answer is there whether accepted or not. An
     * accepted decision comes back with the job as saved.
     */
    public <A> Decision<A> run(String itemId, String jobId, JobCommand<A> command) {
        return run(itemId, jobId, command, null);
    }

    /**
     * As {@link #run(String, String, JobCommand)}, decided at {@code at} instead of the clock's
     * now (null: the clock's): a scheduler tick acts for the minute it stands for. The job's SLA
     * clock moves on at that moment too ({@link Job#clocked}): every change passes here, so the
     * clock is kept in this one place, never by the commands.
     */
    public <A> Decision<A> run(String itemId, String jobId, JobCommand<A> command, Instant at) {
        return run(itemId, jobId, command, at, null);
    }

    /**
     * As {@link #run(String, String, JobCommand)}, as one job of batch update {@code batchId}: an
     * accepted change is written with the job's {@link BatchResult}, and only while the batch has
     * none for the job yet, so a batch run again changes no job twice.
     */
    public <A> Decision<A> runInBatch(String itemId, String jobId, JobCommand<A> command, String batchId) {
        return run(itemId, jobId, command, null, batchId);
    }

    /**
     * As {@link #run(String, String, JobCommand)}, deciding first on {@code carried}, the job as the
     * caller was handed it (an answer's receipt carries it: {@link dev.wfm.execution.ExecutionContract#SAVED}),
     * not read: it may be the job no longer. So a decision on it stands only if its write, conditional
     * on the job's revision, succeeds; any other decision, and a lost write, is made again on the job as read.
     */
    public <A> Decision<A> runFrom(Job carried, JobCommand<A> command) {
        return run(carried.itemId(), carried.jobId(), command, null, null, carried);
    }

    private <A> Decision<A> run(String itemId, String jobId, JobCommand<A> command, Instant at, String batchId) {
        return run(itemId, jobId, command, at, batchId, null);
    }

    private <A> Decision<A> run(String itemId, String jobId, JobCommand<A> command, Instant at, String batchId, Job carried) {
        for (int attempt = 1; attempt <= ATTEMPTS; attempt++) {
            boolean read = attempt > 1 || carried == null;
            Job current = read ? load(itemId, jobId) : carried;
            Instant now = at != null ? at : clock.instant();
            Decision<A> decision = command.decide(current, now);
            if (!(decision instanceof Decision.Accepted<A> accepted)) {
                if (!read) {
                    continue; // not decided on a job known to be the newest: decide again on the job as read
                }
                if (current.owesCalls()) {
                    settle(current);
                }
                return decision;
            }
            Job next = accepted.next().clocked(current, now).savedAfter(current, !accepted.related().isEmpty(), clock.instant().toString());
            BatchResult result = batchId == null ? null : BatchResult.succeeded(batchId, jobId);
            if (jobs.save(current, next, recorded(next, accepted.events()), accepted.related(), accepted.othersAt(), result)) {
                settle(next);
                return Decision.accept(next, accepted.events(), accepted.related(), accepted.answer());
            }
            if (batchId != null && !jobs.batchResults(itemId, batchId, List.of(jobId)).isEmpty()) {
                return Decision.unchanged(accepted.answer()); // another run of the batch changed the job
            }
            if (read) {
                backOff(attempt); // a carried job that was not the newest is read again at once
            }
        }
        throw Refusal.conflict("Job '" + jobId + "' is changing too quickly to apply this; try again", "jobId");
    }

    /** Writes new jobs (fresh ids: nothing to condition on) with the events of their creation, by job id. */
    public void createAll(List<Job> created, Map<String, List<JobEvent>> events) {
        Map<String, List<RecordedEvent>> history = new LinkedHashMap<>();
        created.forEach(job -> history.put(job.jobId(), recorded(job, events.getOrDefault(job.jobId(), List.of()))));
        jobs.createAll(created, history);
    }

    /** Writes a new job with the events of its creation unless a job with its id exists; false when it does. */
    public boolean createIfAbsent(Job job, List<JobEvent> events) {
        return jobs.createIfAbsent(job, recorded(job, events));
    }

    /** What the history of {@code job}, as saved, records of the events of its change: the one place events become history. */
    private static List<RecordedEvent> recorded(Job job, List<JobEvent> events) {
        List<RecordedEvent> recorded = new ArrayList<>();
        for (int i = 0; i < events.size(); i++) {
            recorded.add(new RecordedEvent(RecordedEvent.id(job.jobId(), job.revision(), i), events.get(i)));
        }
        return recorded;
    }

    /**
     * Makes the calls the job owes and records which remain. A failure here leaves them owed in
     * DynamoDB, where the next change, RefreshStatus or the scheduler finds them. An answer the
     * token took stays owed, without a write, until the execution's next call brings its receipt
     * ({@link Job#received}) and drops it in that call's write: so a Finish writes once. Sent again
     * before that (by the scheduler, say), it finds the token used and is cleared.
     */
    public Job settle(Job job) {
        if (!job.owesCalls()) {
            return job;
        }
        OwedCalls.Made made = calls.make(job);
        Job latest = job;
        for (int attempt = 1; attempt <= ATTEMPTS; attempt++) {
            List<OwedCall> stillOwed = latest.owedCalls().stream()
                    .filter(call -> !job.owedCalls().contains(call) || made.stillOwes(call))
                    .toList();
            if (stillOwed.size() == latest.owedCalls().size()) {
                return latest;
            }
            Job cleared = latest.with(b -> {
                b.owedCalls = new ArrayList<>(stillOwed);
                return b;
            }).savedAfter(latest, false, clock.instant().toString());
            if (jobs.save(latest, cleared, List.of(), List.of(), Map.of(), null)) {
                return cleared;
            }
            latest = load(job.itemId(), job.jobId());
        }
        return latest;
    }

    private static void backOff(int attempt) {
        try {
            Thread.sleep(Math.min(200, (long) (5 * attempt * (1 + Math.random()))));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
