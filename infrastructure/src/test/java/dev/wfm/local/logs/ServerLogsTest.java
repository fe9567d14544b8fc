package dev.wfm.local.logs;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.wfm.local.ApiClient;
import dev.wfm.local.Await;
import dev.wfm.local.LocalCloud;
import dev.wfm.local.TestCloud;
import dev.wfm.local.template.SamTemplate;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Predicate;
import org.junit.jupiter.api.Test;

/**
 * GET /logs through the local cloud: the functions' lines as Lambda sends them to CloudWatch Logs,
 * read back with the SDK's CloudWatchLogsClient from the local CloudWatch Logs, by level, request
 * and page, for system admins only, with nothing secret in them.
 */
class ServerLogsTest {
    private final LocalCloud cloud = TestCloud.get();
    private final ApiClient api = TestCloud.api();
    private final String admin = cloud.adminToken();

    @Test
    void aRequestsAccessLineIsReadBackAndItsRequestIdGivesAllOfItsLines() {
        Instant before = Instant.now().minusSeconds(1);
        String user = "logs-" + System.nanoTime();
        String token = cloud.token(user, List.of("nobody"));
        assertEquals(404, api.get("/items/no-such-item", token).status());

        JsonNode line = awaitLine("?since=" + before + "&limit=1000", event -> user.equals(event.path("user").asText()));
        assertEquals("Request answered", line.path("message").asText(), line.toString());
        assertEquals("GET /items/{itemId}", line.path("route").asText());
        assertEquals(404, line.path("status").asInt());
        assertEquals("NOT_FOUND", line.path("code").asText());
        assertEquals("ConfigApiFunction", line.path("function").asText());
        assertTrue(line.path("logStream").asText().endsWith("/ConfigApiFunction[$LATEST]local"), line.toString());
        String requestId = line.path("requestId").asText();

        JsonNode ofRequest = logs("?since=" + before + "&requestId=" + requestId).body();
        assertFalse(ofRequest.path("events").isEmpty(), ofRequest.toString());
        ofRequest.path("events").forEach(event -> assertEquals(requestId, event.path("requestId").asText(), event.toString()));
        assertFalse(ofRequest.toString().contains(token), "no token in a line");
    }

    @Test
    void aLevelKeepsTheLinesAtItOrAboveAndPagesFollowOneAnother() throws Exception {
        Instant before = Instant.now().minusSeconds(1);
        String batchId = "logs-" + System.nanoTime();
        Path sample = SamTemplate.locate(Path.of("")).getParent().resolve("events/job-batch/batch-chunk.json");
        String chunk = Files.readString(sample).replace("01samplebatch000000000000", batchId);
        cloud.lambdas().invoke("JobBatchFunction", chunk.getBytes(java.nio.charset.StandardCharsets.UTF_8)); // warns: no such batch

        JsonNode warning = awaitLine("?level=WARN&since=" + before + "&limit=1000", event -> batchId.equals(event.path("batchId").asText()));
        assertEquals("JobBatchFunction", warning.path("function").asText(), warning.toString());
        JsonNode warnings = logs("?level=warn&since=" + before + "&limit=1000").body();
        warnings.path("events").forEach(event -> assertTrue(List.of("WARN", "ERROR").contains(event.path("level").asText()), event.toString()));

        JsonNode first = logs("?since=" + before + "&limit=1").body();
        assertEquals(1, first.path("events").size(), first.toString());
        assertTrue(first.has("@nextLink"), "more lines than one were written: " + first);
        URI next = URI.create(first.path("@nextLink").asText());
        JsonNode second = logs("?" + next.getRawQuery()).body();
        assertEquals(1, second.path("events").size(), second.toString());
        assertNotEquals(first.path("events").get(0), second.path("events").get(0), "the next page starts after the first");
    }

    @Test
    void onlySystemAdminsReadTheLogsAndBadQueriesAreRefused() {
        assertEquals(403, api.get("/logs", cloud.token("wendy", List.of("workers"))).status());
        List<String> refused = new ArrayList<>();
        for (String query : List.of("since=yesterday", "until=2026-13-01T00:00:00Z", "level=DEBUG", "requestId=%22%20%7C%7C%20x",
                "limit=0", "limit=1001", "since=2030-01-01T00:00:00Z&until=2029-01-01T00:00:00Z", "nextToken=not-a-token")) {
            ApiClient.Response response = logs("?" + query);
            if (response.status() != 400 || !"INVALID_ARGUMENT".equals(response.code())) {
                refused.add(query + " -> " + response.status() + " " + response.body());
            }
        }
        assertEquals(List.of(), refused);
        assertEquals(List.of(), List.copyOf(logs("?since=2030-01-01T00:00:00Z&until=2030-01-02T00:00:00Z").body().path("events")
                .findValuesAsText("message")), "no lines in a range nothing was written in");
    }

    private ApiClient.Response logs(String query) {
        return api.get("/logs" + query, admin);
    }

    /** The first line the query answers that {@code wanted} picks, once it is there (the line is written as the request ends). */
    private JsonNode awaitLine(String query, Predicate<JsonNode> wanted) {
        JsonNode[] found = new JsonNode[1];
        Await.until(() -> {
            ApiClient.Response response = logs(query);
            assertEquals(200, response.status(), response.body().toString());
            for (JsonNode event : response.body().path("events")) {
                if (wanted.test(event)) {
                    found[0] = event;
                    return true;
                }
            }
            return false;
        }, 10_000, "the line in GET /logs" + query);
        return found[0];
    }
}
