package dev.wfm.search;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.wfm.jobs.Job;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;

/** Which counters a job change moves, and by how much. */
class JobCountsDeltasTest {
    private static Map<String, Integer> changes(Job before, Job after) {
        Map<String, Integer> changes = new TreeMap<>();
        JobCounts.deltas(JobCounts.shardOf("j1"), before, after).forEach((sortKey, delta) -> changes.put(sortKey, delta.change()));
        return changes;
    }

    @Test
    void aCreatedJobAddsOneToEachFieldsValueAndADeletedOneTakesItAway() {
        Job job = Jobs.job("j1", "High", "New", false, "User", "amy", "d", null);
        Map<String, Integer> created = changes(null, job);
        assertEquals(JobCounts.FIELDS.size(), created.size());
        assertTrue(created.values().stream().allMatch(change -> change == 1));
        int shard = Math.floorMod("j1".hashCode(), JobCounts.SHARDS);
        assertEquals(1, created.get("COUNT#priority#" + shard + "#0#=High"));
        assertEquals(1, created.get("COUNT#currentStep#" + shard + "#0#~"), "no current step counts as none");
        Map<String, Integer> deleted = changes(job, null);
        assertEquals(created.keySet(), deleted.keySet());
        assertTrue(deleted.values().stream().allMatch(change -> change == -1));
    }

    @Test
    void aChangeMovesOnlyTheFieldsItChangesAndClosingMovesEveryField() {
        Job before = Jobs.job("j1", "High", "New", false, "User", "amy", "d", null);
        int shard = Math.floorMod("j1".hashCode(), JobCounts.SHARDS);
        assertEquals(Map.of("COUNT#priority#" + shard + "#0#=High", -1, "COUNT#priority#" + shard + "#0#=Low", 1),
                changes(before, Jobs.job("j1", "Low", "New", false, "User", "amy", "other description", null)),
                "the description is not counted");
        assertEquals(Map.of(), changes(before, before));
        Map<String, Integer> closed = changes(before, Jobs.job("j1", "High", "Closed", true, "User", "amy", "d", null));
        assertEquals(2 * JobCounts.FIELDS.size(), closed.size(), "every field moves from the open counters to the closed ones");
        assertEquals(-1, closed.get("COUNT#jobStatus#" + shard + "#0#=New"));
        assertEquals(1, closed.get("COUNT#jobStatus#" + shard + "#1#=Closed"));
        assertEquals(1, closed.get("COUNT#closed#" + shard + "#1#=true"));
    }
}
