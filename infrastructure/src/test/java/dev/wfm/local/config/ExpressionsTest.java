package dev.wfm.local.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.wfm.local.ApiClient;
import dev.wfm.local.Fixtures;
import dev.wfm.local.LocalCloud;
import dev.wfm.local.TestCloud;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * JSONata where people write it: tried with POST .../expressions/evaluate before it goes into a
 * diagram, and in a job template's name, description and priority, evaluated as each job is created.
 */
class ExpressionsTest {
    private final LocalCloud cloud = TestCloud.get();
    private final ApiClient api = TestCloud.api();
    private final String admin = cloud.adminToken();
    private String itemId;
    private String diagramId;

    @BeforeEach
    void item() {
        itemId = api.post("/items", admin, "{\"name\": \"Expressions\", \"roles\": {\"admin\": [\"admins\"], \"worker\": [\"workers\"]}}")
                .created().path("itemId").asText();
        api.post(path("/extended-property-tables"), admin, """
                {"name": "permit", "fields": [{"name": "number", "type": "string"}, {"name": "parcels", "type": "integer"}]}""").created();
        diagramId = api.post(path("/diagrams"), admin, Fixtures.text("diagrams/address-verification.json")).created().path("diagramId").asText();
    }

    @Test
    void anExpressionIsTriedWithTheJobAsItsConditionsSeeItAndAnErrorIsShownAtItsPosition() {
        String templateId = template("{\"name\": \"Plain\", \"diagramId\": \"" + diagramId + "\", \"jobName\": \"Verify Elm Street\"}");
        String jobId = api.post(path("/jobs"), admin, "{\"jobTemplateId\": \"" + templateId + "\"}").created().path("jobIds").get(0).asText();
        String worker = cloud.token("wendy", List.of("workers"));

        ApiClient.Response value = api.post(path("/expressions/evaluate"), worker,
                "{\"expression\": \"{% $job.jobName & ': ' & ($returnCode = 'yes' ? 'approved' : 'sent back') %}\", \"jobId\": \"" + jobId
                        + "\", \"returnCode\": \"yes\"}");
        assertEquals(200, value.status(), value.body().toString());
        assertEquals("Verify Elm Street: approved", value.body().path("value").asText());

        ApiClient.Response broken = api.post(path("/expressions/evaluate"), worker, "{\"expression\": \"$job.priority = \"}");
        assertEquals(400, broken.status());
        assertEquals("expression", broken.body().path("target").asText());
        assertEquals("16", broken.body().path("meta").path("position").asText(), broken.body().toString());

        String elsewhere = api.post("/items", admin, "{\"name\": \"Elsewhere\", \"roles\": {\"admin\": [\"admins\"]}}").created().path("itemId").asText();
        assertEquals(404, api.post("/items/" + elsewhere + "/expressions/evaluate", admin,
                "{\"expression\": \"$job\", \"jobId\": \"" + jobId + "\"}").status(), "a job is read only in its own item");
        assertEquals(404, api.post(path("/expressions/evaluate"), cloud.token("olga", List.of("outsiders")), "{\"expression\": \"1\"}").status(),
                "to someone without a role the item does not exist");
    }

    @Test
    void aTemplatesNameDescriptionAndPriorityEmbedExpressionsEvaluatedWithTheNewJob() {
        String templateId = template("{\"name\": \"Permit\", \"diagramId\": \"" + diagramId + "\", \"extendedPropertyTables\": [\"permit\"], "
                + "\"jobName\": \"Inspect {% $job.extendedProperties.permit.number %} ({% $job.createdBy %})\", "
                + "\"description\": \"{% $string($job.extendedProperties.permit.parcels) & ' parcels' %}\", "
                + "\"priority\": \"{% $job.extendedProperties.permit.parcels > 3 ? 'High' : 'Low' %}\"}");
        String permit = "\"extendedProperties\": [{\"identifier\": \"permit.number\", \"value\": \"P-99\"}, "
                + "{\"identifier\": \"permit.parcels\", \"value\": 4}]";

        JsonNode job = created("{\"jobTemplateId\": \"" + templateId + "\", " + permit + "}");
        assertEquals("Inspect P-99 (admin)", job.path("jobName").asText());
        assertEquals("4 parcels", job.path("description").asText());
        assertEquals("High", job.path("priority").asText());

        JsonNode named = created("{\"jobTemplateId\": \"" + templateId + "\", \"jobName\": \"My {% own %} name\", \"priority\": \"Low\", " + permit + "}");
        assertEquals("My {% own %} name", named.path("jobName").asText(), "what a request gives is taken as it is");
        assertEquals("Low", named.path("priority").asText());
    }

    @Test
    void aTemplateExpressionThatDoesNotParseIsRefusedOnSaveAndOneGivingNoPriorityCreatesNoJob() {
        ApiClient.Response broken = api.post(path("/job-templates"), admin, "{\"name\": \"Broken\", \"diagramId\": \"" + diagramId
                + "\", \"jobName\": \"Inspect {% $job. %}\"}");
        assertEquals(400, broken.status(), broken.body().toString());
        assertEquals("jobName", broken.body().path("target").asText());

        String templateId = template("{\"name\": \"Odd\", \"diagramId\": \"" + diagramId + "\", \"priority\": \"{% 'Urgent' %}\"}");
        int before = api.post(path("/jobs/search"), admin, "{}").body().path("total").asInt();
        ApiClient.Response refused = api.post(path("/jobs"), admin, "{\"jobTemplateId\": \"" + templateId + "\"}");
        assertEquals(400, refused.status(), refused.body().toString());
        assertEquals("priority", refused.body().path("target").asText());
        assertTrue(refused.body().path("message").asText().contains("'Urgent'"), refused.body().toString());
        assertEquals(before, api.post(path("/jobs/search"), admin, "{}").body().path("total").asInt());
    }

    private String template(String body) {
        return api.post(path("/job-templates"), admin, body).created().path("jobTemplateId").asText();
    }

    private JsonNode created(String body) {
        String jobId = api.post(path("/jobs"), admin, body).created().path("jobIds").get(0).asText();
        return api.get(path("/jobs/" + jobId), admin).body();
    }

    private String path(String rest) {
        return "/items/" + itemId + rest;
    }
}
