package dev.wfm.jobs;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.wfm.common.Refusal;
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
}
