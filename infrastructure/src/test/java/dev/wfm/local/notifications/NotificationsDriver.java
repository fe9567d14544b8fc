package dev.wfm.local.notifications;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.wfm.events.EventConsumer;
import dev.wfm.events.StreamedEvent;
import dev.wfm.handlers.Services;
import dev.wfm.local.ApiClient;
import dev.wfm.local.Await;
import dev.wfm.local.LocalCloud;
import dev.wfm.local.SchedulerTicks;
import dev.wfm.local.TestCloud;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Instant;
import java.util.List;
import java.util.function.Predicate;

/**
 * Drives notification rules through the local cloud: rules and jobs over HTTP, events handed to
 * the "rules" consumer again as a retrying stream hands them (see {@link HistoryFeed}),
 * scheduler ticks at times the test picks, and the emails the local SES kept.
 */
final class NotificationsDriver {
    static final ObjectMapper MAPPER = new ObjectMapper();
    static final String DIAGRAM = """
            {"name": "Review", "steps": [{"id": "review", "name": "Review", "type": "manual"},
             {"id": "done", "name": "Done", "type": "end"}], "paths": [{"from": "review", "to": "done"}], "start": "review"}""";

    final LocalCloud cloud = TestCloud.get();
    final ApiClient api = TestCloud.api();
    final String admin = cloud.adminToken();
    final String manager = cloud.token("mia", List.of("managers"));
    final String worker = cloud.token("wes", List.of("workers"));
    final String itemId;
    final String templateId;

    NotificationsDriver(String name) {
        itemId = api.post("/items", admin, "{\"name\": \"" + name + "\", \"roles\": {\"admin\": [\"admins\"], \"manager\": [\"managers\"], "
                + "\"worker\": [\"workers\"]}}").created().path("itemId").asText();
        String diagramId = api.post(path("/diagrams"), admin, DIAGRAM).created().path("diagramId").asText();
        templateId = api.post(path("/job-templates"), admin, "{\"name\": \"Review request\", \"diagramId\": \"" + diagramId + "\"}")
                .created().path("jobTemplateId").asText();
    }

    String path(String suffix) {
        return "/items/" + itemId + suffix;
    }

    String rule(String json) {
        return api.post(path("/notifications"), admin, json).created().path("ruleId").asText();
    }

    /** A job named {@code jobName} walked to its end: created, its review finished with {@code returnCode}; its events. */
    List<StreamedEvent> walkedJob(String jobName, String returnCode) {
        String jobId = api.post(path("/jobs"), admin, "{\"jobTemplateId\": \"" + templateId + "\", \"jobName\": \"" + jobName + "\"}")
                .created().path("jobIds").path(0).asText();
        Await.until(() -> api.get(path("/jobs/" + jobId), admin).body().path("currentSteps").size() == 1, 20_000, "job " + jobId + " at review");
        ApiClient.Response finished = api.post(path("/jobs/" + jobId + "/action"), admin,
                "{\"type\": \"Finish\", \"stepIds\": [\"review\"], \"returnCode\": \"" + returnCode + "\"}");
        assertEquals(200, finished.status(), finished.body().toString());
        Await.until(() -> api.get(path("/jobs/" + jobId), admin).body().path("closed").asBoolean(), 20_000, "job " + jobId + " closed");
        return HistoryFeed.events(itemId, jobId);
    }

    /** The consumer the event stream hands batches to, as the functions register it. */
    static EventConsumer rules() {
        return Services.get().eventConsumers.stream().filter(consumer -> consumer.name().equals("rules")).findFirst().orElseThrow();
    }

    JsonNode deliveries(String ruleId) {
        ApiClient.Response log = api.get(path("/notifications/" + ruleId + "/deliveries"), admin);
        assertEquals(200, log.status(), log.body().toString());
        return log.body().path("deliveries");
    }

    /**
     * The rule's delivery log once the table's stream has delivered {@code count} of its deliveries
     * and each is as {@code settled} wants it (newest first).
     */
    JsonNode awaitDeliveries(String ruleId, int count, Predicate<JsonNode> settled) {
        Await.until(() -> {
            JsonNode log = deliveries(ruleId);
            if (log.size() != count) {
                return false;
            }
            for (JsonNode delivery : log) {
                if (!settled.test(delivery)) {
                    return false;
                }
            }
            return true;
        }, 30_000, count + " settled deliveries of rule " + ruleId);
        return deliveries(ruleId);
    }

    static Predicate<JsonNode> status(String status) {
        return delivery -> delivery.path("status").asText().equals(status);
    }

    /** One scheduler tick at {@code time}: its summary. */
    JsonNode tick(Instant time) {
        return SchedulerTicks.tick(time);
    }

    /** The emails the local SES kept, oldest first. */
    JsonNode emails() {
        try {
            HttpResponse<String> response = HttpClient.newHttpClient().send(
                    HttpRequest.newBuilder(URI.create(cloud.endpoints().ses() + "/_aws/ses")).build(), HttpResponse.BodyHandlers.ofString());
            assertEquals(200, response.statusCode(), response.body());
            return MAPPER.readTree(response.body()).path("messages");
        } catch (Exception e) {
            throw new IllegalStateException("The local SES did not list its emails", e);
        }
    }
}
