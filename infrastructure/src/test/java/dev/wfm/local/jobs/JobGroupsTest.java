package dev.wfm.local.jobs;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** A parent job's group: the children its parallel createJob steps made, counted by status, searchable by parent, closing the parent. */
class JobGroupsTest {
    private final JobsDriver driver = new JobsDriver();

    @Test
    void aParentListsItsChildrenWithTheirCountsFindsThemBySearchAndClosesItselfWhenTheyAreAllClosed() throws Exception {
        String child = driver.template(driver.diagram(JobsDriver.MAPPER.readTree("""
                {"name": "Parcel survey", "start": "do", "steps": [{"id": "do", "name": "Survey", "type": "manual"},
                  {"id": "end", "name": "End", "type": "end"}], "paths": [{"from": "do", "to": "end"}]}""")), "");
        String parentDiagram = driver.diagram(JobsDriver.MAPPER.readTree("""
                {"name": "Subdivision", "start": "plan",
                 "steps": [{"id": "plan", "name": "Plan", "type": "manual"},
                           {"id": "north", "name": "Survey north", "type": "createJob", "jobTemplateId": "%1$s"},
                           {"id": "south", "name": "Survey south", "type": "createJob", "jobTemplateId": "%1$s"},
                           {"id": "review", "name": "Review", "type": "manual"}, {"id": "end", "name": "End", "type": "end"}],
                 "paths": [{"from": "plan", "to": "north"}, {"from": "plan", "to": "south"},
                           {"from": "north", "to": "review"}, {"from": "south", "to": "review"}, {"from": "review", "to": "end"}]}
                """.formatted(child)));
        String closing = driver.template(parentDiagram, ", \"autoClose\": true");
        String staying = driver.template(parentDiagram, "");

        String keptOpen = driver.job(staying);
        List<String> keptOpenChildren = children(keptOpen);
        String parent = driver.job(closing);
        List<String> parentChildren = children(parent);

        JsonNode group = driver.api.get(driver.path("/jobs/" + parent + "/children"), driver.admin).body();
        assertEquals(2, group.path("total").asInt());
        assertEquals(0, group.path("closed").asInt());
        assertEquals(2, group.path("statusCounts").path("New").asInt(), group.toString());
        JsonNode found = driver.api.post(driver.path("/jobs/search"), driver.admin, "{\"q\": \"parentJobId = '" + parent + "'\"}").body();
        assertEquals(2, found.path("total").asInt(), found.toString());
        assertEquals(parent, driver.get(parentChildren.get(0)).path("parentJobId").asText(""), "a child names its parent");

        driver.api.post(driver.path("/jobs/close"), driver.admin, "{\"jobIds\": [\"" + keptOpenChildren.get(0) + "\", \""
                + keptOpenChildren.get(1) + "\"]}");
        driver.api.post(driver.path("/jobs/close"), driver.admin, "{\"jobIds\": [\"" + parentChildren.get(0) + "\"]}");
        JsonNode half = driver.api.get(driver.path("/jobs/" + parent + "/children"), driver.admin).body();
        assertEquals(1, half.path("closed").asInt());
        assertEquals(1, half.path("statusCounts").path("Closed").asInt(), half.toString());
        assertFalse(driver.get(parent).path("closed").asBoolean(), "one child is still open");

        driver.api.post(driver.path("/jobs/close"), driver.admin, "{\"jobIds\": [\"" + parentChildren.get(1) + "\"]}");
        JsonNode closed = driver.awaitClosed(parent);
        assertEquals("system", closed.path("closedBy").asText());
        assertFalse(driver.get(keptOpen).path("closed").asBoolean(), "without autoClose a parent stays open after its children closed");
    }

    /** The ids of the job's two children, once its parallel createJob steps made them. */
    private List<String> children(String parentJobId) {
        driver.awaitCurrent(parentJobId, "plan");
        driver.finishOk(parentJobId, "plan", null);
        driver.awaitCurrent(parentJobId, "review");
        List<String> ids = new ArrayList<>();
        driver.api.get(driver.path("/jobs/" + parentJobId + "/children"), driver.admin).body().path("children")
                .forEach(entry -> ids.add(entry.path("jobId").asText()));
        assertEquals(2, ids.size(), "one child per createJob step");
        return ids;
    }
}
