package dev.wfm.local.arcgis;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.wfm.local.ApiClient;
import dev.wfm.local.Await;
import dev.wfm.local.Fixtures;
import dev.wfm.local.LocalCloud;
import dev.wfm.local.TestCloud;
import dev.wfm.local.webhooks.WebhookDriver;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The ArcGIS Workflow Manager-compatible routes, driven as that product's clients drive them: the
 * token as {@code ?token=} (or a header), its request bodies (the examples of its documentation
 * where it gives them), its answer shapes, its error shape; and the same checks as our own routes.
 */
class ArcGisRoutesTest {
    private static final LocalCloud CLOUD = TestCloud.get();
    private static final ApiClient API = TestCloud.api();
    private static final String ADMIN = CLOUD.adminToken();
    private static final String WORKER = CLOUD.token("wanda", List.of("workers"));
    private static final String ITEM_ID = API.post("/items", ADMIN, """
            {"name": "ArcGIS clients", "roles": {"admin": ["admins"], "manager": ["managers"], "worker": ["workers"]}}""")
            .created().path("itemId").asText();
    private static final String DIAGRAM_ID = API.post(ours("/diagrams"), ADMIN, Fixtures.text("diagrams/address-verification.json"))
            .created().path("diagramId").asText();
    private static final String TEMPLATE_ID = template();

    private static String template() {
        API.post(ours("/extended-property-tables"), ADMIN, """
                {"name": "permit", "fields": [{"name": "number", "type": "string"}, {"name": "fee", "type": "double"},
                 {"name": "paid", "type": "boolean"}]}""").created();
        API.post(ours("/extended-property-tables"), ADMIN, """
                {"name": "visits", "relationship": "oneToMany", "fields": [{"name": "note", "type": "string"}]}""").created();
        return API.post(ours("/job-templates"), ADMIN, "{\"name\": \"Verify address\", \"diagramId\": \"" + DIAGRAM_ID
                + "\", \"extendedPropertyTables\": [\"permit\", \"visits\"]}").created().path("jobTemplateId").asText();
    }

    private static String ours(String path) {
        return "/items/" + ITEM_ID + path;
    }

    /** That product's URL of {@code path} with the token as its clients send it, {@code ?token=}. */
    private static String arcgis(String path, String token) {
        String query = "token=" + URLEncoder.encode(token, StandardCharsets.UTF_8);
        return "/workflow/" + ITEM_ID + path + (path.contains("?") ? "&" : "?") + query;
    }

    private static ApiClient.Response post(String path, String token, String body) {
        return API.post(arcgis(path, token), null, body);
    }

    private static List<String> createJobs(int count) {
        ApiClient.Response created = post("/jobTemplates/" + TEMPLATE_ID + "/job", ADMIN, "{\"numberOfJobs\": " + count
                + ", \"jobName\": \"Inspect\", \"priority\": \"High\", \"dueDate\": \"2027-03-01T00:00:00Z\"}");
        assertEquals(200, created.status(), created.body().toString());
        List<String> jobIds = new ArrayList<>();
        created.body().path("jobIds").forEach(id -> jobIds.add(id.asText()));
        jobIds.forEach(jobId -> Await.until(() -> API.get(ours("/jobs/" + jobId), ADMIN).body().path("currentSteps").size() == 1, 20_000,
                "job " + jobId + " started"));
        return jobIds;
    }

