package dev.wfm.local.api;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.wfm.local.ApiClient;
import dev.wfm.local.Fixtures;
import dev.wfm.local.LocalCloud;
import dev.wfm.local.TestCloud;
import dev.wfm.local.TestJobs;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Every list route pages with ?limit and an @nextLink followed as given; without limit a list answers whole, as it did. */
class PagingTest {
    private final LocalCloud cloud = TestCloud.get();
    private final ApiClient api = TestCloud.api();
    private final String admin = cloud.adminToken();
    private String items;
    private String diagramId;

    @BeforeEach
    void item() {
        items = "/items/" + api.post("/items", admin, "{\"name\": \"Paging\", \"roles\": {\"admin\": [\"admins\"]}}").created()
                .path("itemId").asText();
        diagramId = api.post(items + "/diagrams", admin, Fixtures.text("diagrams/address-verification.json")).created()
                .path("diagramId").asText();
    }

    @Test
    void pagesFollowEachOtherWithoutRepeatsOrGapsWhileEntriesAreAddedAndRemoved() {
        List<String> templates = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
            templates.add(template("T" + i));
        }
        assertEquals(5, api.get(items + "/job-templates", admin).body().path("jobTemplates").size(), "whole without limit");
        assertFalse(api.get(items + "/job-templates", admin).body().has("@nextLink"));

        JsonNode first = api.get(items + "/job-templates?limit=2", admin).body();
        assertEquals(List.of(templates.get(0), templates.get(1)), ids(first.path("jobTemplates"), "jobTemplateId"));
        api.send("DELETE", items + "/job-templates/" + templates.get(1), admin, null); // the page's last entry goes
        String added = template("T5");
        List<String> rest = new ArrayList<>();
        String next = first.path("@nextLink").asText();
        while (!next.isEmpty()) {
            JsonNode page = api.get(next, admin).body();
            assertTrue(page.path("jobTemplates").size() <= 2, page.toString());
            rest.addAll(ids(page.path("jobTemplates"), "jobTemplateId"));
            next = page.path("@nextLink").asText();
        }
        assertEquals(List.of(templates.get(2), templates.get(3), templates.get(4), added), rest);
    }

    @Test
    void aJobsHistoryAndCommentsPageAsValueAndNextLinkWhenAskedAndAnswerTheBareArrayOtherwise() {
        String jobId = TestJobs.started(api, admin, items.substring("/items/".length()), template("History"));
        for (int i = 0; i < 3; i++) {
            api.post(items + "/jobs/" + jobId + "/comments", admin, "{\"comment\": \"note " + i + "\"}").created();
        }
        JsonNode whole = api.get(items + "/jobs/" + jobId + "/history", admin).body();
        assertTrue(whole.isArray() && whole.size() >= 4, whole.toString());

        List<JsonNode> paged = new ArrayList<>();
        String next = items + "/jobs/" + jobId + "/history?limit=2";
        while (!next.isEmpty()) {
            JsonNode page = api.get(next, admin).body();
            page.path("value").forEach(paged::add);
            next = page.path("@nextLink").asText();
        }
        List<JsonNode> all = new ArrayList<>();
        whole.forEach(all::add);
        assertEquals(all, paged, "the pages put together are the whole history");

        JsonNode comments = api.get(items + "/jobs/" + jobId + "/comments?limit=2", admin).body();
        assertEquals(List.of("note 0", "note 1"), ids(comments.path("value"), "comment"));
        JsonNode last = api.get(comments.path("@nextLink").asText(), admin).body();
        assertEquals(List.of("note 2"), ids(last.path("value"), "comment"));
        assertFalse(last.has("@nextLink"), "absent on the last page");
    }

    @Test
    void aLimitOrAnAfterThisApiDidNotAnswerIsRefused() {
        for (String query : List.of("limit=0", "limit=1001", "limit=two", "after=bm9wZQ", "after=%25%25")) {
            ApiClient.Response refused = api.get(items + "/diagrams?" + query, admin);
            assertEquals(400, refused.status(), query + " → " + refused.body());
            assertEquals(query.substring(0, query.indexOf('=')), refused.body().path("target").asText(), query);
        }
        JsonNode versions = api.get(items + "/diagrams/" + diagramId + "/versions?limit=1", admin).body();
        assertEquals(1, versions.path("versions").size());
        assertFalse(versions.has("@nextLink"), "one version, one page");
    }

    private String template(String name) {
        return api.post(items + "/job-templates", admin, "{\"name\": \"" + name + "\", \"diagramId\": \"" + diagramId + "\"}").created()
                .path("jobTemplateId").asText();
    }

    private static List<String> ids(JsonNode entries, String field) {
        List<String> ids = new ArrayList<>();
        entries.forEach(entry -> ids.add(entry.path(field).asText()));
        return ids;
    }
}
