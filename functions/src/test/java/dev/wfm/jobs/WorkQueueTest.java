package dev.wfm.jobs;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.wfm.common.Refusal;
import java.util.Comparator;
import java.util.List;
import org.junit.jupiter.api.Test;

/** A page token of "my work" continues the query it was answered for, and only that one. */
class WorkQueueTest {
    private static final WorkQueue.Query BY_DUE_DATE = new WorkQueue.Query(WorkQueue.Sort.dueDate, false, "Ready", 2, 0);

    @Test
    void aTokenContinuesItsQueryWhereThePageEnded() {
        String token = BY_DUE_DATE.tokenFor(4);

        assertEquals(new WorkQueue.Query(WorkQueue.Sort.dueDate, false, "Ready", 2, 4), BY_DUE_DATE.continuing(token));
        assertEquals(4, new WorkQueue.Query(WorkQueue.Sort.dueDate, false, "Ready", 50, 0).continuing(token).start(),
                "a page of another size may continue it");
    }

    @Test
    void aTokenOfAnotherSortOrderOrStatusOrNoTokenAtAllIsRefused() {
        String token = BY_DUE_DATE.tokenFor(4);

        for (WorkQueue.Query other : new WorkQueue.Query[] {
                new WorkQueue.Query(WorkQueue.Sort.since, false, "Ready", 2, 0),
                new WorkQueue.Query(WorkQueue.Sort.dueDate, true, "Ready", 2, 0),
                new WorkQueue.Query(WorkQueue.Sort.dueDate, false, null, 2, 0)}) {
            Refusal refused = assertThrows(Refusal.class, () -> other.continuing(token));
            assertEquals(Refusal.Kind.INVALID_ARGUMENT, refused.kind());
            assertEquals("nextToken", refused.target());
        }
        assertThrows(Refusal.class, () -> BY_DUE_DATE.continuing("not a token!"));
        assertThrows(Refusal.class, () -> BY_DUE_DATE.continuing(""));
    }

    @Test
    void theIndexSortKeyOrdersAsTheTimesTheStepsBecameCurrentHoweverManyDigitsTheyCarryThenByJobAndStep() {
        List<WorkItem> items = List.of(item("j2", "a", "2026-03-09T10:00:00Z"), item("j1", "a", "2026-03-09T10:00:00.5Z"),
                item("j1", "a", "2026-03-09T09:59:59.999999999Z"), item("j1", "b", "2026-03-09T10:00:00Z"),
                item("j1", "a", "2026-03-09T10:00:00Z"));

        List<String> byKey = items.stream().sorted(Comparator.comparing(WorkQueue::sortKey)).map(WorkQueueTest::name).toList();

        assertEquals(List.of("j1/a@2026-03-09T09:59:59.999999999Z", "j1/a@2026-03-09T10:00:00Z", "j1/b@2026-03-09T10:00:00Z",
                "j2/a@2026-03-09T10:00:00Z", "j1/a@2026-03-09T10:00:00.5Z"), byKey);
    }

    private static WorkItem item(String jobId, String stepId, String since) {
        return new WorkItem(jobId, "Job", stepId, "Step", "Ready", "Group", "editors", "High", null, null, false, since, null);
    }

    private static String name(WorkItem item) {
        return item.jobId() + "/" + item.stepId() + "@" + item.since();
    }
}