    @Test
    void aJobIsCreatedReadUpdatedAndWorkedInThatProductsShapes() {
        ApiClient.Response created = post("/jobTemplates/" + TEMPLATE_ID + "/job", ADMIN, """
                {"numberOfJobs": 1, "jobName": "Permit check", "priority": "High", "dueDate": "2027-03-01T00:00:00Z",
                 "description": "from an ArcGIS client",
                 "extendedProperties": [{"identifier": "permit.number", "value": "P-7"}, {"identifier": "permit.fee", "value": "12.5"}],
                 "location": {"geometryType": "Point", "geometry": "{\\"x\\": -117.1956, \\"y\\": 34.0564, \\"spatialReference\\": {\\"wkid\\": 4326}}"}}""");
        assertEquals(200, created.status(), created.body().toString());
        String jobId = created.body().path("jobIds").path(0).asText();
        assertFalse(created.body().path("autoExecuted").asBoolean());
        Await.until(() -> API.get(ours("/jobs/" + jobId), ADMIN).body().path("currentSteps").size() == 1, 20_000, "job started");

        JsonNode job = API.get(arcgis("/jobs/" + jobId + "?extProps=true&holds=true", ADMIN), null).body();
        assertEquals("Permit check", job.path("jobName").asText(), job.toString());
        assertEquals("Verify address", job.path("jobTemplateName").asText());
        assertEquals("Address verification", job.path("diagramName").asText());
        assertEquals(1, job.path("diagramVersion").asInt());
        assertEquals("High", job.path("priority").asText());
        assertFalse(job.path("closed").asBoolean());
        assertEquals("admin", job.path("createdBy").asText());
        assertTrue(job.path("createdDate").asText().endsWith("Z"));
        assertEquals("define", job.path("currentSteps").path(0).path("stepId").asText());
        assertEquals("Define location", job.path("currentSteps").path(0).path("stepName").asText());
        JsonNode permit = job.path("extendedProperties").path(0);
        assertEquals("permit", permit.path("tableName").asText());
        assertEquals(Map.of("number", "\"P-7\"", "fee", "12.5"), properties(permit.path("properties")), "the fee typed as the double it is");
        assertEquals(0, job.path("holds").size());
        JsonNode location = API.get(ours("/jobs/" + jobId + "/location"), ADMIN).body();
        assertEquals(3857, location.path("spatialReference").path("wkid").asInt(), location.toString());

        ApiClient.Response updated = post("/jobs/" + jobId + "/update", ADMIN, """
                {"jobName": "Permit check (urgent)", "dueDate": "2027-02-01T00:00:00Z",
                 "extendedProperties": [{"identifier": "permit.paid", "value": "true"}],
                 "relatedProperties": {"adds": [{"tableName": "visits", "entries": [{"properties": [{"propertyName": "note", "value": "gate locked"}]}]}]}}""");
        assertEquals(200, updated.status(), updated.body().toString());
        assertTrue(updated.body().path("success").asBoolean());
        job = API.get(arcgis("/jobs/" + jobId + "?extProps=true", ADMIN), null).body();
        assertEquals("Permit check (urgent)", job.path("jobName").asText());
        assertEquals("2027-02-01T00:00:00Z", job.path("dueDate").asText());
        assertEquals("true", properties(job.path("extendedProperties").path(0).path("properties")).get("paid"));
        assertEquals("\"gate locked\"", properties(job.path("relatedProperties").path(0).path("entries").path(0).path("properties")).get("note"));

        ApiClient.Response held = post("/jobs/" + jobId + "/action", ADMIN, "{\"type\": \"Hold\", \"holdScheduledRelease\": \"2030-01-01T00:00:00Z\"}");
        assertEquals(200, held.status(), held.body().toString());
        assertEquals("Success", held.body().path("stepResponses").path(0).path("status").asText(), held.body().toString());
        JsonNode hold = API.get(arcgis("/jobs/" + jobId + "?holds=true", ADMIN), null).body();
        assertEquals("2030-01-01T00:00:00Z", hold.path("holds").path(0).path("scheduledRelease").asText(), hold.toString());
        assertTrue(hold.path("currentSteps").path(0).path("manualHold").asBoolean());
        JsonNode refused = post("/jobs/" + jobId + "/action", ADMIN, "{\"type\": \"Finish\", \"stepIds\": [\"define\"]}").body();
        assertFalse(refused.path("success").asBoolean());
        assertEquals("Held", refused.path("stepResponses").path(0).path("status").asText(), refused.toString());
        assertEquals("Success", post("/jobs/" + jobId + "/action", ADMIN, "{\"type\": \"ReleaseHold\"}").body()
                .path("stepResponses").path(0).path("status").asText());

        JsonNode finished = post("/jobs/" + jobId + "/action", ADMIN, "{\"type\": \"Finish\", \"stepIds\": [\"define\"]}").body();
        assertTrue(finished.path("success").asBoolean(), finished.toString());
        assertEquals("define", finished.path("stepResponses").path(0).path("stepId").asText());
        Await.until(() -> API.get(ours("/jobs/" + jobId), ADMIN).body().path("currentSteps").path(0).path("stepId").asText().equals("review"),
                20_000, "the job moved on to review");
        JsonNode again = post("/jobs/" + jobId + "/action", ADMIN, "{\"type\": \"Finish\", \"stepIds\": [\"define\"]}").body();
        assertEquals("StepNotCurrent", again.path("stepResponses").path(0).path("status").asText(), again.toString());
    }

