package dev.wfm.local.due;

import static dev.wfm.local.due.DueDriver.secondAtOrAfter;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.wfm.local.ApiClient;
import dev.wfm.local.TestTable;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/**
 * Due dates, the SLA clock and overdue jobs through the local cloud: jobs walked over HTTP, the
 * scheduler ticked at chosen times, JobOverdue read back from the jobs' history.
 */
class OverdueJobsTest {
    private static final DueDriver DRIVER = new DueDriver("Overdue test");
    private static final String TEMPLATE = DRIVER.template("");

    private static String dueJob(Instant dueDate) {
        return DRIVER.job(TEMPLATE, ", \"dueDate\": \"" + dueDate + "\"");
    }

    @Test
    void aJobDueInThePastBecomesOverdueAtTheNextTickWithExactlyOneJobOverdue() {
        Instant due = Instant.now().minus(Duration.ofHours(1)).truncatedTo(ChronoUnit.SECONDS);
        String jobId = dueJob(due);
        assertTrue(DRIVER.get(jobId).path("overdue").asBoolean(), "overdue by its clock from its creation on");

        Instant now = Instant.now();
        DRIVER.tick(now);
        DRIVER.tick(now.plusSeconds(60));

        List<JsonNode> notices = DRIVER.history(jobId, "JobOverdue");
        assertEquals(1, notices.size(), notices.toString());
        assertEquals("system", notices.get(0).path("user").asText());
        assertEquals(due.toString(), notices.get(0).path("details").path("dueDate").asText());
        assertEquals(due.toString(), notices.get(0).path("details").path("effectiveDueDate").asText(), "never held");
    }

    /** The job's record as the table holds it. */
    private static Map<String, AttributeValue> record(String jobId) {
        return TestTable.records("ITEM#" + DRIVER.itemId, "JOB#" + jobId).stream()
                .filter(record -> record.get("sk").s().equals("JOB#" + jobId)).findFirst().orElseThrow();
    }

    /** Puts the job's due index entry where it was before the entries were sharded. */
    private static void unsharded(String jobId) {
        Map<String, AttributeValue> record = new HashMap<>(record(jobId));
        record.put("duePk", AttributeValue.fromS("JOB_DUE"));
        TestTable.put(record);
    }

    @Test
    void jobsDueEntriesAreSpreadOverShardsAndAnEntryWrittenBeforeThemIsStillDueUntilTheJobsNextWriteMovesIt() {
        Set<String> shards = new TreeSet<>();
        for (int i = 0; i < 12; i++) {
            String duePk = record(dueJob(Instant.now().plus(Duration.ofDays(3)))).get("duePk").s();
            assertTrue(duePk.matches("JOB_DUE#([0-9]|1[0-5])"), duePk);
            shards.add(duePk);
        }
        assertTrue(shards.size() > 1, "12 jobs on one shard: " + shards);

        String late = dueJob(Instant.now().minus(Duration.ofHours(1)).truncatedTo(ChronoUnit.SECONDS));
        unsharded(late);
        DRIVER.tick(Instant.now());
        assertEquals(1, DRIVER.history(late, "JobOverdue").size(), "found on the unsharded partition");

        String later = dueJob(Instant.now().plus(Duration.ofDays(3)));
        String shard = record(later).get("duePk").s();
        unsharded(later);
        ApiClient.Response renamed = DRIVER.api.send("PUT", DRIVER.path("/jobs/" + later), DRIVER.admin, "{\"jobName\": \"Renamed\", \"revision\": " + DRIVER.get(later).path("revision").asLong() + "}");
        assertEquals(200, renamed.status(), renamed.body().toString());
        assertEquals(shard, record(later).get("duePk").s(), "the job's next write puts its entry on its shard");
    }

