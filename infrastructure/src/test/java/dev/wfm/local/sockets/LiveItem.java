package dev.wfm.local.sockets;

import dev.wfm.events.EventConsumer;
import dev.wfm.handlers.Services;
import dev.wfm.local.ApiClient;
import dev.wfm.local.Fixtures;
import dev.wfm.local.LocalCloud;
import dev.wfm.local.TestCloud;
import dev.wfm.local.TestJobs;
import dev.wfm.local.bench.HistoryFeed;
import java.net.URI;
import java.time.Duration;
import java.util.List;

/**
 * A workflow item for the live notification tests: managers (group {@code managers}) manage its
 * jobs, editors work on them; jobs walk the address verification diagram (define, the question
 * review, edit for the group editors, ...). Job events reach the sockets consumer through
 * {@link HistoryFeed}, the stand-in for the event stream, for the jobs {@link #newJob} makes.
 */
final class LiveItem {
    private static HistoryFeed feed;

    final LocalCloud cloud = TestCloud.get();
    final ApiClient api = TestCloud.api();
    final String admin = cloud.adminToken();
    final String itemId;
    final String templateId;

    LiveItem(String name) {
        this(name, "managers");
    }

    /** An item whose managers are the group {@code managers}. */
    LiveItem(String name, String managers) {
        itemId = api.post("/items", admin, "{\"name\": \"" + name + "\", \"roles\": {\"admin\": [\"admins\"], \"manager\": [\""
                + managers + "\"], \"worker\": [\"editors\"]}}").created().path("itemId").asText();
        String diagramId = api.post("/items/" + itemId + "/diagrams", admin, Fixtures.text("diagrams/address-verification.json"))
                .created().path("diagramId").asText();
        templateId = api.post("/items/" + itemId + "/job-templates", admin,
                "{\"name\": \"Verify\", \"diagramId\": \"" + diagramId + "\"}").created().path("jobTemplateId").asText();
    }

    URI endpoint() {
        return cloud.endpoints().websocket();
    }

    String token(String user, String... groups) {
        return cloud.token(user, List.of(groups));
    }

    /** A job at its first step (define), its events fed to the sockets consumer. */
    String newJob() {
        String jobId = TestJobs.started(api, admin, itemId, templateId);
        feed().watch(itemId, jobId);
        return jobId;
    }

    ApiClient.Response act(String jobId, String action) {
        return api.post("/items/" + itemId + "/jobs/" + jobId + "/action", admin, action);
    }

    private static synchronized HistoryFeed feed() {
        if (feed == null) {
            EventConsumer sockets = Services.get().eventConsumers.stream().filter(consumer -> consumer.name().equals("sockets"))
                    .findFirst().orElseThrow();
            feed = new HistoryFeed(TestCloud.get().endpoints().dynamodb(), sockets, Duration.ofMillis(20));
        }
        return feed;
    }
}
