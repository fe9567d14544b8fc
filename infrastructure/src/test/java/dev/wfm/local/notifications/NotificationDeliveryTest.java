package dev.wfm.local.notifications;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.wfm.events.EventConsumer;
import dev.wfm.events.StreamedEvent;
import dev.wfm.local.ApiClient;
import dev.wfm.local.Await;
import dev.wfm.local.RecordingServer;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.CompletableFuture;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/**
 * Rules delivered end to end: jobs walked over HTTP, their events delivered by the table's stream
 * and handed to the rules consumer again as a retrying stream does, web requests reaching a receiver on
 * loopback, emails kept by the local SES, retries made by scheduler ticks.
 */
class NotificationDeliveryTest {
    /** An item of its own for each test: the stream delivers every job of an item to every rule of the item. */
    private final NotificationsDriver driver = new NotificationsDriver("Notifications test");
    private final EventConsumer rules = NotificationsDriver.rules();

    @Test
    void aWebRequestRuleReachesItsReceiverOncePerEventEvenWhenTheSameBatchIsHandedOverAgain() throws Exception {
        try (RecordingServer receiver = receiver("127.0.0.1")) {
            String ruleId = driver.rule("{\"name\": \"Tell the hub\", \"on\": [\"jobCreated\", \"stepBecameCurrent\", \"stepFinished\"],"
                    + " \"action\": {\"webRequest\": {\"url\": \"" + receiver.url() + "\", \"headers\": {\"X-Token\": \"t0k3n\"},"
                    + " \"body\": \"{% {'event': $event.type, 'step': $event.stepId, 'job': $job.jobName} %}\"}}}");
            List<StreamedEvent> batch = driver.walkedJob("Hub job", "ok");
            Set<String> matching = batch.stream().filter(event -> Set.of("JobCreated", "StepBecameCurrent", "StepFinished")
                    .contains(event.event().getClass().getSimpleName())).map(StreamedEvent::eventId).collect(Collectors.toSet());
            assertEquals(3, matching.size(), batch.toString());

            // the table's stream delivers the job's events by itself; then the same batch is handed over
            // twice at once, and once more, as a retrying stream does
            Await.until(() -> receiver.received.size() >= 3, 30_000, "the stream to deliver the job's events");
            CompletableFuture<Void> twice = CompletableFuture.runAsync(() -> rules.consume(batch));
            rules.consume(batch);
            twice.join();
            rules.consume(batch);

            assertEquals(3, receiver.received.size(), receiver.received.toString());
            Set<String> keys = receiver.received.stream().map(RecordingServer.Received::idempotencyKey).collect(Collectors.toSet());
            assertEquals(matching.stream().map(eventId -> "notification-" + ruleId + "-" + eventId).collect(Collectors.toSet()), keys);
            Set<String> bodies = receiver.received.stream().map(RecordingServer.Received::body).collect(Collectors.toCollection(TreeSet::new));
            assertEquals(new TreeSet<>(List.of("{\"event\":\"JobCreated\",\"job\":\"Hub job\"}",
                    "{\"event\":\"StepBecameCurrent\",\"step\":\"review\",\"job\":\"Hub job\"}",
                    "{\"event\":\"StepFinished\",\"step\":\"review\",\"job\":\"Hub job\"}")), bodies);
            receiver.received.forEach(call -> {
                assertEquals("POST", call.method());
                assertEquals("application/json", call.header("Content-Type"));
                assertEquals("t0k3n", call.header("X-Token"), "a secret header reaches the receiver in clear");
            });

            JsonNode log = driver.deliveries(ruleId);
            assertEquals(3, log.size(), log.toString());
            for (JsonNode delivery : log) {
                assertEquals("Succeeded", delivery.path("status").asText(), delivery.toString());
                assertEquals(1, delivery.path("attempts").asInt(), delivery.toString());
                assertEquals("POST " + receiver.url(), delivery.path("target").asText());
                assertFalse(delivery.toString().contains("t0k3n") || delivery.toString().contains("Hub job"),
                        "the log shows neither headers nor bodies: " + delivery);
            }
            assertEquals("stepFinished", log.get(0).path("activity").asText(), "newest first");
            assertEquals("jobCreated", log.get(2).path("activity").asText());
        }
    }

