package dev.wfm.local.sockets;

import dev.wfm.local.ApiClient;
import dev.wfm.local.Fixtures;
import dev.wfm.local.LocalCloud;
import dev.wfm.local.TestCloud;
import dev.wfm.local.TestJobs;
import java.net.URI;
import java.util.List;

/**
 * A workflow item for the live notification tests: managers (group {@code managers}) manage its
 * jobs, editors work on them; jobs walk the address verification diagram (define, the question
 * review, edit for the group editors, ...). Job events reach the sockets consumer as they reach it
 * on AWS: through the table's stream and the event fan-out the local cloud runs.
 */
final class LiveItem {
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

    /** A job at its first step (define). */
    String newJob() {
        return TestJobs.started(api, admin, itemId, templateId);
    }

    ApiClient.Response act(String jobId, String action) {
        return api.post("/items/" + itemId + "/jobs/" + jobId + "/action", admin, action);
    }
}