    private static Map<String, String> properties(JsonNode list) {
        Map<String, String> values = new java.util.TreeMap<>();
        list.forEach(property -> values.put(property.path("propertyName").asText(), property.path("value").toString()));
        return values;
    }

    @Test
    void searchAnswersTypedFieldsAndRowsAndStatisticsCount() {
        List<String> jobIds = createJobs(3);
        // the documentation's examples: q on its own, and a search with a q that goes on from it
        JsonNode found = post("/jobs/search", ADMIN, """
                {"q": "closed=0 AND priority='High' AND jobName='Inspect'", "fields": ["jobId", "jobName", "priority", "dueDate", "closed",
                 "diagramVersion", "createdDate"], "displayNames": ["Id", "Name", "Priority", "Due", "Closed", "Version", "Created"],
                 "sortFields": [{"field": "createdDate", "sortOrder": "Asc"}], "start": 0, "num": 2}""").body();
        assertEquals(List.of("jobId:String", "jobName:String", "priority:String", "dueDate:DateTime", "closed:Boolean", "diagramVersion:Integer",
                "createdDate:DateTime"), fieldTypes(found), found.toString());
        assertEquals("Due", found.path("fields").path(3).path("displayName").asText());
        assertTrue(found.path("total").asInt() >= 3);
        assertEquals(2, found.path("results").size());
        JsonNode row = found.path("results").path(0);
        assertTrue(row.isArray() && row.size() == 7, row.toString());
        assertEquals("Inspect", row.path(1).asText());
        assertEquals("2027-03-01T00:00:00Z", row.path(3).asText());
        assertFalse(row.path(4).asBoolean());
        assertEquals(1, row.path(5).asInt());
        assertEquals(2, found.path("nextStart").asInt());
        int total = found.path("total").asInt();
        JsonNode last = post("/jobs/search", ADMIN, "{\"q\": \"closed=0 AND priority='High' AND jobName='Inspect'\", \"start\": " + (total - 1) + "}").body();
        assertEquals(-1, last.path("nextStart").asInt(), last.toString());
        assertEquals(List.of("jobId:String", "jobName:String", "priority:String", "dueDate:DateTime", "currentStep:String"), fieldTypes(last),
                "the default columns");
        JsonNode combined = post("/jobs/search", ADMIN, "{\"search\": \"" + jobIds.get(0) + "\", \"q\": \"AND priority='High'\"}").body();
        assertEquals(1, combined.path("results").size(), combined.toString());
        assertEquals(jobIds.get(0), combined.path("results").path(0).path(0).asText());

        JsonNode grouped = post("/jobs/statistics", ADMIN, "{\"q\": \"closed=0 AND priority='High' AND jobName='Inspect'\", \"groupBy\": \"jobStatus\"}").body();
        assertEquals("jobStatus", grouped.path("groupBy").asText(), grouped.toString());
        assertEquals(total, grouped.path("total").asInt());
        assertEquals(total, grouped.path("groupedValues").path(0).path("count").asInt());
        JsonNode counted = post("/jobs/statistics", ADMIN, "{\"q\": \"closed=0 AND priority='High' AND jobName='Inspect'\"}").body();
        assertEquals(total, counted.path("total").asInt(), counted.toString());
        assertFalse(counted.has("groupedValues"));
    }

