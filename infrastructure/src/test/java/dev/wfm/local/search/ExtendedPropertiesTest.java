package dev.wfm.local.search;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.wfm.local.ApiClient;
import dev.wfm.local.Fixtures;
import dev.wfm.local.LocalCloud;
import dev.wfm.local.TestCloud;
import dev.wfm.local.TestJobs;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** One-to-one extended properties: set through the job update, type- and required-checked, read back, searched. */
class ExtendedPropertiesTest {
    private static final LocalCloud cloud = TestCloud.get();
    private static final ApiClient api = TestCloud.api();
    private static final String admin = cloud.adminToken();
    private static String itemId;
    private static JsonNode jobIds;

    @BeforeAll
    static void jobs() {
        itemId = api.post("/items", admin, "{\"name\": \"Extended properties\", \"roles\": {\"admin\": [\"admins\"]}}")
                .body().path("itemId").asText();
        api.post("/items/" + itemId + "/extended-property-tables", admin, """
                {"name": "permit", "fields": [
                  {"name": "number", "type": "string", "required": true, "maxLength": 20},
                  {"name": "fee", "type": "double"}, {"name": "parcels", "type": "integer"},
                  {"name": "urgent", "type": "boolean"}, {"name": "expires", "type": "date"}]}""").created();
        String diagramId = api.post("/items/" + itemId + "/diagrams", admin, Fixtures.text("diagrams/address-verification.json")).created()
                .path("diagramId").asText();
        String templateId = api.post("/items/" + itemId + "/job-templates", admin,
                "{\"name\": \"Permit\", \"diagramId\": \"" + diagramId + "\", \"extendedPropertyTables\": [\"permit\"]}").created()
                .path("jobTemplateId").asText();
        jobIds = api.post("/items/" + itemId + "/jobs", admin, "{\"jobTemplateId\": \"" + templateId + "\", \"numberOfJobs\": 2}").created()
                .path("jobIds");
        // the tests compare revisions to see that refused updates write nothing: let the executions' own writes come first
        for (JsonNode jobId : jobIds) {
            TestJobs.awaitEntered(itemId, jobId.asText());
        }
    }


    private static ApiClient.Response set(String jobId, String values) {
        long revision = api.get("/items/" + itemId + "/jobs/" + jobId, admin).body().path("revision").asLong();
        return api.send("PUT", "/items/" + itemId + "/jobs/" + jobId, admin,
                "{\"revision\": " + revision + ", \"extendedProperties\": " + values + "}");
    }

    @Test
    void valuesSetThroughTheUpdateAreReadBackWithExtendedAndFoundBySearch() {
        String jobId = jobIds.path(0).asText();
        ApiClient.Response update = set(jobId, """
                [{"identifier": "permit.number", "value": "P-17"}, {"identifier": "permit.fee", "value": 12.5},
                 {"identifier": "permit.parcels", "value": 3}, {"identifier": "permit.urgent", "value": true},
                 {"identifier": "permit.expires", "value": "2027-01-31T00:00:00Z"}]""");
        assertEquals(200, update.status(), update.body().toString());

        JsonNode permit = api.get("/items/" + itemId + "/jobs/" + jobId + "?extended=true", admin).body().path("extendedProperties").path("permit");
        assertEquals("P-17", permit.path("number").asText());
        assertEquals(12.5, permit.path("fee").asDouble());
        assertEquals(3, permit.path("parcels").asInt());
        assertTrue(permit.path("urgent").asBoolean());
        assertEquals("2027-01-31T00:00:00Z", permit.path("expires").asText());
        assertTrue(api.get("/items/" + itemId + "/jobs/" + jobId, admin).body().path("extendedProperties").isMissingNode(),
                "only with extended=true");

        assertEquals(Set.of(jobId), found("permit.number = 'P-17' AND permit.fee > 10 AND permit.urgent = TRUE"));
        assertEquals(Set.of(jobId), found("permit.expires < DATE '2027-02-01' AND permit.parcels IN (1, 3)"));
        assertEquals(Set.of(jobIds.path(1).asText()), found("permit.number IS NULL"));
        String saved = api.post("/items/" + itemId + "/searches", admin,
                "{\"name\": \"Urgent permits\", \"q\": \"permit.urgent = 1\"}").created().path("searchId").asText();
        JsonNode run = api.post("/items/" + itemId + "/searches/" + saved + "/run", admin, "{}").body();
        assertEquals(jobId, run.path("results").path(0).path("jobId").asText(), run.toString());
        assertEquals(1, run.path("total").asInt());
        ApiClient.Response unknown = api.post("/items/" + itemId + "/jobs/search", admin, "{\"q\": \"permit.colour = 'red'\"}");
        assertEquals(400, unknown.status());
        assertTrue(unknown.body().path("message").asText().contains("'permit.colour'"));
    }

