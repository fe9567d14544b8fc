package dev.wfm.local.sockets;

import static dev.wfm.local.sockets.SocketClient.msgType;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.wfm.events.EventConsumer;
import dev.wfm.events.StreamedEvent;
import dev.wfm.handlers.Services;
import dev.wfm.jobs.events.JobEvent;
import dev.wfm.local.Await;
import dev.wfm.local.SchedulerTicks;
import dev.wfm.local.TestTable;
import dev.wfm.local.lambda.CallCounts;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** A client connected with a token follows jobs, and "my work", as they are walked over HTTP. */
class LiveNotificationsTest {
    private static final Duration BOUND = Duration.ofSeconds(30);

    private final LiveItem item = new LiveItem("Live notifications");

    @Test
    void aSubscriberReceivesTheMessagesOfAJobWalkedOverHttpInOrder() {
        String jobId = item.newJob();
        try (SocketClient client = SocketClient.connect(item.endpoint(), item.itemId, item.token("mia", "managers"))) {
            client.send("{\"action\": \"subscribe\", \"jobIds\": [\"" + jobId + "\"]}");
            JsonNode subscribed = client.await(msgType("Subscribed"), BOUND, "the subscription's answer");
            assertEquals(jobId, subscribed.path("message").path("jobIds").path(0).asText());

            item.act(jobId, "{\"type\": \"Finish\", \"stepIds\": [\"define\"], \"comment\": \"located\"}");
            JsonNode finished = client.await(msgType("StepFinished", "define"), BOUND, "StepFinished of define");
            JsonNode question = client.await(msgType("StepInfoRequired", "review"), BOUND, "the question review, after define finished");

            assertEquals(jobId, finished.path("message").path("jobId").asText());
            assertEquals(item.itemId, finished.path("message").path("itemId").asText());
            assertEquals("admin", finished.path("message").path("user").asText());
            assertEquals("located", finished.path("message").path("comment").asText());
            assertTrue(finished.path("eventId").asText().startsWith(jobId + "/"), "each message names its event: " + finished);
            assertEquals("Approve?", question.path("message").path("question").asText());
            assertEquals(List.of("yes", "no"), question.path("message").path("answers").findValuesAsText("value"));

            item.api.post("/items/" + item.itemId + "/jobs/" + jobId + "/comments", item.admin, "{\"comment\": \"on site Monday\"}").created();
            JsonNode comment = client.await(msgType("JobCommentUpdated"), BOUND, "the comment");
            assertEquals("on site Monday", comment.path("message").path("comment").asText());

            item.act(jobId, "{\"type\": \"Hold\", \"stepIds\": [\"review\"], \"comment\": \"waiting\"}");
            client.await(msgType("StepHeld", "review"), BOUND, "the hold");
            item.act(jobId, "{\"type\": \"ReleaseHold\", \"stepIds\": [\"review\"]}");
            client.await(msgType("StepHoldReleased", "review"), BOUND, "the hold's release");
            item.api.post("/items/" + item.itemId + "/jobs/close", item.admin, "{\"jobIds\": [\"" + jobId + "\"]}");
            client.await(msgType("JobClosed"), BOUND, "the job closed");
        }
    }

    @Test
    void aSubscriberWithoutAccessToTheItemCannotFollowItsJobs() {
        LiveItem other = new LiveItem("Someone else's", "outsiders");
        String jobId = item.newJob();
        String olga = other.token("olga", "outsiders");
        try (SocketClient outsider = SocketClient.connect(other.endpoint(), other.itemId, olga);
             SocketClient member = SocketClient.connect(item.endpoint(), item.itemId, item.token("mia", "managers"))) {
            outsider.send("{\"action\": \"subscribe\", \"jobIds\": [\"" + jobId + "\"]}");
            JsonNode refused = outsider.await(msgType("Error"), BOUND, "the refused subscription");
            assertEquals("NOT_FOUND", refused.path("message").path("code").asText());
            assertEquals("subscribe", refused.path("message").path("action").asText());

            member.send("{\"action\": \"subscribe\", \"jobIds\": [\"" + jobId + "\"]}");
            member.await(msgType("Subscribed"), BOUND, "the member's subscription");
            item.act(jobId, "{\"type\": \"Finish\", \"stepIds\": [\"define\"]}");
            member.await(msgType("StepInfoRequired", "review"), BOUND, "the member's messages");
            assertEquals(List.of(), outsider.drain(Duration.ofMillis(500)), "the outsider got nothing of the job");
        }
        assertEquals(404, SocketClient.refusal(item.endpoint(), item.itemId, olga), "olga cannot connect to an item she has no role in");
    }

    @Test
    void myWorkReceivesAStepThatBecomesCurrentForTheUsersGroup() {
        String jobId = item.newJob();
        try (SocketClient eddie = SocketClient.connect(item.endpoint(), item.itemId, item.token("eddie", "editors"))) {
            eddie.send("{\"action\": \"subscribe\", \"queue\": \"mine\"}");
            assertEquals("mine", eddie.await(msgType("Subscribed"), BOUND, "the subscription").path("message").path("queue").asText());
            item.act(jobId, "{\"type\": \"Finish\", \"stepIds\": [\"define\"]}");
            Await.until(() -> item.act(jobId, "{\"type\": \"Finish\", \"stepIds\": [\"review\"], \"returnCode\": \"yes\"}").status() == 200,
                    30_000, "review to be current and finished");
            JsonNode edit = eddie.await(msgType("StepBecameCurrent"), BOUND, "edit, assigned to editors, becoming current");
            assertEquals("edit", edit.path("message").path("stepIds").path(0).asText(),
                    "the first of eddie's work is edit: define and review are nobody's in particular");
            assertEquals(jobId, edit.path("message").path("jobId").asText());
        }
    }