    private static List<String> fieldTypes(JsonNode answer) {
        List<String> types = new ArrayList<>();
        answer.path("fields").forEach(field -> types.add(field.path("name").asText() + ":" + field.path("fieldType").asText()));
        return types;
    }

    @Test
    void manageClosesReopensAndDeletesWithEachPrivilegeChecked() {
        List<String> jobIds = createJobs(2);
        // the documentation's example body
        ApiClient.Response closed = post("/jobs/manage", ADMIN, "{\"type\":\"Close\",\"jobIds\":[\"" + jobIds.get(0) + "\"]}");
        assertEquals(200, closed.status(), closed.body().toString());
        assertEquals("{\"success\":true}", closed.body().toString());
        assertTrue(API.get(arcgis("/jobs/" + jobIds.get(0), ADMIN), null).body().path("closed").asBoolean());
        JsonNode again = post("/jobs/manage", ADMIN, "{\"type\": \"Close\", \"jobIds\": [\"" + jobIds.get(0) + "\"]}").body();
        assertFalse(again.path("success").asBoolean());
        assertEquals("JOB_CLOSED", again.path("results").path(0).path("code").asText(), again.toString());
        assertTrue(post("/jobs/manage", ADMIN, "{\"type\": \"Reopen\", \"jobIds\": [\"" + jobIds.get(0) + "\"]}").body().path("success").asBoolean());
        assertFalse(API.get(arcgis("/jobs/" + jobIds.get(0), ADMIN), null).body().path("closed").asBoolean());

        ApiClient.Response denied = post("/jobs/manage", WORKER, "{\"type\": \"Close\", \"jobIds\": [\"" + jobIds.get(1) + "\"]}");
        assertEquals(403, denied.status(), denied.body().toString());
        assertEquals("PERMISSION_DENIED", denied.body().path("error").path("type").asText());
        assertEquals(403, denied.body().path("error").path("code").asInt());
        assertTrue(denied.body().path("error").path("message").asText().contains("closeJobs"), denied.body().toString());
        assertFalse(API.get(ours("/jobs/" + jobIds.get(1)), ADMIN).body().path("closed").asBoolean());

        assertTrue(post("/jobs/manage", ADMIN, "{\"type\": \"Delete\", \"jobIds\": [\"" + jobIds.get(1) + "\"]}").body().path("success").asBoolean());
        Await.until(() -> API.get(arcgis("/jobs/" + jobIds.get(1), ADMIN), null).status() == 404, 20_000, "the job deleted");
        JsonNode gone = API.get(arcgis("/jobs/" + jobIds.get(1), ADMIN), null).body();
        assertEquals("NOT_FOUND", gone.path("error").path("type").asText(), gone.toString());
    }

    @Test
    void aDiagramVersionReadsAsStepsWithTheirPathsAndActions() {
        JsonNode latest = API.get(arcgis("/diagrams/" + DIAGRAM_ID + "/-1", WORKER), null).body();
        JsonNode first = API.get(arcgis("/diagrams/" + DIAGRAM_ID + "/1", WORKER), null).body();
        assertEquals(latest, first, "one version: -1 is it");
        assertEquals("Address verification", first.path("diagramName").asText(), first.toString());
        assertEquals("define", first.path("initialStepId").asText());
        assertEquals("Define location", first.path("initialStepName").asText());
        JsonNode review = step(first, "review");
        assertEquals("Question", review.path("action").path("actionType").asText());
        assertEquals("Approve?", review.path("action").path("args").path("question").asText());
        assertFalse(review.path("automatic").asBoolean());
        JsonNode toEdit = review.path("paths").path(0);
        assertEquals("edit", toEdit.path("nextStep").asText(), review.toString());
        assertEquals("yes", toEdit.path("returnCode").asText());
        assertEquals("Group", toEdit.path("assignedType").asText(), "the assignment of the step it leads to");
        assertEquals("editors", toEdit.path("assignedTo").asText());
        JsonNode notify = step(first, "notify");
        assertTrue(notify.path("automatic").asBoolean());
        assertEquals("WebRequest", notify.path("action").path("actionType").asText());
        assertEquals(2, step(first, "publish").path("paths").size(), "a fork: two paths out");

        assertEquals(404, API.get(arcgis("/diagrams/" + DIAGRAM_ID + "/7", WORKER), null).status());
        ApiClient.Response bad = API.get(arcgis("/diagrams/" + DIAGRAM_ID + "/1.5", WORKER), null);
        assertEquals(400, bad.status());
        assertEquals("diagramVersion", bad.body().path("error").path("target").asText(), bad.body().toString());
    }

