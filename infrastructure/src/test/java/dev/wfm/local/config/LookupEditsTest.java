package dev.wfm.local.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.wfm.local.ApiClient;
import dev.wfm.local.Fixtures;
import dev.wfm.local.LocalCloud;
import dev.wfm.local.TestCloud;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Editing the priorities and statuses lookups never breaks job creation. */
class LookupEditsTest {
    private final LocalCloud cloud = TestCloud.get();
    private final ApiClient api = TestCloud.api();
    private final String admin = cloud.adminToken();
    private String itemId;
    private String diagramId;

    @BeforeEach
    void itemWithADiagram() {
        itemId = api.post("/items", admin, "{\"name\": \"Lookups test\", \"roles\": {\"admin\": [\"admins\"]}}").body().path("itemId").asText();
        diagramId = api.post(path("/diagrams"), admin, Fixtures.text("diagrams/address-verification.json")).created().path("diagramId").asText();
    }

    @Test
    void aValueThatATemplateAScheduleAWebhookOrAnOpenJobUsesCannotBeRemovedAndTheRefusalNamesThem() {
        String template = template(", \"priority\": \"High\"");
        String plain = template("");
        String schedule = api.post(path("/job-templates/" + plain + "/schedules"), admin,
                "{\"expression\": \"rate(1 day)\", \"enabled\": false, \"overrides\": {\"priority\": \"Low\"}}").created().path("scheduleId").asText();
        String webhook = api.post(path("/webhooks"), admin, "{\"name\": \"Form\", \"jobTemplateId\": \"" + plain
                + "\", \"kind\": \"generic\", \"security\": \"secret\", \"mapping\": {\"priority\": \"Critical\"}}").created().path("webhookId").asText();
        String job = api.post(path("/jobs"), admin, "{\"jobTemplateId\": \"" + plain + "\"}").created().path("jobIds").path(0).asText();

        ApiClient.Response refused = api.send("PUT", path("/lookups/priorities"), admin, "{\"values\": [\"P1\"]}");
        assertEquals(409, refused.status(), refused.body().toString());
        assertEquals("CONFLICT", refused.code());
        List<String> users = new ArrayList<>();
        refused.body().path("details").forEach(detail -> users.add(detail.path("target").asText()));
        assertEquals(List.of(template, schedule, webhook, job), users, refused.body().toString());
        assertTrue(refused.body().path("message").asText().contains("job template 'Template"), refused.body().toString());
        assertEquals(List.of("Low", "Medium", "High", "Critical"), values(api.get(path("/lookups/priorities"), admin).body()), "nothing changed");

        ApiClient.Response closed = api.post(path("/jobs/close"), admin, "{\"jobIds\": [\"" + job + "\"]}");
        assertTrue(closed.body().path("success").asBoolean(), closed.body().toString());
        ApiClient.Response keepingUsed = api.send("PUT", path("/lookups/priorities"), admin,
                "{\"values\": [\"Low\", \"High\", \"Critical\", \"P1\"]}");
        assertEquals(200, keepingUsed.status(), "a closed job holds its priority, but does not keep it in the lookup: " + keepingUsed.body());
        assertEquals("Low", keepingUsed.body().path("defaultValue").asText(), "the default 'Medium' went, so the first value is the default");
    }

    @Test
    void aTemplateThatNamesNoPriorityStillCreatesJobsAfterTheDefaultPriorityIsReplaced() {
        String template = template("");
        ApiClient.Response replaced = api.send("PUT", path("/lookups/priorities"), admin, "{\"values\": [\"P1\", \"P2\"]}");
        assertEquals(200, replaced.status(), replaced.body().toString());
        assertEquals("P1", replaced.body().path("defaultValue").asText());
        assertEquals("P1", priorityOfANewJob(template));

        ApiClient.Response chosen = api.send("PUT", path("/lookups/priorities"), admin, "{\"values\": [\"P1\", \"P2\"], \"defaultValue\": \"P2\"}");
        assertEquals(200, chosen.status(), chosen.body().toString());
        assertEquals("P2", priorityOfANewJob(template));
    }