    @Test
    void theDeliveryLogPagesNewestFirst() throws Exception {
        try (RecordingServer receiver = receiver("127.0.0.1")) {
            String ruleId = driver.rule("{\"name\": \"Everything\", \"on\": [\"jobCreated\", \"stepBecameCurrent\", \"stepFinished\", "
                    + "\"jobClosed\"], \"action\": {\"webRequest\": {\"url\": \"" + receiver.url() + "\"}}}");
            driver.walkedJob("Paged job", "ok");
            List<String> all = new ArrayList<>();
            driver.awaitDeliveries(ruleId, 4, NotificationsDriver.status("Succeeded")).forEach(delivery -> all.add(delivery.path("eventId").asText()));
            assertEquals(4, all.size());

            List<String> paged = new ArrayList<>();
            String next = null;
            do {
                ApiClient.Response page = driver.api.get(driver.path("/notifications/" + ruleId + "/deliveries?limit=3"
                        + (next == null ? "" : "&nextToken=" + next)), driver.admin);
                assertEquals(200, page.status(), page.body().toString());
                page.body().path("deliveries").forEach(delivery -> paged.add(delivery.path("eventId").asText()));
                next = page.body().path("nextToken").asText(null);
            } while (next != null);
            assertEquals(all, paged);
            assertEquals(400, driver.api.get(driver.path("/notifications/" + ruleId + "/deliveries?nextToken=bogus"), driver.admin).status());
        }
    }

    @Test
    void anEmailRulesMessageIsKeptWithItsRenderedSubjectAndRecipients() {
        ApiClient.Response directory = driver.api.send("PUT", driver.path("/email-directory"), driver.admin,
                "{\"people\": [{\"user\": \"amy\", \"email\": \"amy@example.org\", \"groups\": [\"editors\"]},"
                        + " {\"user\": \"kim\", \"email\": \"kim@example.org\", \"groups\": [\"editors\", \"qa\"]},"
                        + " {\"user\": \"lee\", \"email\": \"lee@example.org\"}]}");
        assertEquals(200, directory.status(), directory.body().toString());
        String ruleId = driver.rule("{\"name\": \"Mail editors\", \"on\": [\"stepFinished\"], \"action\": {\"email\": {"
                + "\"to\": {\"users\": [\"lee\", \"ops@example.org\"], \"groups\": [\"qa\"], \"expression\": \"{% $job.createdBy = 'admin' ? 'amy' %}\"},"
                + " \"subject\": \"{% 'Job ' & $job.jobName & ': ' & $event.stepId & ' finished (' & $event.returnCode & ')' %}\","
                + " \"body\": \"{% $event.user & ' finished it.' %}\"}}}");
        int before = driver.emails().size();

        List<StreamedEvent> batch = driver.walkedJob("Mailed job", "approved");
        driver.awaitDeliveries(ruleId, 1, NotificationsDriver.status("Succeeded"));
        // handed over again, as a retrying stream does
        rules.consume(batch);
        rules.consume(batch);

        JsonNode emails = driver.emails();
        assertEquals(before + 1, emails.size(), emails.toString());
        JsonNode email = emails.get(emails.size() - 1);
        assertEquals("Job Mailed job: review finished (approved)", email.path("subject").asText());
        assertEquals("admin finished it.", email.path("text").asText());
        assertEquals("[\"lee@example.org\",\"ops@example.org\",\"amy@example.org\",\"kim@example.org\"]", email.path("to").toString());
        assertEquals("workflow@localhost.localdomain", email.path("from").asText());
        JsonNode delivery = driver.deliveries(ruleId).get(0);
        assertEquals("Succeeded", delivery.path("status").asText(), delivery.toString());
        assertEquals("email to 4 recipients", delivery.path("target").asText());
        assertFalse(delivery.toString().contains("@"), "the log names no address: " + delivery);
    }

