package dev.wfm.jobs.lifecycle;

import static dev.wfm.jobs.JobsInMemory.ITEM;
import static dev.wfm.jobs.JobsInMemory.MANAGER;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import dev.wfm.jobs.BatchResult;
import dev.wfm.jobs.Job;
import dev.wfm.jobs.JobsInMemory;
import dev.wfm.jobs.commands.UpdateJob;
import dev.wfm.jobs.events.HistoryEntry;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The lifecycle's commands as the jobs of a batch update, over jobs in memory: each job's result
 * is written with its change, and a chunk run again (a crash, a retried stream batch, a duplicate
 * delivery) changes only the jobs that have none.
 */
class BatchRunsTest {
    private static final UpdateJob.Changes HIGH = new UpdateJob.Changes(null, "High", null, null, null, null, null, null, null);

    private final JobsInMemory domain = new JobsInMemory();
    private final JobLifecycle lifecycle = new JobLifecycle(domain.unitOfWork, domain.jobs, domain.catalog, null, domain.calls,
            domain.parents, List.of());

    @Test
    void aChunkRunTwiceChangesEachJobOnce() {
        List<Job> jobs = List.of(domain.job("review"), domain.job("review"), domain.job("edit"));
        List<String> ids = jobs.stream().map(Job::jobId).toList();

        lifecycle.inBatch("b1").update(ITEM, ids, MANAGER, HIGH);
        List<JobLifecycle.Result> again = lifecycle.inBatch("b1").update(ITEM, ids, MANAGER, HIGH);

        for (Job job : jobs) {
            assertEquals("High", domain.stored(job).priority());
            assertEquals(1, updates(job), "one JobUpdated for " + job.jobId() + ": " + domain.history(job));
        }
        assertEquals(ids.stream().map(id -> new JobLifecycle.Result(id, true, null, null)).toList(), again);
        assertEquals(ids.stream().map(id -> BatchResult.succeeded("b1", id)).toList(), domain.jobs.batchResults(ITEM, "b1", null, 10));
    }

    @Test
    void aResumedChunkChangesOnlyTheJobsWithoutAResult() {
        List<Job> jobs = List.of(domain.job("review"), domain.job("review"), domain.job("review"));
        List<String> ids = jobs.stream().map(Job::jobId).toList();
        lifecycle.inBatch("b1").update(ITEM, ids.subList(0, 1), MANAGER, HIGH); // the run that crashed after its first job

        lifecycle.inBatch("b1").update(ITEM, ids, MANAGER, HIGH);

        jobs.forEach(job -> assertEquals(1, updates(job), domain.history(job).toString()));
        assertEquals(3, domain.jobs.batchResults(ITEM, "b1", null, 10).size());
    }

    @Test
    void aRefusedJobKeepsItsRefusalAsItsResultAndTheOthersAreChanged() {
        Job paused = domain.job("review");
        Job open = domain.job("review");
        lifecycle.pause(ITEM, List.of(paused.jobId()), MANAGER);
        long pausedRevision = domain.stored(paused).revision();

        List<JobLifecycle.Result> results = lifecycle.inBatch("b2").pause(ITEM, List.of(paused.jobId(), open.jobId(), "nobody"), MANAGER);

        assertFalse(results.get(0).success());
        assertEquals(pausedRevision, domain.stored(paused).revision(), "a refused job is not written");
        assertEquals(List.of(BatchResult.State.FAILED, BatchResult.State.SUCCEEDED, BatchResult.State.FAILED),
                List.of(paused.jobId(), open.jobId(), "nobody").stream()
                        .map(id -> domain.jobs.batchResults(ITEM, "b2", List.of(id)).get(id).state()).toList());
        assertEquals("NOT_FOUND", domain.jobs.batchResults(ITEM, "b2", List.of("nobody")).get("nobody").code());
        assertEquals(results, lifecycle.inBatch("b2").pause(ITEM, List.of(paused.jobId(), open.jobId(), "nobody"), MANAGER),
                "run again, the batch answers the results it kept");
    }

    @Test
    void aDuplicateRunThatLandsFirstLeavesTheJobChangedOnce() {
        Job job = domain.job("review");
        domain.jobs.beforeNextSave(() -> lifecycle.inBatch("b3").update(ITEM, List.of(job.jobId()), MANAGER, HIGH));

        lifecycle.inBatch("b3").update(ITEM, List.of(job.jobId()), MANAGER, HIGH);

        assertEquals(1, updates(job), domain.history(job).toString());
        assertEquals(List.of(BatchResult.succeeded("b3", job.jobId())), domain.jobs.batchResults(ITEM, "b3", null, 10));
    }

    @Test
    void outsideABatchAJobIsChangedEachTime() {
        Job job = domain.job("review");

        lifecycle.update(ITEM, List.of(job.jobId()), MANAGER, HIGH);
        lifecycle.update(ITEM, List.of(job.jobId()), MANAGER, HIGH);

        assertEquals(2, updates(job));
    }

    private long updates(Job job) {
        return domain.history(job).stream().map(HistoryEntry::action).filter("JobUpdated"::equals).count();
    }
}
