package dev.wfm.local.jobs;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.wfm.local.ApiClient;
import dev.wfm.local.Await;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Predicate;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * GET /items/{itemId}/work over the api.md example, its template assigned to wendy: define and
 * review are hers, edit is the editors' (eddie is one), and each step leaves her work or theirs as
 * the job moves on.
 */
class MyWorkTest {
    private final JobsDriver driver = new JobsDriver();
    private final String wendy = driver.cloud.token("wendy", List.of("workers"));
    private final String eddie = driver.cloud.token("eddie", List.of("editors"));
    private NotifyServer notify;
    private String templateId;

    @BeforeEach
    void diagramAndTemplate() throws Exception {
        notify = new NotifyServer();
        templateId = driver.template(driver.diagram(JobsDriver.exampleDiagram(notify.url())),
                ", \"assignedType\": \"User\", \"assignedTo\": \"wendy\", \"priority\": \"High\", \"dueDays\": 5");
    }

    @AfterEach
    void stopServer() {
        notify.close();
    }

    @Test
    void aGroupsStepIsInItsMembersWorkUntilFinishedThenTheNextStepIsInItsAssigneesWork() {
        String jobId = driver.job(templateId);
        driver.awaitCurrent(jobId, "define");
        JsonNode define = awaitWork(wendy, work -> steps(work, jobId).equals(List.of("define"))).path(0);
        assertEquals("User", define.path("assignedType").asText());
        assertEquals("wendy", define.path("assignedTo").asText());
        assertEquals("Define location", define.path("stepName").asText());
        assertEquals("High", define.path("priority").asText());
        assertEquals("Ready", define.path("status").asText());
        assertTrue(define.path("dueDate").isTextual(), define.toString());
        assertFalse(define.path("overdue").asBoolean());
        assertFalse(define.path("held").asBoolean());
        assertEquals(driver.get(jobId).path("jobName").asText(), define.path("jobName").asText());
        assertEquals(List.of(), steps(work(eddie), jobId), "define is wendy's, not the editors'");

        driver.finishOk(jobId, "define", null);
        driver.awaitCurrent(jobId, "review");
        awaitWork(wendy, work -> steps(work, jobId).equals(List.of("review")));
        driver.finishOk(jobId, "review", "yes");
        driver.awaitCurrent(jobId, "edit");

        JsonNode edit = awaitWork(eddie, work -> steps(work, jobId).equals(List.of("edit"))).path(0);
        assertEquals("Group", edit.path("assignedType").asText());
        assertEquals("editors", edit.path("assignedTo").asText());
        assertEquals(List.of(), steps(work(wendy), jobId), "edit is the editors' step, and wendy is not one");
        assertEquals(List.of(), steps(work(driver.cloud.token("otis", List.of("workers", "managers"))), jobId));

        driver.finishOk(jobId, "edit", null);
        driver.awaitCurrent(jobId, "qa");
        awaitWork(wendy, work -> steps(work, jobId).equals(List.of("qa")));
        assertEquals(List.of(), steps(work(eddie), jobId), "finished, edit left the editors' work");
    }

    @Test
    void aClaimMovesAGroupsStepFromItsMembersWorkToTheClaimersAndGivingItBackReturnsIt() {
        String edda = driver.cloud.token("edda", List.of("editors"));
        String jobId = driver.job(templateId);
        driver.walkToEdit(jobId);
        awaitWork(edda, work -> steps(work, jobId).equals(List.of("edit")));

        ApiClient.Response claimed = driver.act(jobId, eddie, "{\"type\": \"Claim\", \"stepIds\": [\"edit\"]}");
        assertEquals(200, claimed.status(), claimed.body().toString());
        assertEquals("Ready", claimed.body().path("stepResponses").path(0).path("status").asText());
        JsonNode mine = item(awaitWork(eddie, work -> item(work, jobId, "edit") != null
                && item(work, jobId, "edit").path("assignedType").asText().equals("User")), jobId, "edit");
        assertEquals("eddie", mine.path("assignedTo").asText());
        assertEquals("editors", mine.path("claimedFrom").asText(), "my work says where a claimed step goes back to");
        awaitWork(edda, work -> steps(work, jobId).isEmpty());
        assertEquals("editors", JobsDriver.step(driver.get(jobId), "edit").path("claimedFrom").asText());

        ApiClient.Response notHers = driver.act(jobId, edda, "{\"type\": \"GiveBack\", \"stepIds\": [\"edit\"]}");
        assertEquals(403, notHers.status(), notHers.body().toString());
        assertEquals("NOT_YOUR_CLAIM", notHers.body().path("stepResponses").path(0).path("code").asText());
        ApiClient.Response givenBack = driver.act(jobId, eddie, "{\"type\": \"GiveBack\", \"stepIds\": [\"edit\"]}");
        assertEquals(200, givenBack.status(), givenBack.body().toString());
        awaitWork(edda, work -> steps(work, jobId).equals(List.of("edit")));
        assertTrue(driver.historyActions(jobId).containsAll(List.of("StepClaimed:edit", "StepGivenBack:edit")));
    }