    @Test
    void overdueFiresOnceAfterAHoldIsTakenOutOfTheClock() {
        Instant due = Instant.now().plus(Duration.ofMinutes(30)).truncatedTo(ChronoUnit.SECONDS);
        String jobId = dueJob(due);
        Instant release = Instant.now().plus(Duration.ofHours(2)).truncatedTo(ChronoUnit.SECONDS);
        DRIVER.act(jobId, "{\"type\": \"Hold\", \"stepIds\": [\"inspect\"], \"scheduledRelease\": \"" + release + "\"}");
        Instant held = Instant.parse(DRIVER.history(jobId, "StepHeld").get(0).path("date").asText()).truncatedTo(ChronoUnit.MILLIS);

        DRIVER.tick(due.plusSeconds(60));
        assertEquals(List.of(), DRIVER.history(jobId, "JobOverdue"), "past its due date, but on hold: its clock stands still");
        assertFalse(DRIVER.get(jobId).path("overdue").asBoolean());

        DRIVER.tick(release);
        JsonNode released = DRIVER.get(jobId);
        Instant effective = due.plus(Duration.between(held, release));
        assertEquals(effective.toString(), released.path("effectiveDueDate").asText(), "the due date moved by the time held");
        assertEquals(due.toString(), released.path("dueDate").asText(), "the due date itself stays");
        assertEquals(Duration.between(held, release).toSeconds(), released.path("heldSeconds").asLong());
        assertEquals(1, DRIVER.history(jobId, "HoldReleasedOnSchedule").size());

        Instant overdueTick = secondAtOrAfter(effective);
        DRIVER.tick(overdueTick.minusSeconds(1));
        assertEquals(List.of(), DRIVER.history(jobId, "JobOverdue"), "a second before the effective due date");
        DRIVER.tick(overdueTick);
        DRIVER.tick(overdueTick.plusSeconds(60));

        List<JsonNode> notices = DRIVER.history(jobId, "JobOverdue");
        assertEquals(1, notices.size(), notices.toString());
        assertEquals(overdueTick.toString(), notices.get(0).path("date").asText());
        assertEquals(effective.toString(), notices.get(0).path("details").path("effectiveDueDate").asText());
    }

    @Test
    void aChangedDueDateRearmsTheNotice() {
        Instant first = Instant.now().minus(Duration.ofHours(1)).truncatedTo(ChronoUnit.SECONDS);
        String jobId = dueJob(first);
        DRIVER.tick(Instant.now());
        Instant later = Instant.now().plus(Duration.ofHours(1)).truncatedTo(ChronoUnit.SECONDS);
        long revision = DRIVER.get(jobId).path("revision").asLong();
        ApiClient.Response updated = DRIVER.api.send("PUT", DRIVER.path("/jobs/" + jobId), DRIVER.admin,
                "{\"revision\": " + revision + ", \"dueDate\": \"" + later + "\"}");
        assertEquals(200, updated.status(), updated.body().toString());
        assertFalse(updated.body().path("overdue").asBoolean(), "not overdue by its new due date");

        DRIVER.tick(Instant.now().plusSeconds(60));
        assertEquals(1, DRIVER.history(jobId, "JobOverdue").size());
        DRIVER.tick(later);

        assertEquals(List.of(first.toString(), later.toString()), DRIVER.history(jobId, "JobOverdue").stream()
                .map(notice -> notice.path("details").path("dueDate").asText()).toList());
    }

    @Test
    void overdueEqualsOneFindsExactlyTheOverdueJobsWithARangeQueryOfTheOverdueIndex() {
        DueDriver driver = new DueDriver("Overdue search test");
        String template = driver.template("");
        Instant past = Instant.now().minus(Duration.ofDays(2)).truncatedTo(ChronoUnit.SECONDS);
        String overdue = driver.job(template, ", \"dueDate\": \"" + past + "\"");
        String future = driver.job(template, ", \"dueDate\": \"" + Instant.now().plus(Duration.ofDays(2)).truncatedTo(ChronoUnit.SECONDS) + "\"");
        String undated = driver.job(template, "");
        String closed = driver.job(template, ", \"dueDate\": \"" + past + "\"");
        driver.bulk("close", closed);
        String held = driver.job(template, ", \"dueDate\": \"" + Instant.now().plusSeconds(3600).truncatedTo(ChronoUnit.SECONDS) + "\"");
        driver.act(held, "{\"type\": \"Hold\", \"stepIds\": [\"inspect\"]}");

        JsonNode found = search(driver, "overdue = 1");
        assertEquals(Set.of(overdue), ids(found));
        assertEquals("jobsByOverdueFrom", found.path("plan").path("index").asText());
        assertEquals("overdue", found.path("plan").path("field").asText());
        assertEquals(1, found.path("plan").path("queries").asInt());
        JsonNode notOverdue = search(driver, "overdue = 0");
        assertEquals(Set.of(future, undated, closed, held), ids(notOverdue));
        assertEquals("gsi1", notOverdue.path("plan").path("index").asText());
        assertEquals(Set.of(overdue, closed), ids(search(driver, "dueDate < now() AND dueDate >= today() - 3")));
        assertEquals(Set.of(held), ids(search(driver, "heldSeconds >= 0 AND effectiveDueDate > now() AND effectiveDueDate < now() + 1d")));
        assertEquals(Set.of(overdue), ids(search(driver, "overdue = 1 AND activeSeconds >= 0 AND effectiveDueDate < now() - 1d")));
        ApiClient.Response statistics = driver.api.post(driver.path("/jobs/statistics"), driver.admin, "{\"groupBy\": \"overdue\"}");
        assertEquals(200, statistics.status(), statistics.body().toString());
        assertEquals("[{\"value\":false,\"count\":4},{\"value\":true,\"count\":1}]", statistics.body().path("groupedValues").toString());
    }