    @Test
    void jobsCreatedTogetherAreReadTogetherToPushTheirEventsNotOneByOne() {
        int count = 20;
        try (SocketClient eddie = SocketClient.connect(item.endpoint(), item.itemId, item.token("eddie", "editors"))) {
            eddie.send("{\"action\": \"subscribe\", \"queue\": \"mine\"}");
            eddie.await(msgType("Subscribed"), BOUND, "the subscription");
            Map<String, Long> before = CallCounts.snapshot();

            Set<String> jobIds = new HashSet<>();
            item.api.post("/items/" + item.itemId + "/jobs", item.admin, "{\"jobTemplateId\": \"" + item.templateId
                    + "\", \"numberOfJobs\": " + count + ", \"assignedType\": \"Group\", \"assignedTo\": \"editors\"}")
                    .created().path("jobIds").forEach(id -> jobIds.add(id.asText()));
            Set<String> pushed = new HashSet<>();
            for (int i = 0; i < count; i++) {
                pushed.add(eddie.await(msgType("StepBecameCurrent", "define"), BOUND, "define of each job, the editors' work")
                        .path("message").path("jobId").asText());
            }
            Map<String, Long> after = CallCounts.snapshot();

            assertEquals(jobIds, pushed);
            long jobReads = delta(before, after, "EventFanOutFunction DynamoDb.GetItem");
            assertTrue(delta(before, after, "EventFanOutFunction DynamoDb.BatchGetItem") >= 1, "the jobs are read with BatchGetItem: " + after);
            assertTrue(jobReads < count, "fewer single reads than jobs (the item's, once a batch): " + jobReads);
        }
    }

    @Test
    void theEventsOfAnItemNobodyIsConnectedToCostOneReadNotItsJobsAndTheirSubscribers() {
        String jobId = item.newJob();
        EventConsumer push = Services.get().eventConsumers.stream().filter(consumer -> consumer.name().equals("sockets")).findFirst()
                .orElseThrow();
        List<StreamedEvent> events = List.of(new StreamedEvent(jobId + "/1/1", item.itemId, jobId,
                new JobEvent.StepBecameCurrent("define", "system", Instant.now())));

        Map<String, Long> before = CallCounts.snapshot();
        push.consume(events);
        Map<String, Long> alone = CallCounts.snapshot();
        assertEquals(1, delta(before, alone, "(other threads) DynamoDb.GetItem"), "the end of the item's connections, read once: " + alone);
        assertEquals(0, delta(before, alone, "(other threads) DynamoDb.Query") + delta(before, alone, "(other threads) DynamoDb.BatchGetItem"),
                "neither the job nor its subscribers are read: " + alone);

        try (SocketClient client = SocketClient.connect(item.endpoint(), item.itemId, item.token("mia", "managers"))) {
            Map<String, Long> connected = CallCounts.snapshot();
            push.consume(events);
            Map<String, Long> after = CallCounts.snapshot();
            assertTrue(delta(connected, after, "(other threads) DynamoDb.Query") >= 1,
                    "once someone is connected to the item, the job's subscribers are read: " + after);
        }

        TestTable.delete("ITEM#" + item.itemId, "SOCKETS");
        Map<String, Long> unknown = CallCounts.snapshot();
        push.consume(events);
        assertTrue(delta(unknown, CallCounts.snapshot(), "(other threads) DynamoDb.Query") >= 1,
                "an item made before the end of its connections was kept may have some open: its subscribers are read");
    }

    private static long delta(Map<String, Long> before, Map<String, Long> after, String key) {
        return after.getOrDefault(key, 0L) - before.getOrDefault(key, 0L);
    }

    @Test
    void aJobThatBecomesOverdueIsPushedAsJobOverdueWithItsDueDate() {
        Instant due = Instant.now().minus(Duration.ofHours(1)).truncatedTo(ChronoUnit.SECONDS);
        String jobId = item.api.post("/items/" + item.itemId + "/jobs", item.admin, "{\"jobTemplateId\": \"" + item.templateId
                + "\", \"dueDate\": \"" + due + "\"}").created().path("jobIds").path(0).asText();
        try (SocketClient client = SocketClient.connect(item.endpoint(), item.itemId, item.token("mia", "managers"))) {
            client.send("{\"action\": \"subscribe\", \"jobIds\": [\"" + jobId + "\"]}");
            client.await(msgType("Subscribed"), BOUND, "the subscription's answer");

            SchedulerTicks.tick(Instant.now());

            JsonNode overdue = client.await(msgType("JobOverdue"), BOUND, "the job overdue");
            assertEquals(jobId, overdue.path("message").path("jobId").asText());
            assertEquals(due.toString(), overdue.path("message").path("dueDate").asText());
        }
    }
}
