package dev.wfm.jobs;

import dev.wfm.common.Refusal;
import java.time.Clock;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;

/**
 * The one place jobs change: read the job, let a command decide, write the next job and its
 * history in one conditional transaction, then make the Step Functions calls the change owes.
 * When another writer got there first, the command decides again on the fresh job, so a
 * concurrent change is never lost and never applied twice: of twenty concurrent Finish calls
 * on one step, one writes, and the others, deciding again, find the step no longer current.
 */
public final class JobRunner {
    private static final int ATTEMPTS = 10;

    private final JobStore store;
    private final OwedCalls calls;
    private final Clock clock;

    public JobRunner(JobStore store, OwedCalls calls, Clock clock) {
        this.store = store;
        this.calls = calls;
        this.clock = clock;
    }

    public Clock clock() {
        return clock;
    }

    public java.util.Optional<Job> find(String itemId, String jobId) {
        return store.find(itemId, jobId);
    }

    public Job load(String itemId, String jobId) {
        return store.load(itemId, jobId);
    }

    /** Runs the command to completion; the change's answer is returned whether accepted or rejected. */
    public <A> Change<A> run(String itemId, String jobId, Function<Job, Change<A>> command) {
        for (int attempt = 1; attempt <= ATTEMPTS; attempt++) {
            Job current = load(itemId, jobId);
            Change<A> change = command.apply(current);
            if (!change.accepted()) {
                if (current.owesCalls()) {
                    settle(current);
                }
                return change;
            }
            Job next = change.next().savedAfter(current, !change.related().isEmpty(), clock.instant().toString());
            if (store.save(next, current.revision(), change.history(), change.related(), change.othersAt())) {
                settle(next);
                return Change.accept(next, change.history(), change.related(), change.answer());
            }
            backOff(attempt);
        }
        throw Refusal.conflict("Job '" + jobId + "' is changing too quickly to apply this; try again", "jobId");
    }

    /**
     * Makes {@code step} (which holds an execution's task token) current, with its history entry,
     * unless the job knew it (see {@link #enter}). Answers the step as it is current now; empty
     * when the token went to an answer given already.
     */
    public Optional<CurrentStep> makeCurrent(String itemId, String jobId, CurrentStep step, HistoryEntry entry) {
        return Optional.ofNullable(run(itemId, jobId, job -> enter(job, step, List.of(entry))).answer());
    }

    /**
     * The execution entered {@code fresh}'s step with the token {@code fresh} holds. A token the job
     * knows changes nothing (a repeated invocation); a step the job knew takes the token and keeps its
     * state, and an answer given before the token came is sent with it ({@link Job#entered});
     * otherwise {@code fresh} becomes current in place of any step with its id, with its history. The
     * answer is the step as current afterwards, null when the token went to an answer.
     */
    public static Change<CurrentStep> enter(Job job, CurrentStep fresh, List<HistoryEntry> history) {
        String token = fresh.taskToken();
        if (job.knowsToken(token)) {
            return Change.none(job.currentSteps().stream().filter(s -> token.equals(s.taskToken())).findFirst().orElse(null));
        }
        Optional<Job> known = job.entered(fresh.stepId(), token, fresh.tokenKind());
        if (known.isPresent()) {
            return Change.accept(known.get(), List.of(), known.get().currentStep(fresh.stepId())
                    .filter(s -> token.equals(s.taskToken())).orElse(null));
        }
        return Change.accept(job.with(b -> {
            b.removeStep(fresh.stepId());
            b.currentSteps.add(fresh);
            return b;
        }), history, fresh);
    }

    /**
     * Makes the calls the job owes and records which remain. A failure here leaves them owed in
     * DynamoDB, where the next change, RefreshStatus or the scheduler finds them.
     */
    public Job settle(Job job) {
        if (!job.owesCalls()) {
            return job;
        }
        List<OwedCall> remaining = calls.make(job.owedCalls());
        Job latest = job;
        for (int attempt = 1; attempt <= ATTEMPTS; attempt++) {
            List<OwedCall> stillOwed = latest.owedCalls().stream()
                    .filter(call -> !job.owedCalls().contains(call) || remaining.contains(call))
                    .toList();
            if (stillOwed.size() == latest.owedCalls().size()) {
                return latest;
            }
            Job cleared = latest.with(b -> {
                b.owedCalls = new java.util.ArrayList<>(stillOwed);
                return b;
            }).savedAfter(latest, false, clock.instant().toString());
            if (store.save(cleared, latest.revision(), List.of(), List.of(), java.util.Map.of())) {
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