    @Test
    void theDefaultAndClosedValuesMustBeAmongTheValues() {
        assertEquals("defaultValue", refusedAt("priorities", "{\"values\": [\"P1\"], \"defaultValue\": \"P9\"}"));
        assertEquals("closedValue", refusedAt("priorities", "{\"values\": [\"P1\"], \"closedValue\": \"P1\"}"));
        assertEquals("closedValue", refusedAt("jobStatuses", "{\"values\": [\"New\", \"Done\"]}"));
        assertEquals("defaultValue", refusedAt("jobStatuses", "{\"values\": [\"New\", \"Done\"], \"closedValue\": \"Done\", \"defaultValue\": \"Done\"}"));
        ApiClient.Response statuses = api.send("PUT", path("/lookups/jobStatuses"), admin,
                "{\"values\": [\"Open\", \"Done\"], \"closedValue\": \"Done\"}");
        assertEquals(200, statuses.status(), statuses.body().toString());
        assertEquals("Open", statuses.body().path("defaultValue").asText());
        assertEquals("Done", statuses.body().path("closedValue").asText());
    }

    @Test
    void anExportedItemsLookupsKeepTheirDefaultAndClosedValuesInAnotherItem() {
        api.send("PUT", path("/lookups/jobStatuses"), admin, "{\"values\": [\"Open\", \"Working\", \"Done\"], \"closedValue\": \"Done\", \"defaultValue\": \"Working\"}");
        String target = api.post("/items", admin, "{\"name\": \"Copy\"}").body().path("itemId").asText();
        ApiClient.Response imported = api.post("/items/" + target + "/config/import", admin, api.get(path("/config"), admin).body().toString());
        assertEquals(200, imported.status(), imported.body().toString());
        JsonNode statuses = api.get("/items/" + target + "/lookups/jobStatuses", admin).body();
        assertEquals("Done", statuses.path("closedValue").asText(), statuses.toString());
        assertEquals("Working", statuses.path("defaultValue").asText(), statuses.toString());
    }

    @Test
    void aTemplateSavedWhileItsPriorityIsRemovedNeverKeepsARemovedValue() throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(2);
        try {
            for (int round = 0; round < 8; round++) {
                String value = "Rush" + round;
                JsonNode lookup = api.send("PUT", path("/lookups/priorities"), admin, "{\"values\": [\"Low\", \"" + value + "\"]}").body();
                CountDownLatch go = new CountDownLatch(1);
                Future<ApiClient.Response> created = pool.submit(() -> {
                    go.await();
                    return api.post(path("/job-templates"), admin, "{\"name\": \"Racing\", \"diagramId\": \"" + diagramId
                            + "\", \"priority\": \"" + value + "\"}");
                });
                Future<ApiClient.Response> replaced = pool.submit(() -> {
                    go.await();
                    return api.send("PUT", path("/lookups/priorities"), admin, "{\"revision\": " + lookup.path("revision").asLong()
                            + ", \"values\": [\"Low\"]}");
                });
                go.countDown();
                ApiClient.Response template = created.get(60, TimeUnit.SECONDS);
                ApiClient.Response lookupChange = replaced.get(60, TimeUnit.SECONDS);
                assertFalse(template.status() == 201 && lookupChange.status() == 200,
                        "round " + round + ": both the template naming " + value + " and its removal were accepted");
                assertTrue(template.status() == 201 || template.status() == 400 || template.status() == 409, template.toString());
                assertTrue(lookupChange.status() == 200 || lookupChange.status() == 409, lookupChange.toString());
                if (template.status() == 201) {
                    api.send("DELETE", path("/job-templates/" + template.body().path("jobTemplateId").asText()), admin, null);
                }
            }
        } finally {
            pool.shutdownNow();
        }
    }

    private String template(String extraJson) {
        return api.post(path("/job-templates"), admin, "{\"name\": \"Template " + extraJson.length() + "\", \"diagramId\": \"" + diagramId
                + "\"" + extraJson + "}").created().path("jobTemplateId").asText();
    }

    private String priorityOfANewJob(String templateId) {
        ApiClient.Response created = api.post(path("/jobs"), admin, "{\"jobTemplateId\": \"" + templateId + "\"}");
        String jobId = created.created().path("jobIds").path(0).asText();
        return api.get(path("/jobs/" + jobId), admin).body().path("priority").asText();
    }

    private String refusedAt(String lookup, String body) {
        ApiClient.Response refused = api.send("PUT", path("/lookups/" + lookup), admin, body);
        assertEquals(400, refused.status(), refused.body().toString());
        return refused.body().path("target").asText();
    }

    private String path(String suffix) {
        return "/items/" + itemId + suffix;
    }

    private static List<String> values(JsonNode lookup) {
        List<String> values = new ArrayList<>();
        lookup.path("values").forEach(value -> values.add(value.path("value").asText()));
        return values;
    }
}