    private static JsonNode step(JsonNode diagram, String id) {
        for (JsonNode step : diagram.path("steps")) {
            if (step.path("id").asText().equals(id)) {
                return step;
            }
        }
        throw new AssertionError("no step " + id + " in " + diagram);
    }

    @Test
    void theTokenComesAsQueryOrHeaderAndNothingElsePasses() {
        String path = "/workflow/" + ITEM_ID + "/jobs/statistics";
        String body = "{\"groupBy\": \"jobStatus\"}";
        ApiClient.Response none = API.post(path, null, body);
        assertEquals(401, none.status());
        assertEquals("UNAUTHENTICATED", none.body().path("error").path("type").asText(), none.body().toString());
        assertEquals(401, API.post(path + "?token=not.a.token", null, body).status());
        assertEquals(401, API.post(path + "?token=" + ADMIN.substring(0, ADMIN.length() - 4) + "AAAA", null, body).status(), "a bad signature");
        assertEquals(200, API.post(path, ADMIN, body).status(), "Authorization: Bearer");
        assertEquals(200, API.send("POST", path, null, body, Map.of("X-Esri-Authorization", "Bearer " + ADMIN)).status());
        assertEquals(200, API.post(path + "?token=" + ADMIN + "&f=json", null, body).status());

        ApiClient.Response otherOrg = API.post("/someorg/" + ITEM_ID + "/jobs/statistics?token=" + ADMIN, null, body);
        assertEquals(404, otherOrg.status());
        assertEquals("orgId", otherOrg.body().path("error").path("target").asText());
        String outsider = CLOUD.token("olga", List.of("elsewhere"));
        assertEquals(404, post("/jobs/statistics", outsider, body).status(), "no role in the item: as if it did not exist");
    }

    @Test
    void badRequestsAreRefusedByNameAndCreateNothing() {
        int before = jobCount();
        for (String create : List.of(
                "{\"ownedBy\": \"amy\"}",
                "{\"percentComplete\": 5}",
                "{\"jobName\": \"x\", \"bogus\": 1}",
                "{\"priority\": \"Bogus\"}",
                "{\"location\": {\"geometryType\": \"Point\", \"geometry\": \"not json\"}}",
                "{\"extendedProperties\": [{\"identifier\": \"permit.fee\", \"value\": \"twelve\"}]}",
                "{\"relatedProperties\": []}")) {
            ApiClient.Response refused = post("/jobTemplates/" + TEMPLATE_ID + "/job", ADMIN, create);
            assertEquals(400, refused.status(), create + " answered " + refused.body());
            assertTrue(refused.body().path("error").path("message").isTextual(), refused.body().toString());
            assertEquals(400, refused.body().path("error").path("code").asInt());
        }
        assertEquals("ownedBy", post("/jobTemplates/" + TEMPLATE_ID + "/job", ADMIN, "{\"ownedBy\": \"amy\"}").body().path("error").path("target").asText());
        ApiClient.Response noTemplate = post("/jobTemplates/nosuchtemplate/job", ADMIN, "{}");
        assertEquals("jobTemplateId", noTemplate.body().path("error").path("target").asText(), noTemplate.body().toString());
        assertEquals(400, post("/jobs/search", ADMIN, "{\"spatialExtent\": \"{}\"}").status());
        assertEquals(400, post("/jobs/search", ADMIN, "{\"q\": \"closed ==\"}").status());
        assertEquals(400, post("/jobs/manage", ADMIN, "{\"type\": \"Archive\", \"jobIds\": [\"x\"]}").status());
        assertEquals(400, post("/jobs/x/action", ADMIN, "{\"type\": \"Claim\"}").status(), "only that product's actions");
        assertEquals(400, API.get(arcgis("/jobs/x?extended=true", ADMIN), null).status(), "an unknown query parameter");
        assertEquals(before, jobCount());
    }

