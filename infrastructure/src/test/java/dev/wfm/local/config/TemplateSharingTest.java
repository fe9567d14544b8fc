package dev.wfm.local.config;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.databind.JsonNode;
import dev.wfm.local.ApiClient;
import dev.wfm.local.Fixtures;
import dev.wfm.local.LocalCloud;
import dev.wfm.local.TestCloud;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * A job template shared with some groups: their workers see it and create jobs from it, other
 * workers do not see it; managers and admins always do.
 */
class TemplateSharingTest {
    private final LocalCloud cloud = TestCloud.get();
    private final ApiClient api = TestCloud.api();
    private final String admin = cloud.adminToken();

    @Test
    void onlyTheGroupsATemplateIsSharedWithSeeAndUseItAmongWorkers() {
        String itemId = api.post("/items", admin, "{\"name\": \"Sharing\", \"roles\": {\"admin\": [\"admins\"], \"manager\": [\"managers\"], "
                + "\"worker\": [\"surveyors\", \"editors\"]}}").created().path("itemId").asText();
        String items = "/items/" + itemId;
        String diagramId = api.post(items + "/diagrams", admin, Fixtures.text("diagrams/address-verification.json")).created()
                .path("diagramId").asText();
        String survey = api.post(items + "/job-templates", admin, "{\"name\": \"Survey\", \"diagramId\": \"" + diagramId
                + "\", \"sharedWith\": [\"surveyors\"]}").created().path("jobTemplateId").asText();
        String open = api.post(items + "/job-templates", admin, "{\"name\": \"Open\", \"diagramId\": \"" + diagramId + "\"}").created()
                .path("jobTemplateId").asText();
        String surveyor = cloud.token("sue", List.of("surveyors"));
        String editor = cloud.token("eddie", List.of("editors"));
        String manager = cloud.token("mia", List.of("managers"));

        assertEquals(List.of("Open", "Survey"), names(api.get(items + "/job-templates", surveyor).body()));
        assertEquals(List.of("Open"), names(api.get(items + "/job-templates", editor).body()), "not shared with editors");
        assertEquals(List.of("Open", "Survey"), names(api.get(items + "/job-templates", manager).body()));
        assertEquals(404, api.get(items + "/job-templates/" + survey, editor).status());
        assertEquals("surveyors", api.get(items + "/job-templates/" + survey, surveyor).body().path("sharedWith").get(0).asText());

        ApiClient.Response refused = api.post(items + "/jobs", editor, "{\"jobTemplateId\": \"" + survey + "\"}");
        assertEquals(400, refused.status(), refused.body().toString());
        assertEquals("jobTemplateId", refused.body().path("target").asText());
        assertEquals(api.post(items + "/jobs", editor, "{\"jobTemplateId\": \"no-such-template\"}").body().path("message").asText()
                .replace("no-such-template", survey), refused.body().path("message").asText(), "as if it did not exist");
        assertEquals(201, api.post(items + "/jobs", surveyor, "{\"jobTemplateId\": \"" + survey + "\"}").status());
        assertEquals(201, api.post(items + "/jobs", manager, "{\"jobTemplateId\": \"" + survey + "\"}").status());
        assertEquals(403, api.post(items + "/jobs", editor, "{\"jobTemplateId\": \"" + open + "\"}").status(),
                "a template shared with nobody in particular is for managers to create jobs from");

        ApiClient.Response badGroup = api.post(items + "/job-templates", admin, "{\"name\": \"Bad\", \"diagramId\": \"" + diagramId
                + "\", \"sharedWith\": [\"a b\"]}");
        assertEquals("sharedWith[0]", badGroup.body().path("target").asText(), badGroup.body().toString());
    }

    private static List<String> names(JsonNode listed) {
        List<String> names = new ArrayList<>();
        listed.path("jobTemplates").forEach(template -> names.add(template.path("name").asText()));
        names.sort(null);
        return names;
    }
}
