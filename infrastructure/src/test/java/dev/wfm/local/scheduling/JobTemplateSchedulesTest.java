package dev.wfm.local.scheduling;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.wfm.local.ApiClient;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** Job template automation end to end: schedules created over HTTP, time driven by scheduler ticks. */
class JobTemplateSchedulesTest {
    private static final SchedulingDriver DRIVER = new SchedulingDriver("Schedules test");
    private final List<String> created = new ArrayList<>();

    private String schedule(String json) {
        String id = DRIVER.schedule(json);
        created.add(id);
        return id;
    }

    @AfterEach
    void deleteSchedules() {
        // Tests tick far ahead; a schedule left behind would fire in another test's window.
        for (String id : created) {
            DRIVER.api.send("DELETE", DRIVER.schedules() + "/" + id, DRIVER.admin, null);
        }
    }

    /** Ticks every {@code step} from {@code from} (inclusive) to {@code to} (exclusive); the tick times at which the schedule ran. */
    private static Set<Instant> firingTicks(String scheduleId, String from, String to, Duration step, List<String> jobIds) {
        Set<Instant> fired = new TreeSet<>();
        for (Instant time = Instant.parse(from); time.isBefore(Instant.parse(to)); time = time.plus(step)) {
            for (JsonNode run : SchedulingDriver.runsOf(DRIVER.tick(time), "schedules", scheduleId)) {
                assertEquals(time.toString(), run.path("occurrence").asText(), "a run at tick " + time);
                fired.add(time);
                jobIds.addAll(SchedulingDriver.texts(run.path("jobIds")));
            }
        }
        return fired;
    }

    private static Set<Instant> instants(String... texts) {
        Set<Instant> set = new TreeSet<>();
        for (String text : texts) {
            set.add(Instant.parse(text));
        }
        return set;
    }

    @Test
    void aWeekdayEightOClockBerlinScheduleFiresOnExactlyTheRightTicksAcrossBothDaylightSavingChanges() {
        String id = schedule("""
                {"expression": "cron(0 8 ? * MON-FRI *)", "timezone": "Europe/Berlin", "startAt": "2027-03-24T00:00:00Z",
                 "overrides": {"jobName": "Morning inspection"}}""");
        List<String> jobIds = new ArrayList<>();
        // Spring: Berlin moves from UTC+1 to UTC+2 on Sunday 2027-03-28.
        Set<Instant> spring = firingTicks(id, "2027-03-24T00:00:00Z", "2027-04-01T00:00:00Z", Duration.ofMinutes(15), jobIds);
        assertEquals(instants("2027-03-24T07:00:00Z", "2027-03-25T07:00:00Z", "2027-03-26T07:00:00Z",
                "2027-03-29T06:00:00Z", "2027-03-30T06:00:00Z", "2027-03-31T06:00:00Z"), spring);

        ApiClient.Response moved = DRIVER.api.send("PUT", DRIVER.schedules() + "/" + id, DRIVER.admin, "{\"startAt\": \"2027-10-27T00:00:00Z\"}");
        assertEquals(200, moved.status(), moved.body().toString());
        assertEquals("2027-10-27T06:00:00Z", moved.body().path("nextRun").asText());
        // Autumn: back from UTC+2 to UTC+1 on Sunday 2027-10-31.
        Set<Instant> autumn = firingTicks(id, "2027-10-27T00:00:00Z", "2027-11-03T00:00:00Z", Duration.ofMinutes(15), jobIds);
        assertEquals(instants("2027-10-27T06:00:00Z", "2027-10-28T06:00:00Z", "2027-10-29T06:00:00Z",
                "2027-11-01T07:00:00Z", "2027-11-02T07:00:00Z"), autumn);

        assertEquals(11, jobIds.size());
        assertEquals(11, new HashSet<>(jobIds).size());
        for (String jobId : jobIds) {
            DRIVER.assertJobExists(jobId);
        }
        JsonNode job = DRIVER.api.get(DRIVER.path("/jobs/" + jobIds.get(0)), DRIVER.admin).body();
        assertEquals("Morning inspection", job.path("jobName").asText());
        assertEquals("system", job.path("createdBy").asText());
        JsonNode runs = DRIVER.api.get(DRIVER.schedules() + "/" + id + "/runs", DRIVER.admin).body().path("runs");
        assertEquals(11, runs.size());
        runs.forEach(run -> assertEquals("Succeeded", run.path("status").asText(), run.toString()));
    }

