package dev.wfm.local.items;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.wfm.local.ApiClient;
import dev.wfm.local.LocalCloud;
import dev.wfm.local.TestCloud;
import java.util.List;
import java.util.stream.StreamSupport;
import org.junit.jupiter.api.Test;

/** {@code /items}: workflow items (tenants) stored in DynamoDB, through the local HTTP API. */
class WorkflowItemsApiTest {
    private static final ObjectMapper MAPPER = new ObjectMapper();
    private final LocalCloud cloud = TestCloud.get();
    private final ApiClient api = TestCloud.api();

    @Test
    void anAdminCreatesAnItemAndReadsItBack() {
        ApiClient.Response created = api.post("/items", cloud.adminToken(),
                "{\"name\": \"Parcels\", \"description\": \"Parcel edits\", \"roles\": {\"worker\": [\"editors\"], \"admin\": [\"admins\"]}}");
        assertEquals(201, created.status());
        String itemId = created.body().path("itemId").asText();
        assertFalse(itemId.isEmpty());

        ApiClient.Response item = api.get("/items/" + itemId, cloud.adminToken());
        assertEquals(200, item.status());
        assertEquals("Parcels", item.body().path("name").asText());
        assertEquals("Parcel edits", item.body().path("description").asText());
        assertEquals("editors", item.body().path("roles").path("worker").path(0).asText());
        assertEquals(LocalCloud.ADMIN_USER, item.body().path("createdBy").asText());
    }

    @Test
    void itemsAreListedOnlyToUsersWithARoleInThem() {
        String visible = create("{\"name\": \"Roads\", \"roles\": {\"admin\": [\"admins\"], \"worker\": [\"road-crew\"]}}");
        String hidden = create("{\"name\": \"Water\", \"roles\": {\"admin\": [\"admins\"], \"worker\": [\"water-crew\"]}}");
        String crewToken = cloud.token("rosa", List.of("road-crew"));

        JsonNode items = api.get("/items", crewToken).body().path("items");
        List<String> ids = StreamSupport.stream(items.spliterator(), false).map(item -> item.path("itemId").asText()).toList();
        assertTrue(ids.contains(visible));
        assertFalse(ids.contains(hidden));
    }

    @Test
    void anItemOfWhichTheUserHasNoRoleIsNotFoundNotForbidden() {
        String itemId = create("{\"name\": \"Secret\", \"roles\": {\"admin\": [\"admins\"]}}");
        ApiClient.Response response = api.get("/items/" + itemId, cloud.token("mallory", List.of("outsiders")));
        assertEquals(404, response.status());
        assertEquals("NOT_FOUND", response.code());
        assertEquals(api.get("/items/doesnotexist", cloud.token("mallory", List.of("outsiders"))).body().path("message").asText()
                        .replace("doesnotexist", itemId),
                response.body().path("message").asText(), "a hidden item reads exactly like a missing one");
    }

    @Test
    void onlySystemAdminsCreateItems() {
        ApiClient.Response response = api.post("/items", cloud.token("amy", List.of("workers")), "{\"name\": \"Mine\"}");
        assertEquals(403, response.status());
        assertEquals("PERMISSION_DENIED", response.code());
    }

    @Test
    void badInputIsRejectedWithTheFieldNamed() {
        ApiClient.Response malformed = api.post("/items", cloud.adminToken(), "{\"name\": ");
        assertEquals(400, malformed.status());
        assertEquals("INVALID_ARGUMENT", malformed.code());
        assertEquals("body", malformed.body().path("target").asText());

        ApiClient.Response wrongType = api.post("/items", cloud.adminToken(), "{\"name\": 42}");
        assertEquals(400, wrongType.status());
        assertEquals("name", wrongType.body().path("target").asText());

        ApiClient.Response missing = api.post("/items", cloud.adminToken(), "{}");
        assertEquals(400, missing.status());
        assertEquals("name", missing.body().path("target").asText());

        ApiClient.Response unknownRole = api.post("/items", cloud.adminToken(), "{\"name\": \"x\", \"roles\": {\"owner\": [\"g\"]}}");
        assertEquals(400, unknownRole.status());
        assertEquals("roles.owner", unknownRole.body().path("target").asText());

        ApiClient.Response notAnObject = api.post("/items", cloud.adminToken(), "[1, 2]");
        assertEquals(400, notAnObject.status());
    }

    @Test
    void aTokenGroupIsOneGroupSoNoneCanPassForAnother() {
        String itemId = create("{\"name\": \"Guarded\", \"roles\": {\"admin\": [\"admins\"], \"worker\": [\"A-admins\"]}}");
        assertEquals(200, api.get("/items/" + itemId, cloud.token("ann", List.of("A-admins"))).status());
        for (String forged : List.of("nobody,A-admins", "A-\"admins", "\"A-admins\"", "[A-admins]")) {
            ApiClient.Response response = api.get("/items/" + itemId, cloud.token("mallory", List.of(forged)));
            assertEquals(404, response.status(), "a token in the group " + forged + " has no role: " + response.body());
        }
    }

    @Test
    void rolesGoOnlyToGroupNamesATokenCarriesExactly() {
        int before = api.get("/items", cloud.adminToken()).body().path("items").size();
        for (String ambiguous : List.of("nobody,A-admins", "A-\"admins", "two words", "[admins]", "tab\tbed")) {
            ObjectNode body = MAPPER.createObjectNode().put("name", "Ambiguous");
            body.putObject("roles").putArray("worker").add("editors").add(ambiguous);
            ApiClient.Response refused = api.post("/items", cloud.adminToken(), body.toString());
            assertEquals(400, refused.status(), ambiguous + ": " + refused.body());
            assertEquals("roles.worker[1]", refused.body().path("target").asText());
        }
        assertEquals(before, api.get("/items", cloud.adminToken()).body().path("items").size());
    }

    @Test
    void rejectedCreatesStoreNothing() {
        int before = api.get("/items", cloud.adminToken()).body().path("items").size();
        api.post("/items", cloud.adminToken(), "{\"name\": 42}");
        api.post("/items", cloud.token("amy", List.of("workers")), "{\"name\": \"Mine\"}");
        assertEquals(before, api.get("/items", cloud.adminToken()).body().path("items").size());
    }

    private String create(String json) {
        ApiClient.Response created = api.post("/items", cloud.adminToken(), json);
        assertEquals(201, created.status(), created.body().toString());
        return created.body().path("itemId").asText();
    }
}
