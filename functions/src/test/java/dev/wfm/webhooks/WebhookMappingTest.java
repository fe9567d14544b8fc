package dev.wfm.webhooks;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.wfm.common.Json;
import dev.wfm.common.Refusal;
import org.junit.jupiter.api.Test;

class WebhookMappingTest {
    private static JsonNode json(String text) throws Exception {
        return Json.read(text);
    }

    @Test
    void survey123DefaultsNameTheJobAfterTheFormAndTheRecordAndTakeItsGeometry() throws Exception {
        ObjectNode fields = WebhookMapping.apply("survey123", null, json("{\"surveyInfo\": {\"formTitle\": \"Potholes\"},"
                + " \"feature\": {\"attributes\": {\"objectid\": 7}, \"geometry\": {\"x\": 1, \"y\": 2}}}"));
        assertEquals("Potholes 7", fields.path("jobName").asText());
        assertEquals(1, fields.path("location").path("x").asInt());
    }

    @Test
    void anObjectMappingOverridesDefaultsFieldByFieldAndDropsWhatYieldsNothing() throws Exception {
        ObjectNode fields = WebhookMapping.apply("generic", json("{\"jobName\": \"{% 'Order ' & order.id %}\", \"assignedTo\": \"crew-a\","
                + " \"dueDate\": \"{% due %}\", \"extendedProperties\": {\"size\": \"{% size %}\"}}"),
                json("{\"order\": {\"id\": 12}, \"due\": 1795435200000, \"size\": \"L\"}"));
        assertEquals("Order 12", fields.path("jobName").asText());
        assertEquals("crew-a", fields.path("assignedTo").asText());
        assertEquals("2026-11-23T12:00:00Z", fields.path("dueDate").asText());
        assertEquals("L", fields.path("extendedProperties").path("size").asText());
        assertFalse(fields.has("priority"));
        assertFalse(fields.has("location"));
    }

    @Test
    void oneExpressionMayYieldTheWholeObject() throws Exception {
        ObjectNode fields = WebhookMapping.apply("generic", json("\"{% {'jobName': name, 'priority': 'High'} %}\""), json("{\"name\": \"N\"}"));
        assertEquals("N", fields.path("jobName").asText());
        assertEquals("High", fields.path("priority").asText());
    }

    @Test
    void mappingsThatDoNotParseOrNameUnknownFieldsAreRefused() throws Exception {
        assertEquals("mapping.jobName", assertThrows(Refusal.class,
                () -> WebhookMapping.validate(json("{\"jobName\": \"{% ( %}\"}"))).target());
        assertEquals("mapping.colour", assertThrows(Refusal.class,
                () -> WebhookMapping.validate(json("{\"colour\": \"red\"}"))).target());
        assertThrows(Refusal.class, () -> WebhookMapping.validate(json("42")));
    }
}