    @Test
    void valuesOfTheWrongTypeUnknownFieldsAndMissingRequiredFieldsAreRefusedAndChangeNothing() {
        String jobId = jobIds.path(1).asText();
        long before = api.get("/items/" + itemId + "/jobs/" + jobId, admin).body().path("revision").asLong();
        ApiClient.Response wrongType = set(jobId, "[{\"identifier\": \"permit.number\", \"value\": \"P-1\"}, {\"identifier\": \"permit.parcels\", \"value\": 2.5}]");
        assertEquals(400, wrongType.status(), wrongType.body().toString());
        assertEquals("extendedProperties[1].value", wrongType.body().path("target").asText());
        ApiClient.Response tooLong = set(jobId, "[{\"identifier\": \"permit.number\", \"value\": \"" + "x".repeat(21) + "\"}]");
        assertEquals(400, tooLong.status());
        ApiClient.Response unknown = set(jobId, "[{\"identifier\": \"license.number\", \"value\": \"L\"}]");
        assertEquals(400, unknown.status());
        assertEquals("extendedProperties[0].identifier", unknown.body().path("target").asText());
        ApiClient.Response missingRequired = set(jobId, "[{\"identifier\": \"permit.fee\", \"value\": 1}]");
        assertEquals(400, missingRequired.status());
        assertTrue(missingRequired.body().path("message").asText().contains("permit.number"));
        assertEquals(before, api.get("/items/" + itemId + "/jobs/" + jobId, admin).body().path("revision").asLong());
        assertEquals(0, api.get("/items/" + itemId + "/jobs/" + jobId + "?extended=true", admin).body().path("extendedProperties").size());
    }

    @Test
    void extendedFieldsAreReturnedSortedAndGroupedLikeJobFields() {
        String first = jobIds.path(0).asText();
        String second = jobIds.path(1).asText();
        assertEquals(200, set(first, "[{\"identifier\": \"permit.number\", \"value\": \"P-17\"}, {\"identifier\": \"permit.fee\", \"value\": 12.5}, "
                + "{\"identifier\": \"permit.urgent\", \"value\": true}]").status());
        // the two jobs of this class's setup only: other tests create more
        String both = "\"q\": \"jobId IN ('" + first + "', '" + second + "')\", ";
        JsonNode page = api.post("/items/" + itemId + "/jobs/search", admin, "{" + both + "\"fields\": [\"jobId\", \"permit.number\", \"permit.fee\"], "
                + "\"sortFields\": [{\"field\": \"permit.fee\", \"sortOrder\": \"Asc\"}]}").body();
        assertEquals(2, page.path("total").asInt(), page.toString());
        JsonNode top = page.path("results").path(0);
        assertEquals(first, top.path("jobId").asText(), "12.5 before no fee: absent values sort last");
        assertEquals("P-17", top.path("permit.number").asText());
        assertEquals(12.5, top.path("permit.fee").asDouble());
        assertTrue(page.path("results").path(1).path("permit.fee").isNull(), page.toString());
        assertEquals(second, page.path("results").path(1).path("jobId").asText());

        JsonNode groups = api.post("/items/" + itemId + "/jobs/statistics", admin, "{" + both + "\"groupBy\": \"permit.urgent\"}").body();
        assertEquals(2, groups.path("total").asInt(), groups.toString());
        assertEquals(Set.of("true=1", "null=1"), Set.of(
                groups.path("groupedValues").path(0).path("value").asText() + "=" + groups.path("groupedValues").path(0).path("count").asInt(),
                groups.path("groupedValues").path(1).path("value").asText() + "=" + groups.path("groupedValues").path(1).path("count").asInt()));

        ApiClient.Response unknown = api.post("/items/" + itemId + "/jobs/search", admin, "{\"fields\": [\"permit.colour\"]}");
        assertEquals(400, unknown.status());
        assertEquals("fields", unknown.body().path("target").asText());
        assertEquals(400, api.post("/items/" + itemId + "/jobs/statistics", admin, "{\"groupBy\": \"permit.colour\"}").status());
    }

    @Test
    void jobsCanBeCreatedWithTheirValuesAndABadValueCreatesNoJob() {
        String templateId = api.get("/items/" + itemId + "/jobs/" + jobIds.path(0).asText(), admin).body().path("jobTemplateId").asText();
        JsonNode created = api.post("/items/" + itemId + "/jobs", admin, "{\"jobTemplateId\": \"" + templateId + "\", \"numberOfJobs\": 2, "
                + "\"extendedProperties\": [{\"identifier\": \"permit.number\", \"value\": \"P-99\"}, {\"identifier\": \"permit.parcels\", \"value\": 4}]}")
                .created();
        for (JsonNode jobId : created.path("jobIds")) {
            JsonNode permit = api.get("/items/" + itemId + "/jobs/" + jobId.asText() + "?extended=true", admin).body()
                    .path("extendedProperties").path("permit");
            assertEquals("P-99", permit.path("number").asText());
            assertEquals(4, permit.path("parcels").asInt());
        }
        int before = api.post("/items/" + itemId + "/jobs/search", admin, "{}").body().path("total").asInt();
        ApiClient.Response refused = api.post("/items/" + itemId + "/jobs", admin, "{\"jobTemplateId\": \"" + templateId + "\", "
                + "\"extendedProperties\": {\"permit.parcels\": \"four\"}}");
        assertEquals(400, refused.status(), refused.body().toString());
        assertEquals(before, api.post("/items/" + itemId + "/jobs/search", admin, "{}").body().path("total").asInt());
    }

    private static Set<String> found(String q) {
        ApiClient.Response response = api.post("/items/" + itemId + "/jobs/search", admin,
                "{\"q\": \"" + q + "\", \"fields\": [\"jobId\"]}");
        assertEquals(200, response.status(), response.body().toString());
        Set<String> ids = new TreeSet<>();
        response.body().path("results").forEach(row -> ids.add(row.path("jobId").asText()));
        return ids;
    }
}