    private static int jobCount() {
        return API.post(ours("/jobs/statistics"), ADMIN, "{\"groupBy\": \"jobStatus\"}").body().path("total").asInt();
    }

    @Test
    void aSurveySubmissionBecomesOneJobCreatedAsItsSubmitter() {
        String submission = WebhookDriver.sampleBody("survey123-delivery.json")
                .replace("{7F3C1B2E-9A4D-4C1E-8B6F-2D5E8A9C0B11}", "{ARCGIS-ROUTE-0001}");
        // Survey123 sends the submitter's token in portalInfo
        String withToken = submission.replaceFirst("FAKE-TOKEN-not-a-real-credential-0000000000", ADMIN);
        String path = "/workflow/" + ITEM_ID + "/webhooks/createJobFromSurveyResponse/" + TEMPLATE_ID;
        ApiClient.Response created = API.post(path, null, withToken);
        assertEquals(200, created.status(), created.body().toString());
        String jobId = created.body().path("jobIds").path(0).asText();
        JsonNode job = API.get(ours("/jobs/" + jobId), ADMIN).body();
        assertEquals("Pothole report {ARCGIS-ROUTE-0001}", job.path("jobName").asText());
        assertEquals("admin", job.path("createdBy").asText());
        assertEquals(3857, API.get(ours("/jobs/" + jobId + "/location"), ADMIN).body().path("spatialReference").path("wkid").asInt());
        assertFalse(TestCloud.tableText().contains(ADMIN), "the token is stripped before anything reads the payload");

        ApiClient.Response repeated = API.post(path, null, withToken);
        assertEquals(created.body().path("jobIds"), repeated.body().path("jobIds"), "a repeat answers the first job");
        assertEquals(401, API.post(path, null, submission).status(), "Survey123's own token is no token of this API's issuer");
    }

    @Test
    void anAutomationWebhookIsTheTemplatesWebhookVerifiedAsOne() {
        JsonNode hook = API.post(ours("/webhooks"), ADMIN, "{\"name\": \"automation\", \"jobTemplateId\": \"" + TEMPLATE_ID
                + "\", \"kind\": \"generic\", \"security\": \"secret\", \"idExpression\": \"id\"}").created();
        String webhookId = hook.path("webhookId").asText();
        String path = "/workflow/" + ITEM_ID + "/jobTemplates/" + TEMPLATE_ID + "/automatedCreation/" + webhookId + "/executeWebhook";
        Map<String, String> secret = Map.of("X-Webhook-Secret", hook.path("secret").asText());
        ApiClient.Response delivered = API.send("POST", path, null, "{\"title\": \"From a feature service\", \"id\": \"fs-1\"}", secret);
        assertEquals(200, delivered.status(), delivered.body().toString());
        String jobId = delivered.body().path("jobIds").path(0).asText();
        assertEquals("From a feature service", API.get(ours("/jobs/" + jobId), ADMIN).body().path("jobName").asText());

        assertEquals(401, API.send("POST", path, null, "{\"title\": \"t\", \"id\": \"fs-2\"}", Map.of()).status(), "unverified");
        String otherTemplate = API.post(ours("/job-templates"), ADMIN, "{\"name\": \"Other\", \"diagramId\": \"" + DIAGRAM_ID + "\"}")
                .created().path("jobTemplateId").asText();
        ApiClient.Response elsewhere = API.send("POST", path.replace(TEMPLATE_ID, otherTemplate), null, "{\"title\": \"t\", \"id\": \"fs-3\"}", secret);
        assertEquals(404, elsewhere.status(), "the webhook is not one of that template");
    }
}
