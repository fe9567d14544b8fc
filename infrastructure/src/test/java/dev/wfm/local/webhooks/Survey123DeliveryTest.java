package dev.wfm.local.webhooks;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import com.fasterxml.jackson.databind.JsonNode;
import dev.wfm.local.ApiClient;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The events/ Survey123 submission becomes a job named after the form, located in Web Mercator. */
class Survey123DeliveryTest {
    private static final WebhookDriver DRIVER = new WebhookDriver("Survey123 deliveries");
    private static final double R = 6378137.0;

    @Test
    void theSampleSubmissionBecomesAJobAtTheRight3857Coordinates() {
        JsonNode hook = DRIVER.register("survey123", "secret", "");
        String body = WebhookDriver.sampleBody("survey123-delivery.json");
        ApiClient.Response delivered = DRIVER.deliver(hook.path("webhookId").asText(), Map.of("X-Webhook-Secret", hook.path("secret").asText()), body);
        assertEquals(202, delivered.status(), delivered.body().toString());
        String jobId = delivered.body().path("jobIds").path(0).asText();
        JsonNode job = DRIVER.job(jobId);
        assertEquals("Pothole report {7F3C1B2E-9A4D-4C1E-8B6F-2D5E8A9C0B11}", job.path("jobName").asText());

        ApiClient.Response location = DRIVER.api.get(DRIVER.path("/jobs/" + jobId + "/location"), DRIVER.admin);
        assertEquals(200, location.status(), location.body().toString());
        double expectedX = R * -117.1956 * Math.PI / 180;
        double expectedY = R * Math.log(Math.tan(Math.PI / 4 + 34.0564 * Math.PI / 360));
        assertEquals(expectedX, location.body().path("x").asDouble(), 1e-6);
        assertEquals(expectedY, location.body().path("y").asDouble(), 1e-6);
        assertEquals(3857, location.body().path("spatialReference").path("wkid").asInt());
        assertFalse((job.toString() + location.body()).contains("FAKE-TOKEN"), "the portal token is never stored");
    }

    @Test
    void aMappingTakesFieldsFromTheSubmission() {
        // a template with an extended property table the mapping fills
        DRIVER.api.post(DRIVER.path("/extended-property-tables"), DRIVER.admin,
                "{\"name\": \"report\", \"fields\": [{\"name\": \"size\", \"type\": \"string\"}]}").created();
        String diagramId = DRIVER.api.get(DRIVER.path("/job-templates/" + DRIVER.templateId), DRIVER.admin).body().path("diagramId").asText();
        String templateId = DRIVER.api.post(DRIVER.path("/job-templates"), DRIVER.admin, "{\"name\": \"Pothole\", \"diagramId\": \""
                + diagramId + "\", \"extendedPropertyTables\": [\"report\"]}").created().path("jobTemplateId").asText();
        JsonNode hook = DRIVER.api.post(DRIVER.path("/webhooks"), DRIVER.admin, "{\"name\": \"potholes\", \"jobTemplateId\": \"" + templateId
                + "\", \"kind\": \"survey123\", \"security\": \"secret\", \"mapping\": {\"jobName\": \"{% 'Pothole (' & feature.attributes.pothole_size & ')' %}\","
                + " \"description\": \"{% feature.attributes.description %}\", \"priority\": \"High\","
                + " \"dueDate\": \"{% feature.attributes.reported_on %}\", \"extendedProperties\": {\"report.size\": \"{% feature.attributes.pothole_size %}\"}}}")
                .created();
        String body = WebhookDriver.sampleBody("survey123-delivery.json").replace("{7F3C1B2E-9A4D-4C1E-8B6F-2D5E8A9C0B11}", "{MAP-0001}");
        ApiClient.Response delivered = DRIVER.deliver(hook.path("webhookId").asText(), Map.of("X-Webhook-Secret", hook.path("secret").asText()), body);
        assertEquals(202, delivered.status(), delivered.body().toString());
        JsonNode job = DRIVER.job(delivered.body().path("jobIds").path(0).asText());
        assertEquals("Pothole (large)", job.path("jobName").asText());
        assertEquals("High", job.path("priority").asText());
        assertEquals("2026-11-23T12:00:00Z", job.path("dueDate").asText());
        JsonNode extended = DRIVER.api.get(DRIVER.path("/jobs/" + job.path("jobId").asText() + "?extended=true"), DRIVER.admin).body();
        assertEquals("large", extended.path("extendedProperties").path("report").path("size").asText(), extended.toString());
    }

    @Test
    void aSubmissionWithAnInvalidGeometryIsRefusedAndCreatesNothing() {
        JsonNode hook = DRIVER.register("survey123", "secret", "");
        String body = WebhookDriver.sampleBody("survey123-delivery.json")
                .replace("{7F3C1B2E-9A4D-4C1E-8B6F-2D5E8A9C0B11}", "{BOWTIE-0001}")
                .replace("\"geometry\": {\"x\": -117.1956, \"y\": 34.0564, \"spatialReference\": {\"wkid\": 4326}}, \"layerInfo\"",
                        "\"geometry\": {\"rings\": [[[0, 0], [10, 10], [10, 0], [0, 10], [0, 0]]], \"spatialReference\": {\"wkid\": 4326}}, \"layerInfo\"");
        int before = DRIVER.jobCount();
        ApiClient.Response refused = DRIVER.deliver(hook.path("webhookId").asText(), Map.of("X-Webhook-Secret", hook.path("secret").asText()), body);
        assertEquals(400, refused.status(), refused.body().toString());
        assertEquals("location", refused.body().path("target").asText());
        assertEquals(before, DRIVER.jobCount());
    }

    @Test
    void aGenericDeliveryWithAGeoJsonLocationIsLocated() {
        JsonNode hook = DRIVER.register("generic", "secret", "");
        String body = WebhookDriver.sampleBody("generic-delivery.json");
        ApiClient.Response delivered = DRIVER.deliver(hook.path("webhookId").asText(),
                Map.of("X-Webhook-Secret", hook.path("secret").asText(), "Idempotency-Key", "order-4711"), body);
        assertEquals(202, delivered.status(), delivered.body().toString());
        String jobId = delivered.body().path("jobIds").path(0).asText();
        assertEquals("Pothole on Main St", DRIVER.job(jobId).path("jobName").asText());
        JsonNode location = DRIVER.api.get(DRIVER.path("/jobs/" + jobId + "/location"), DRIVER.admin).body();
        assertEquals(R * -117.1956 * Math.PI / 180, location.path("x").asDouble(), 1e-6);
    }
}
