package dev.wfm.local.items;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.wfm.local.ApiClient;
import dev.wfm.local.LocalCloud;
import dev.wfm.local.TestCloud;
import java.util.List;
import org.junit.jupiter.api.Test;

/** PUT /items/{itemId} renames an item and changes who may do what in it, guarded by revision; GET .../members lists who used it. */
class ItemUpdatesAndMembersTest {
    private final LocalCloud cloud = TestCloud.get();
    private final ApiClient api = TestCloud.api();
    private final String admin = cloud.adminToken();

    @Test
    void anAdminRenamesTheItemAndMovesAGroupFromWorkerToManagerWhileAStaleRevisionIsRefused() {
        String itemId = api.post("/items", admin, "{\"name\": \"Before\", \"roles\": {\"admin\": [\"admins\"], \"worker\": [\"crew\"]}}")
                .created().path("itemId").asText();
        String crew = cloud.token("cody", List.of("crew"));
        assertEquals(403, api.get("/items/" + itemId + "/members", crew).status(), "a worker reads no member list");

        ObjectNode read = (ObjectNode) api.get("/items/" + itemId, admin).body();
        long revision = read.path("revision").asLong();
        read.put("name", "After");
        read.putObject("roles").putArray("admin").add("admins");
        ((ObjectNode) read.get("roles")).putArray("manager").add("crew");
        ApiClient.Response updated = api.send("PUT", "/items/" + itemId, admin, read.toString());
        assertEquals(200, updated.status(), updated.body().toString());
        assertEquals("After", updated.body().path("name").asText());
        assertEquals(revision + 1, updated.body().path("revision").asLong());

        ApiClient.Response stale = api.send("PUT", "/items/" + itemId, admin, read.toString());
        assertEquals(409, stale.status(), "the revision read before the first update: " + stale.body());
        assertEquals(200, api.get("/items/" + itemId + "/members", crew).status(), "crew manages the item now");

        ObjectNode lockOut = (ObjectNode) api.get("/items/" + itemId, admin).body();
        lockOut.putObject("roles").putArray("worker").add("crew");
        assertEquals("roles.admin", api.send("PUT", "/items/" + itemId, admin, lockOut.toString()).body().path("target").asText());
        assertEquals(403, api.send("PUT", "/items/" + itemId, crew, lockOut.toString()).status(), "a manager does not change the item");
        assertEquals("After", api.get("/items/" + itemId, admin).body().path("name").asText(), "nothing refused was written");
    }

    @Test
    void theMembersAreEveryoneWhoUsedTheItemWithTheirGroupsAndTheRolesTheyHoldNow() {
        String itemId = api.post("/items", admin, "{\"name\": \"Members\", \"roles\": {\"admin\": [\"admins\"], \"manager\": [\"leads\"], "
                + "\"worker\": [\"crew\"]}}").created().path("itemId").asText();
        api.get("/items/" + itemId, cloud.token("cody", List.of("crew", "drivers")));
        api.get("/items/" + itemId + "/job-templates", cloud.token("lena", List.of("leads")));
        api.get("/items/" + itemId, cloud.token("olga", List.of("outsiders"))); // no role: not a member

        JsonNode members = api.get("/items/" + itemId + "/members", admin).body().path("members");

        assertEquals(List.of("admin", "cody", "lena"), members.findValuesAsText("user"));
        JsonNode cody = members.get(1);
        assertEquals(List.of("crew", "drivers"), List.of(cody.path("groups").get(0).asText(), cody.path("groups").get(1).asText()));
        assertEquals("worker", cody.path("roles").get(0).asText());
        assertEquals("manager", members.get(2).path("roles").get(0).asText());
        assertTrue(!members.get(0).path("lastSeen").asText().isEmpty());
    }
}
