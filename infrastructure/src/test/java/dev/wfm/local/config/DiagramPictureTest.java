package dev.wfm.local.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.wfm.common.Json;
import dev.wfm.local.ApiClient;
import dev.wfm.local.Fixtures;
import dev.wfm.local.LocalCloud;
import dev.wfm.local.TableRecords;
import dev.wfm.local.TestCloud;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.SortedMap;
import java.util.stream.StreamSupport;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** POST /items/{itemId}/diagrams/picture: an admin's draft drawn with its problems where they are, before anything is published. */
class DiagramPictureTest {
    private final LocalCloud cloud = TestCloud.get();
    private final ApiClient api = TestCloud.api();
    private final String admin = cloud.adminToken();
    private final TableRecords table = new TableRecords(cloud.endpoints().dynamodb());
    private String itemId;

    @BeforeEach
    void newItem() {
        itemId = api.post("/items", admin, "{\"name\": \"Pictures\", \"roles\": {\"admin\": [\"admins\"], \"worker\": [\"workers\"]}}")
                .created().path("itemId").asText();
    }

    @AfterEach
    void closeTable() {
        table.close();
    }

    @Test
    void aDraftIsDrawnWithTheProblemsValidationFindsOnTheStepsAndPathsTheyNameAndNothingIsStored() throws Exception {
        ObjectNode diagram = (ObjectNode) Json.read(Fixtures.text("diagrams/address-verification.json"));
        ((ObjectNode) diagram.path("paths").get(0)).put("to", "reveiw"); // so nothing leads to review either
        String draft = diagram.toString();
        JsonNode problems = api.post(path("/diagrams/validate"), admin, draft).body().path("errors");
        List<String> targets = StreamSupport.stream(problems.spliterator(), false).map(p -> p.path("target").asText()).toList();
        assertTrue(targets.contains("paths[0]") && targets.contains("review"), problems.toString());
        SortedMap<String, String> before = table.partition("ITEM#" + itemId);

        HttpResponse<byte[]> answer = api.raw("POST", path("/diagrams/picture"), admin, "application/json",
                draft.getBytes(StandardCharsets.UTF_8));

        assertEquals(200, answer.statusCode(), new String(answer.body(), StandardCharsets.UTF_8));
        assertTrue(answer.headers().firstValue("content-type").orElse("").startsWith("image/svg+xml"), answer.headers().toString());
        String svg = new String(answer.body(), StandardCharsets.UTF_8);
        assertTrue(svg.contains(": " + problems.size() + " problem(s)</title>"), svg);
        for (JsonNode problem : problems) {
            String target = problem.path("target").asText();
            String message = escaped(problem.path("message").asText());
            assertTrue(svg.contains(message), "the message of " + target + " is in the picture: " + svg);
        }
        assertTrue(svg.contains("<g data-step-id=\"review\" class=\"step problem\""), svg);
        assertTrue(svg.contains("<text class=\"note\" x=\"20\" y=\""), "the path to a step the draft lacks is a note: " + svg);
        assertTrue(svg.contains("paths[0] define \u2192 reveiw: "), svg);
        assertTrue(svg.contains("<g data-step-id=\"define\" class=\"step\""), "a step without problems is drawn plainly");
        assertEquals(before, table.partition("ITEM#" + itemId), "drawing stores nothing");
    }

    @Test
    void aBodyWithNoDiagramToDrawIsRefusedWithEveryShapeProblemAndOnlyAdminsMayDraw() {
        ApiClient.Response shapeless = api.post(path("/diagrams/picture"), admin, "{\"name\": \"x\", \"steps\": [{\"id\": \"a\"}], \"colour\": 1}");
        assertEquals(400, shapeless.status(), shapeless.body().toString());
        assertEquals("INVALID_ARGUMENT", shapeless.code());
        List<String> targets = StreamSupport.stream(shapeless.body().path("details").spliterator(), false)
                .map(detail -> detail.path("target").asText()).toList();
        assertTrue(targets.contains("colour") && targets.stream().anyMatch(t -> t.startsWith("steps[0]")), targets.toString());

        ApiClient.Response worker = api.post(path("/diagrams/picture"), cloud.token("wendy", List.of("workers")),
                Fixtures.text("diagrams/address-verification.json"));
        assertEquals(403, worker.status(), worker.body().toString());
    }

    private String path(String rest) {
        return "/items/" + itemId + rest;
    }

    private static String escaped(String text) {
        return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("\"", "&quot;").replace("'", "&#39;");
    }
}
