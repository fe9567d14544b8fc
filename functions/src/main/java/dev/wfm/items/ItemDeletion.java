package dev.wfm.items;

import dev.wfm.common.Log;
import dev.wfm.common.Refusal;
import dev.wfm.config.Diagrams;
import dev.wfm.jobs.JobStore;
import dev.wfm.jobs.lifecycle.JobLifecycle;
import dev.wfm.scheduling.Scheduling;
import dev.wfm.security.Identity;
import dev.wfm.security.Role;
import dev.wfm.webhooks.WebhookStore;
import java.time.Clock;
import java.util.List;
import java.util.Set;

/**
 * {@code DELETE /items/{itemId}}: everything in a workflow item, in steps run from the table's
 * stream (each step's insert runs it, and writes the next), so no step outlives its function's
 * timeout and a step that fails is given again. Marking the item makes it not found at once (in
 * other containers within their few seconds of cached item reads). Each step works out from what
 * is left what to do, so a step run twice does nothing twice, and an admin's DELETE of an item whose
 * deletion stalled writes a new step and resumes it:
 * <ol>
 *   <li>what makes new jobs goes first: schedules and scheduled tasks, webhooks (with their pointers);</li>
 *   <li>jobs, {@value #JOBS_PER_STEP} a step, each deleted as the job routes delete it (its
 *       execution stopped, its attachment files, location and dependents released);</li>
 *   <li>then the diagrams' state machines, and every remaining record of the item,
 *       {@value #RECORDS_PER_STEP} a step;</li>
 *   <li>last the item's record; the report ({@link DeletionStore.Report}) stays, for its admins to read.</li>
 * </ol>
 */
public final class ItemDeletion {
    static final int JOBS_PER_STEP = 100;
    static final int RECORDS_PER_STEP = 1000;

    private final ItemService items;
    private final DeletionStore store;
    private final JobStore jobs;
    private final JobLifecycle lifecycle;
    private final Diagrams diagrams;
    private final Scheduling scheduling;
    private final WebhookStore webhooks;
    private final Clock clock;

    public ItemDeletion(ItemService items, DeletionStore store, JobStore jobs, JobLifecycle lifecycle, Diagrams diagrams, Scheduling scheduling,
                        WebhookStore webhooks, Clock clock) {
        this.items = items;
        this.store = store;
        this.jobs = jobs;
        this.lifecycle = lifecycle;
        this.diagrams = diagrams;
        this.scheduling = scheduling;
        this.webhooks = webhooks;
        this.clock = clock;
    }

    /**
     * Starts deleting the item (its admins); asked again of an item being deleted, resumes the
     * deletion with a new step. The report as it stands.
     */
    public DeletionStore.Report delete(Identity caller, String itemId) {
        var running = store.report(itemId);
        if (running.isPresent() && running.get().finished() == null && isAdmin(caller, running.get())) {
            store.next(itemId, (int) running.get().steps() + 1);
            return running.get();
        }
        WorkflowItem item = items.require(caller, itemId, Set.of(Role.ADMIN));
        if (!store.start(item, caller.user(), clock.instant())) {
            throw Refusal.conflict("Workflow item '" + itemId + "' changed while its deletion began; ask again", "itemId");
        }
        items.forget(itemId);
        Log.info("Deleting a workflow item", "itemId", itemId, "user", caller.user());
        return store.report(itemId).orElseThrow();
    }

    /** The report of the item's deletion, for its admins (as they were when it began); NOT_FOUND for anyone else. */
    public DeletionStore.Report report(Identity caller, String itemId) {
        return store.report(itemId).filter(report -> isAdmin(caller, report))
                .orElseThrow(() -> Refusal.notFound("Workflow item '" + itemId + "' is not being deleted", "itemId"));
    }

    private static boolean isAdmin(Identity caller, DeletionStore.Report report) {
        return report.adminGroups().stream().anyMatch(caller::inGroup);
    }

    /** Runs step {@code step} of the item's deletion and writes the next, unless nothing is left. */
    public void step(String itemId, int step) {
        var report = store.report(itemId);
        if (report.isEmpty() || report.get().finished() != null) {
            return;
        }
        long sources = scheduling.removeAll(itemId);
        for (var webhook : webhooks.list(itemId)) {
            webhooks.delete(itemId, webhook.id());
            sources++;
        }
        List<String> jobIds = jobs.jobIds(itemId, null, JOBS_PER_STEP);
        if (!jobIds.isEmpty()) {
            List<JobLifecycle.Result> results = lifecycle.delete(itemId, jobIds);
            long deleted = results.stream().filter(JobLifecycle.Result::success).count();
            store.stepDone(itemId, deleted, 0, sources, 0);
            results.stream().filter(result -> !result.success() && !"NOT_FOUND".equals(result.code())).findFirst().ifPresent(failed -> {
                // given again by the stream: the jobs deleted stay deleted, the others are tried again
                throw new IllegalStateException("Job " + failed.jobId() + " of a deleted item was not deleted: " + failed.message());
            });
            store.next(itemId, step + 1);
            return;
        }
        long stateMachines = diagrams.deleteAllVersions(itemId);
        List<String> records = store.someRecords(itemId, RECORDS_PER_STEP);
        store.delete(itemId, records);
        store.stepDone(itemId, 0, stateMachines, sources, records.size());
        if (records.size() == RECORDS_PER_STEP) {
            store.next(itemId, step + 1);
            return;
        }
        store.finish(itemId, clock.instant());
        Log.info("Workflow item deleted", "itemId", itemId, "steps", step + 1);
    }
}