    @Test
    void activeAndHeldSecondsAreRightAcrossHoldReleasePauseAndClose() throws InterruptedException {
        String[] job = new String[1];
        Instant[] create = timed(() -> job[0] = DRIVER.job(TEMPLATE, ""));
        String jobId = job[0];
        Thread.sleep(1100);
        Instant[] hold = timed(() -> DRIVER.act(jobId, "{\"type\": \"Hold\", \"stepIds\": [\"inspect\"]}"));
        Thread.sleep(2100);
        Instant[] release = timed(() -> DRIVER.act(jobId, "{\"type\": \"ReleaseHold\", \"stepIds\": [\"inspect\"]}"));
        Thread.sleep(1100);
        Instant[] pause = timed(() -> DRIVER.bulk("pause", jobId));
        Thread.sleep(1600);
        Instant[] resume = timed(() -> DRIVER.bulk("resume", jobId));
        Thread.sleep(600);
        Instant[] close = timed(() -> DRIVER.bulk("close", jobId));
        JsonNode closedJob = DRIVER.get(jobId);
        Thread.sleep(1100);
        JsonNode later = DRIVER.get(jobId);

        // each change took effect between the moment its request left and the moment its answer came
        long heldLeast = millis(hold[1], release[0]) + millis(pause[1], resume[0]);
        long heldMost = millis(hold[0], release[1]) + millis(pause[0], resume[1]);
        long activeLeast = millis(create[1], close[0]) - heldMost;
        long activeMost = millis(create[0], close[1]) - heldLeast;
        long heldSeconds = closedJob.path("heldSeconds").asLong();
        long activeSeconds = closedJob.path("activeSeconds").asLong();
        assertTrue(heldLeast / 1000 <= heldSeconds && heldSeconds <= heldMost / 1000 && heldSeconds >= 3,
                heldSeconds + " held seconds, expected " + heldLeast / 1000 + ".." + heldMost / 1000);
        assertTrue(activeLeast / 1000 <= activeSeconds && activeSeconds <= activeMost / 1000 && activeSeconds >= 2,
                activeSeconds + " active seconds, expected " + activeLeast / 1000 + ".." + activeMost / 1000);
        assertEquals(List.of(activeSeconds, heldSeconds), List.of(later.path("activeSeconds").asLong(), later.path("heldSeconds").asLong()),
                "the clock stopped as the job closed");
    }

    private static long millis(Instant from, Instant to) {
        return Duration.between(from, to).toMillis();
    }

    /** When a call started and when it came back. */
    private static Instant[] timed(Runnable call) {
        Instant before = Instant.now();
        call.run();
        return new Instant[] {before, Instant.now()};
    }

    private static JsonNode search(DueDriver driver, String q) {
        ApiClient.Response answer = driver.api.post(driver.path("/jobs/search"), driver.admin,
                DueDriver.MAPPER.createObjectNode().put("q", q).put("explain", true).toString());
        assertEquals(200, answer.status(), answer.body().toString());
        return answer.body();
    }

    private static Set<String> ids(JsonNode answer) {
        Set<String> ids = new TreeSet<>();
        answer.path("results").forEach(row -> ids.add(row.path("jobId").asText()));
        return ids;
    }
}
