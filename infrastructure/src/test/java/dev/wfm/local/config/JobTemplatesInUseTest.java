package dev.wfm.local.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.wfm.local.ApiClient;
import dev.wfm.local.Fixtures;
import dev.wfm.local.LocalCloud;
import dev.wfm.local.TestCloud;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** A job template that something would create jobs from is not deleted from under it. */
class JobTemplatesInUseTest {
    private final LocalCloud cloud = TestCloud.get();
    private final ApiClient api = TestCloud.api();
    private final String admin = cloud.adminToken();
    private String itemId;
    private String template;

    @BeforeEach
    void itemWithATemplate() {
        itemId = api.post("/items", admin, "{\"name\": \"Templates in use\", \"roles\": {\"admin\": [\"admins\"]}}").body().path("itemId").asText();
        String diagramId = api.post(path("/diagrams"), admin, Fixtures.text("diagrams/address-verification.json")).created()
                .path("diagramId").asText();
        template = api.post(path("/job-templates"), admin, "{\"name\": \"Survey\", \"diagramId\": \"" + diagramId + "\"}").created()
                .path("jobTemplateId").asText();
    }

    @Test
    void aTemplateThatAnOldDiagramVersionAScheduleATaskOrAWebhookNamesIsNotDeletedAndTheRefusalNamesThem() {
        String parent = api.post(path("/diagrams"), admin, spawning(template)).created().path("diagramId").asText();
        ApiClient.Response v2 = api.send("PUT", path("/diagrams/" + parent), admin, Fixtures.text("diagrams/address-verification.json"));
        assertEquals(200, v2.status(), v2.body().toString());
        String schedule = api.post(path("/job-templates/" + template + "/schedules"), admin,
                "{\"expression\": \"rate(1 day)\", \"enabled\": false}").created().path("scheduleId").asText();
        String task = api.post(path("/tasks"), admin, "{\"title\": \"Weekly surveys\", \"expression\": \"rate(7 days)\", \"enabled\": false, "
                + "\"action\": \"createJobs\", \"parameters\": {\"jobTemplateId\": \"" + template + "\"}}").created().path("taskId").asText();
        String webhook = api.post(path("/webhooks"), admin, "{\"name\": \"Form\", \"jobTemplateId\": \"" + template
                + "\", \"kind\": \"generic\", \"security\": \"secret\"}").created().path("webhookId").asText();

        ApiClient.Response refused = api.send("DELETE", path("/job-templates/" + template), admin, null);

        assertEquals(409, refused.status(), refused.body().toString());
        assertEquals(List.of("CONFLICT", "jobTemplateId"), List.of(refused.code(), refused.body().path("target").asText()));
        assertEquals(List.of(parent, schedule, task, webhook), targets(refused), refused.body().toString());
        assertEquals("Expected job template 'Survey' to be unused before it is deleted, but createJob step 'spawn' of diagram "
                + "'Parent' version 1, schedule '" + schedule + "', task 'Weekly surveys' and 1 more name it. Change or delete those first.",
                refused.body().path("message").asText());
        assertEquals("webhook 'Form' names job template 'Survey'", refused.body().path("details").path(3).path("message").asText());
        assertEquals(200, api.get(path("/job-templates/" + template), admin).status(), "nothing deleted");

        for (String user : List.of("/job-templates/" + template + "/schedules/" + schedule, "/tasks/" + task, "/webhooks/" + webhook)) {
            assertEquals(204, api.send("DELETE", path(user), admin, null).status(), user);
        }
        ApiClient.Response byTheOldVersion = api.send("DELETE", path("/job-templates/" + template), admin, null);
        assertEquals(List.of(parent), targets(byTheOldVersion), "old versions are still walked by jobs: " + byTheOldVersion.body());
        assertEquals(204, api.send("DELETE", path("/diagrams/" + parent), admin, null).status());
        assertEquals(204, api.send("DELETE", path("/job-templates/" + template), admin, null).status());
    }

    /** A diagram whose createJob step spawns a job of {@code templateId}. */
    private static String spawning(String templateId) {
        return """
                {"name": "Parent", "start": "spawn",
                 "steps": [{"id": "spawn", "name": "Spawn", "type": "createJob", "jobTemplateId": "%s"},
                           {"id": "end", "name": "End", "type": "end"}],
                 "paths": [{"from": "spawn", "to": "end"}]}""".formatted(templateId);
    }

    private static List<String> targets(ApiClient.Response response) {
        List<String> targets = new ArrayList<>();
        response.body().path("details").forEach(detail -> targets.add(detail.path("target").asText()));
        assertTrue(response.body().path("details").findValuesAsText("code").stream().allMatch("TEMPLATE_IN_USE"::equals), response.body().toString());
        return targets;
    }

    private String path(String suffix) {
        return "/items/" + itemId + suffix;
    }
}
