package dev.wfm.local.search;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.databind.JsonNode;
import dev.wfm.local.ApiClient;
import dev.wfm.local.Fixtures;
import dev.wfm.local.LocalCloud;
import dev.wfm.local.TestCloud;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;

/** Jobs created and updated through the API are found by their current values, through the indexes. */
class SearchFollowsJobChangesTest {
    private final LocalCloud cloud = TestCloud.get();
    private final ApiClient api = TestCloud.api();
    private final String admin = cloud.adminToken();

    @Test
    void anUpdatedJobMovesFromItsOldAssigneesAndPrioritysResultsToItsNewOnes() {
        String itemId = api.post("/items", admin, "{\"name\": \"Search follows changes\", \"roles\": {\"admin\": [\"admins\"]}}")
                .body().path("itemId").asText();
        String diagramId = api.post("/items/" + itemId + "/diagrams", admin, Fixtures.text("diagrams/address-verification.json")).created()
                .path("diagramId").asText();
        String templateId = api.post("/items/" + itemId + "/job-templates", admin,
                "{\"name\": \"Verify\", \"diagramId\": \"" + diagramId + "\", \"priority\": \"Low\"}").created().path("jobTemplateId").asText();
        JsonNode jobIds = api.post("/items/" + itemId + "/jobs", admin,
                "{\"jobTemplateId\": \"" + templateId + "\", \"numberOfJobs\": 3}").created().path("jobIds");
        String moved = jobIds.path(0).asText();
        awaitFirstStep(itemId, moved);

        assertEquals(Set.of(), found(itemId, "assignedTo = 'amy'"));
        JsonNode job = api.get("/items/" + itemId + "/jobs/" + moved, admin).body();
        ApiClient.Response update = api.send("PUT", "/items/" + itemId + "/jobs/" + moved, admin,
                "{\"revision\": " + job.path("revision").asLong() + ", \"assignedType\": \"User\", \"assignedTo\": \"amy\", \"priority\": \"High\"}");
        assertEquals(200, update.status(), update.body().toString());

        assertEquals(Set.of(moved), found(itemId, "assignedTo = 'amy'"));
        assertEquals(Set.of(moved), found(itemId, "priority = 'High' AND jobTemplateId = '" + templateId + "'"));
        Set<String> others = new TreeSet<>(Set.of(jobIds.path(1).asText(), jobIds.path(2).asText()));
        assertEquals(others, found(itemId, "priority = 'Low'"));
        assertEquals(others, found(itemId, "priority IN ('Low', 'Medium') AND closed = 0"));
    }

    /** The execution makes the first step current asynchronously (a new revision): update after that. */
    private void awaitFirstStep(String itemId, String jobId) {
        long deadline = System.currentTimeMillis() + 20_000;
        while (api.get("/items/" + itemId + "/jobs/" + jobId, admin).body().path("currentSteps").isEmpty()
                && System.currentTimeMillis() < deadline) {
            try {
                Thread.sleep(50);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException(e);
            }
        }
    }


    private Set<String> found(String itemId, String q) {
        ApiClient.Response response = api.post("/items/" + itemId + "/jobs/search", admin,
                "{\"q\": \"" + q + "\", \"fields\": [\"jobId\"], \"explain\": true}");
        assertEquals(200, response.status(), response.body().toString());
        Set<String> ids = new TreeSet<>();
        response.body().path("results").forEach(row -> ids.add(row.path("jobId").asText()));
        return ids;
    }
}