    @Test
    void repeatedAndConcurrentTicksCreateEachOccurrenceOnce() throws Exception {
        String id = schedule("""
                {"expression": "cron(0/10 * * * ? *)", "startAt": "2028-01-10T00:00:00Z", "numberOfJobs": 2}""");
        ConcurrentLinkedQueue<String> reported = new ConcurrentLinkedQueue<>();
        ConcurrentLinkedQueue<String> occurrences = new ConcurrentLinkedQueue<>();
        ExecutorService threads = Executors.newFixedThreadPool(6);
        try {
            for (int minute = 0; minute < 60; minute += 10) {
                Instant time = Instant.parse("2028-01-10T00:00:00Z").plus(Duration.ofMinutes(minute));
                CountDownLatch start = new CountDownLatch(1);
                List<Future<?>> ticks = new ArrayList<>();
                for (int t = 0; t < 6; t++) {
                    Instant tickTime = t % 2 == 0 ? time : time.plusSeconds(30);   // overlapping ticks of the same minute
                    ticks.add(threads.submit(() -> {
                        start.await();
                        for (JsonNode run : SchedulingDriver.runsOf(DRIVER.tick(tickTime), "schedules", id)) {
                            occurrences.add(run.path("occurrence").asText());
                            reported.addAll(SchedulingDriver.texts(run.path("jobIds")));
                        }
                        return null;
                    }));
                }
                start.countDown();
                for (Future<?> tick : ticks) {
                    tick.get();
                }
                // The same time again, after the fact: nothing more.
                assertEquals(List.of(), SchedulingDriver.runsOf(DRIVER.tick(time), "schedules", id));
            }
        } finally {
            threads.shutdownNow();
        }
        assertEquals(6, occurrences.size(), "one claimed run per occurrence: " + occurrences);
        assertEquals(6, new HashSet<>(occurrences).size());
        assertEquals(12, reported.size());
        assertEquals(12, new HashSet<>(reported).size());
        JsonNode runs = DRIVER.api.get(DRIVER.schedules() + "/" + id + "/runs", DRIVER.admin).body().path("runs");
        Set<String> recorded = new HashSet<>();
        runs.forEach(run -> recorded.addAll(SchedulingDriver.texts(run.path("jobIds"))));
        assertEquals(6, runs.size());
        assertEquals(new HashSet<>(reported), recorded);
        for (String jobId : recorded) {
            DRIVER.assertJobExists(jobId);
        }
    }

    @Test
    void afterDowntimeOneRunIsMadeForTheLatestMissedOccurrenceAndTheSkippedOnesAreCounted() {
        String id = schedule("{\"expression\": \"cron(0 * * * ? *)\", \"startAt\": \"2028-02-01T00:00:00Z\"}");
        List<JsonNode> runs = SchedulingDriver.runsOf(DRIVER.tick(Instant.parse("2028-02-01T05:30:00Z")), "schedules", id);
        assertEquals(1, runs.size());
        assertEquals("2028-02-01T05:00:00Z", runs.get(0).path("occurrence").asText());
        assertEquals(5, runs.get(0).path("skippedOccurrences").asInt());
        assertEquals(1, runs.get(0).path("jobIds").size());
        JsonNode schedule = DRIVER.api.get(DRIVER.schedules() + "/" + id, DRIVER.admin).body();
        assertEquals("2028-02-01T06:00:00Z", schedule.path("nextRun").asText());
    }

    @Test
    void aTickAfterACrashBetweenCreatingTheJobsAndClaimingTheOccurrenceAnswersTheSameJobs() throws Exception {
        String id = schedule("{\"expression\": \"rate(1 day)\", \"startAt\": \"2028-06-01T00:00:00Z\"}");
        // What a crashed tick left behind: the occurrence's jobs created under its key, the schedule not moved on.
        HttpRequest create = HttpRequest.newBuilder(DRIVER.cloud.endpoints().api().resolve(DRIVER.path("/jobs")))
                .header("Authorization", "Bearer " + DRIVER.admin)
                .header("Content-Type", "application/json")
                .header("Idempotency-Key", "schedule-" + id + "-2028-06-01T00:00:00Z")
                .POST(HttpRequest.BodyPublishers.ofString("{\"jobTemplateId\": \"" + DRIVER.templateId + "\"}"))
                .build();
        HttpResponse<String> crashed = HttpClient.newHttpClient().send(create, HttpResponse.BodyHandlers.ofString());
        assertEquals(201, crashed.statusCode(), crashed.body());
        List<String> leftBehind = SchedulingDriver.texts(SchedulingDriver.MAPPER.readTree(crashed.body()).path("jobIds"));

        List<JsonNode> runs = SchedulingDriver.runsOf(DRIVER.tick(Instant.parse("2028-06-01T00:00:00Z")), "schedules", id);
        assertEquals(1, runs.size());
        assertEquals(leftBehind, SchedulingDriver.texts(runs.get(0).path("jobIds")));
    }

