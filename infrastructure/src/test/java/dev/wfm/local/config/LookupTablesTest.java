package dev.wfm.local.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.wfm.common.Json;
import dev.wfm.local.ApiClient;
import dev.wfm.local.Fixtures;
import dev.wfm.local.LocalCloud;
import dev.wfm.local.TestCloud;
import java.util.List;
import org.junit.jupiter.api.Test;

/** An item's own lookup tables: value lists extended property fields take their values from. */
class LookupTablesTest {
    private final LocalCloud cloud = TestCloud.get();
    private final ApiClient api = TestCloud.api();
    private final String admin = cloud.adminToken();

    @Test
    void aFieldNamingALookupTableTakesOnlyItsValuesAndTheTableCannotBeDeletedWhileNamed() throws Exception {
        String items = "/items/" + api.post("/items", admin, "{\"name\": \"Lookups\", \"roles\": {\"admin\": [\"admins\"], \"worker\": [\"crew\"]}}")
                .created().path("itemId").asText();
        assertEquals("landUse", api.post(items + "/lookup-tables", admin, """
                {"name": "landUse", "values": [{"value": "R1", "label": "Residential"}, {"value": "C2", "label": "Commercial"}]}""")
                .created().path("name").asText());
        assertEquals("fields[0].lookupTable", api.post(items + "/extended-property-tables", admin,
                "{\"name\": \"parcel\", \"fields\": [{\"name\": \"use\", \"type\": \"string\", \"lookupTable\": \"zoning\"}]}")
                .body().path("target").asText(), "a lookup table the item lacks");
        api.post(items + "/extended-property-tables", admin,
                "{\"name\": \"parcel\", \"fields\": [{\"name\": \"use\", \"type\": \"string\", \"lookupTable\": \"landUse\"}]}").created();
        String diagramId = api.post(items + "/diagrams", admin, Fixtures.text("diagrams/address-verification.json")).created()
                .path("diagramId").asText();
        String templateId = api.post(items + "/job-templates", admin, "{\"name\": \"Parcel\", \"diagramId\": \"" + diagramId
                + "\", \"extendedPropertyTables\": [\"parcel\"]}").created().path("jobTemplateId").asText();

        ApiClient.Response odd = api.post(items + "/jobs", admin, "{\"jobTemplateId\": \"" + templateId
                + "\", \"extendedProperties\": {\"parcel.use\": \"X9\"}}");
        assertEquals(400, odd.status(), odd.body().toString());
        assertTrue(odd.body().path("message").asText().contains("lookup table 'landUse'"), odd.body().toString());
        String jobId = api.post(items + "/jobs", admin, "{\"jobTemplateId\": \"" + templateId
                + "\", \"extendedProperties\": {\"parcel.use\": \"C2\"}}").created().path("jobIds").get(0).asText();
        assertEquals("C2", api.get(items + "/jobs/" + jobId + "?extended=true", admin).body().path("extendedProperties").path("parcel")
                .path("use").asText());

        ObjectNode table = (ObjectNode) api.get(items + "/lookup-tables/landUse", cloud.token("cody", List.of("crew"))).body();
        assertEquals(List.of("R1", "C2"), table.path("values").findValuesAsText("value"), "workers read the values");
        ((com.fasterxml.jackson.databind.node.ArrayNode) table.get("values")).addObject().put("value", "I3");
        assertEquals(3, api.send("PUT", items + "/lookup-tables/landUse", admin, table.toString()).body().path("values").size());
        assertEquals(409, api.send("PUT", items + "/lookup-tables/landUse", admin, table.toString()).status(), "a stale revision");
        assertEquals(409, api.send("DELETE", items + "/lookup-tables/landUse", admin, null).status(), "parcel.use names it");
        assertEquals(403, api.post(items + "/lookup-tables", cloud.token("cody", List.of("crew")),
                Json.object().put("name", "mine").toString()).status());
        assertEquals("values", api.post(items + "/lookup-tables", admin, "{\"name\": \"empty\", \"values\": []}").body().path("target").asText());
    }
}