    @Test
    void aHeldStepShowsHeldAndAClosedOrDeletedJobLeavesNoWork() {
        String closing = driver.job(templateId);
        String deleting = driver.job(templateId);
        driver.awaitCurrent(closing, "define");
        driver.awaitCurrent(deleting, "define");
        ApiClient.Response held = driver.act(closing, driver.admin, """
                {"type": "Hold", "stepIds": ["define"], "scheduledRelease": "2099-01-01T08:00:00Z"}""");
        assertEquals(200, held.status(), held.body().toString());

        JsonNode heldWork = awaitWork(wendy, work -> item(work, closing, "define") != null
                && item(work, closing, "define").path("held").asBoolean());
        assertEquals("Held", item(heldWork, closing, "define").path("status").asText());
        assertEquals(1, work(wendy, "?status=Held").size(), "only the held step");

        assertEquals(200, driver.api.post(driver.path("/jobs/close"), driver.admin, "{\"jobIds\": [\"" + closing + "\"]}").status());
        assertEquals(200, driver.api.post(driver.path("/jobs/delete"), driver.admin, "{\"jobIds\": [\"" + deleting + "\"]}").status());

        awaitWork(wendy, work -> steps(work, closing).isEmpty() && steps(work, deleting).isEmpty());
    }

    @Test
    void workPagesInTheOrderAskedAndOutsidersAndBadParametersAreRefused() {
        String first = driver.job(templateId);
        driver.awaitCurrent(first, "define");
        String second = driver.job(templateId);
        driver.awaitCurrent(second, "define");
        awaitWork(wendy, work -> work.size() == 2);

        ApiClient.Response page = driver.api.get(driver.path("/work?limit=1&sort=since&order=desc"), wendy);
        assertEquals(200, page.status(), page.body().toString());
        assertEquals(List.of(second), jobIds(page.body().path("work")));
        String token = page.body().path("nextToken").asText();
        ApiClient.Response next = driver.api.get(driver.path("/work?limit=1&sort=since&order=desc&nextToken=" + token), wendy);
        assertEquals(List.of(first), jobIds(next.body().path("work")));
        assertTrue(next.body().path("nextToken").isMissingNode(), next.body().toString());
        ApiClient.Response otherOrder = driver.api.get(driver.path("/work?limit=1&sort=since&order=asc&nextToken=" + token), wendy);
        assertEquals(400, otherOrder.status(), "a token continues only the query it was answered for: " + otherOrder.body());

        assertEquals(404, driver.api.get(driver.path("/work"), driver.cloud.token("otto", List.of("outsiders"))).status());
        for (String bad : List.of("?sort=name", "?order=up", "?status=Finishing", "?status=Finished", "?limit=0", "?nextToken=xyz", "?assignee=amy")) {
            ApiClient.Response refused = driver.api.get(driver.path("/work" + bad), wendy);
            assertEquals(400, refused.status(), bad + " answered " + refused.body());
            assertEquals("INVALID_ARGUMENT", refused.code());
        }
    }

    private JsonNode work(String token) {
        return work(token, "");
    }

    private JsonNode work(String token, String query) {
        ApiClient.Response response = driver.api.get(driver.path("/work" + query), token);
        assertEquals(200, response.status(), response.body().toString());
        return response.body().path("work");
    }

    /** The caller's work once it matches: the index is written with the job, and read as an index is (eventually). */
    private JsonNode awaitWork(String token, Predicate<JsonNode> condition) {
        JsonNode[] seen = new JsonNode[1];
        Await.until(() -> condition.test(seen[0] = work(token)), 20_000, "the caller's work to match");
        return seen[0];
    }

    private static List<String> steps(JsonNode work, String jobId) {
        List<String> steps = new ArrayList<>();
        work.forEach(item -> {
            if (item.path("jobId").asText().equals(jobId)) {
                steps.add(item.path("stepId").asText());
            }
        });
        return steps;
    }

    private static JsonNode item(JsonNode work, String jobId, String stepId) {
        for (JsonNode item : work) {
            if (item.path("jobId").asText().equals(jobId) && item.path("stepId").asText().equals(stepId)) {
                return item;
            }
        }
        return null;
    }

    private static List<String> jobIds(JsonNode work) {
        List<String> ids = new ArrayList<>();
        work.forEach(item -> ids.add(item.path("jobId").asText()));
        return ids;
    }
}