    @Test
    void aDisabledScheduleDoesNotFireUntilItIsEnabled() {
        String id = schedule("{\"expression\": \"rate(1 hour)\", \"startAt\": \"2028-03-01T00:00:00Z\", \"enabled\": false}");
        for (int hour = 0; hour < 4; hour++) {
            assertEquals(List.of(), SchedulingDriver.runsOf(DRIVER.tick(Instant.parse("2028-03-01T00:00:00Z").plus(Duration.ofHours(hour))),
                    "schedules", id));
        }
        assertEquals(0, DRIVER.api.get(DRIVER.schedules() + "/" + id + "/runs", DRIVER.admin).body().path("runs").size());
        ApiClient.Response enabled = DRIVER.api.send("PUT", DRIVER.schedules() + "/" + id, DRIVER.admin,
                "{\"enabled\": true, \"startAt\": \"2028-03-02T00:00:00Z\"}");
        assertEquals(200, enabled.status(), enabled.body().toString());
        assertEquals(1, SchedulingDriver.runsOf(DRIVER.tick(Instant.parse("2028-03-02T00:00:00Z")), "schedules", id).size());
        ApiClient.Response disabled = DRIVER.api.send("PUT", DRIVER.schedules() + "/" + id, DRIVER.admin, "{\"enabled\": false}");
        assertEquals(false, disabled.body().path("enabled").asBoolean());
        assertEquals(List.of(), SchedulingDriver.runsOf(DRIVER.tick(Instant.parse("2028-03-02T01:00:00Z")), "schedules", id));
    }

    @Test
    void aDeletedScheduleIsGoneAndNoLongerFires() {
        String id = schedule("{\"expression\": \"rate(1 day)\", \"startAt\": \"2028-04-01T00:00:00Z\"}");
        assertEquals(204, DRIVER.api.send("DELETE", DRIVER.schedules() + "/" + id, DRIVER.admin, null).status());
        assertEquals(404, DRIVER.api.get(DRIVER.schedules() + "/" + id, DRIVER.admin).status());
        assertEquals(List.of(), SchedulingDriver.runsOf(DRIVER.tick(Instant.parse("2028-04-01T00:00:00Z")), "schedules", id));
    }

    @Test
    void invalidExpressionsUnknownTimeZonesAndBadFieldsAreRejectedAndCreateNothing() {
        String[][] cases = {
                {"{\"expression\": \"cron(0 8 * * * *)\"}", "expression", "exactly one"},
                {"{\"expression\": \"cron(0 8 * *)\"}", "expression", "6 fields"},
                {"{\"expression\": \"cron(0 25 ? * MON-FRI *)\"}", "expression", "Invalid cron"},
                {"{\"expression\": \"rate(5 fortnights)\"}", "expression", "minute(s)"},
                {"{\"expression\": \"every morning\"}", "expression", "EventBridge"},
                {"{\"expression\": \"cron(0 8 ? * MON-FRI *)\", \"timezone\": \"Mars/Olympus_Mons\"}", "timezone", "Unknown time zone"},
                {"{\"timezone\": \"UTC\"}", "expression", "required"},
                {"{\"expression\": \"rate(1 day)\", \"numberOfJobs\": 0}", "numberOfJobs", "1 to"},
                {"{\"expression\": \"rate(1 day)\", \"overrides\": {\"jobTemplateId\": \"x\"}}", "overrides.jobTemplateId", "may set"},
                {"{\"expression\": \"cron(0 0 1 1 ? 2020)\"}", "expression", "no occurrence"},
        };
        for (String[] bad : cases) {
            ApiClient.Response response = DRIVER.api.post(DRIVER.schedules(), DRIVER.admin, bad[0]);
            assertEquals(400, response.status(), bad[0] + " → " + response.body());
            assertEquals("INVALID_ARGUMENT", response.code());
            assertEquals(bad[1], response.body().path("target").asText(), response.body().toString());
            assertTrue(response.body().path("message").asText().contains(bad[2]), response.body().toString());
        }
        assertEquals(400, DRIVER.api.post(DRIVER.schedules(), DRIVER.admin, "not json").status());
        assertEquals(404, DRIVER.api.post(DRIVER.path("/job-templates/nope/schedules"), DRIVER.admin, "{\"expression\": \"rate(1 day)\"}").status());
        assertEquals(0, DRIVER.api.get(DRIVER.schedules(), DRIVER.admin).body().path("schedules").size());
    }

    @Test
    void onlyAdminsChangeSchedulesWhileWorkersMayReadThem() {
        String worker = DRIVER.cloud.token("wendy", List.of("workers"));
        ApiClient.Response denied = DRIVER.api.post(DRIVER.schedules(), worker, "{\"expression\": \"rate(1 day)\"}");
        assertEquals(403, denied.status(), denied.body().toString());
        String id = schedule("{\"expression\": \"rate(1 day)\", \"startAt\": \"2028-05-01T00:00:00Z\"}");
        ApiClient.Response read = DRIVER.api.get(DRIVER.schedules() + "/" + id, worker);
        assertEquals(200, read.status());
        assertEquals("2028-05-01T00:00:00Z", read.body().path("nextRun").asText());
        assertEquals("UTC", read.body().path("timezone").asText());
        assertEquals(1, DRIVER.api.get(DRIVER.schedules(), worker).body().path("schedules").size());
        assertEquals(403, DRIVER.api.send("PUT", DRIVER.schedules() + "/" + id, worker, "{\"enabled\": false}").status());
        assertEquals(403, DRIVER.api.send("DELETE", DRIVER.schedules() + "/" + id, worker, null).status());
    }
}