    @Test
    void aFailingTargetIsRetriedWithBackoffThenLoggedAsFailedWithTheError() throws Exception {
        try (RecordingServer receiver = receiver("127.0.0.1")) {
            receiver.status.set(503);
            String ruleId = driver.rule("{\"name\": \"Flaky\", \"on\": [\"stepFinished\"], \"action\": {\"webRequest\": {\"url\": \""
                    + receiver.url() + "\", \"body\": \"{% $event.eventId %}\"}}}");

            driver.walkedJob("Flaky job", "ok");
            driver.awaitDeliveries(ruleId, 1, delivery -> delivery.path("attempts").asInt() == 2);

            assertEquals(2, receiver.received.size(), "one attempt and one a second later, in place");
            JsonNode pending = driver.deliveries(ruleId).get(0);
            String answered = "POST " + receiver.url() + " answered HTTP 503: {\"noted\": true}";
            assertEquals("Pending", pending.path("status").asText(), pending.toString());
            assertEquals(2, pending.path("attempts").asInt());
            assertEquals(answered, pending.path("error").asText());
            assertWait(pending, Duration.ofMinutes(1));

            List<Duration> waits = List.of(Duration.ofMinutes(5), Duration.ofMinutes(30));
            for (int attempt = 3; attempt <= 5; attempt++) {
                // ticks come at whole seconds (EventBridge's event time), the first at or after the attempt's due time
                Instant due = Instant.parse(pending.path("nextAttemptAt").asText()).truncatedTo(ChronoUnit.SECONDS).plusSeconds(1);
                driver.tick(due.minusSeconds(2));
                assertEquals(attempt - 1, receiver.received.size(), "not before it is due");
                driver.tick(due);
                assertEquals(attempt, receiver.received.size(), "attempt " + attempt + " at its time");
                pending = driver.deliveries(ruleId).get(0);
                assertEquals(attempt, pending.path("attempts").asInt(), pending.toString());
                if (attempt < 5) {
                    assertEquals("Pending", pending.path("status").asText(), pending.toString());
                    assertWait(pending, waits.get(attempt - 3));
                }
            }
            assertEquals("Failed", pending.path("status").asText(), pending.toString());
            assertEquals("Gave up after 5 attempts; the last: " + answered, pending.path("error").asText());
            assertFalse(pending.has("nextAttemptAt"), pending.toString());
            driver.tick(Instant.parse(pending.path("lastAttemptAt").asText()).plus(Duration.ofDays(1)));
            assertEquals(5, receiver.received.size(), "a failed delivery is not tried again");
            assertEquals(1, receiver.received.stream().map(RecordingServer.Received::idempotencyKey).distinct().count(),
                    "every attempt carries the same Idempotency-Key");
        }
    }

    @Test
    void aRuleWhoseFilterDoesNotMatchSendsNothingAndOneThatFailsIsLogged() throws Exception {
        try (RecordingServer receiver = receiver("127.0.0.1")) {
            String quiet = driver.rule("{\"name\": \"Only rejections\", \"on\": [\"stepFinished\"], \"filter\": \"{% $event.returnCode = 'rejected' %}\","
                    + " \"action\": {\"webRequest\": {\"url\": \"" + receiver.url() + "\"}}}");
            String broken = driver.rule("{\"name\": \"Odd filter\", \"on\": [\"stepFinished\"], \"filter\": \"{% $job.jobName %}\","
                    + " \"action\": {\"webRequest\": {\"url\": \"" + receiver.url() + "\"}}}");

            driver.walkedJob("Accepted job", "accepted");
            // the stream handed the event to both rules at once: once the broken one is settled, so is the quiet one
            driver.awaitDeliveries(broken, 1, NotificationsDriver.status("Failed"));

            assertEquals(List.of(), receiver.received);
            assertEquals(0, driver.deliveries(quiet).size());
            JsonNode failed = driver.deliveries(broken).get(0);
            assertEquals("Failed", failed.path("status").asText());
            assertEquals("The filter of rule 'Odd filter' gave the text 'Accepted job', not true or false", failed.path("error").asText());
        }
    }

    @Test
    void aRuleCannotReachTheInsideOfTheDeployment() throws Exception {
        try (RecordingServer inside = receiver("127.0.0.2")) {
            String ruleId = driver.rule("{\"name\": \"Inside\", \"on\": [\"jobCreated\"], \"action\": {\"webRequest\": {\"url\": \""
                    + inside.url() + "\"}}}");

            driver.walkedJob("Inside job", "ok");
            driver.awaitDeliveries(ruleId, 1, NotificationsDriver.status("Failed"));

            assertEquals(List.of(), inside.received);
            JsonNode failed = driver.deliveries(ruleId).get(0);
            assertEquals("Failed", failed.path("status").asText(), failed.toString());
            assertEquals(1, failed.path("attempts").asInt(), "a refused address is not tried again");
            assertTrue(failed.path("error").asText().startsWith("POST " + inside.url() + " was not made: 127.0.0.2 is a loopback address"),
                    failed.toString());
        }
    }

    /** A web service for the rules to call, on {@code host}. */
    private static RecordingServer receiver(String host) {
        return new RecordingServer(host, "/hook", "{\"noted\": true}");
    }

    private static void assertWait(JsonNode pending, Duration wait) {
        assertEquals(Instant.parse(pending.path("lastAttemptAt").asText()).plus(wait), Instant.parse(pending.path("nextAttemptAt").asText()),
                pending.toString());
    }
}
