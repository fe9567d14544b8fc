package dev.wfm.local;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;

/**
 * Seeds a fresh local cloud with a demo workflow item, the api.md example diagram, a job
 * template and three jobs, through the public HTTP API exactly as a client would, so what a
 * newcomer sees was made by the product itself. A cloud that already has items is left alone.
 */
final class DemoData {
    private static final ObjectMapper MAPPER = new ObjectMapper();

    private DemoData() {}

    /** Returns the demo item's id, or null when the cloud already had items. */
    static String seed(URI api, String adminToken) throws IOException, InterruptedException {
        HttpClient http = HttpClient.newHttpClient();
        var items = MAPPER.readTree(send(http, HttpRequest.newBuilder(api.resolve("/items")).GET(), adminToken));
        if (items.path("items").size() > 0) {
            return null;
        }
        String body = """
                {"name": "Demo: address management",
                 "description": "Address verification requests, edited and checked by the GIS team",
                 "roles": {"admin": ["admins"], "manager": ["managers"], "worker": ["workers", "editors"]}}""";
        String itemId = post(http, api.resolve("/items"), body, adminToken).path("itemId").asText();
        String diagram;
        try (var in = DemoData.class.getResourceAsStream("/demo/address-verification.json")) {
            // The notify step calls this cloud's own /health, so the demo needs no network.
            diagram = new String(in.readAllBytes(), java.nio.charset.StandardCharsets.UTF_8)
                    .replace("http://127.0.0.1:3000/health", api.resolve("/health").toString());
        }
        String diagramId = post(http, api.resolve("/items/" + itemId + "/diagrams"), diagram, adminToken).path("diagramId").asText();
        String templateId = post(http, api.resolve("/items/" + itemId + "/job-templates"), """
                {"name": "Verify address", "diagramId": "%s", "jobName": "Verify address", "priority": "High",
                 "description": "Check a requested address and publish it", "dueDays": 7}""".formatted(diagramId), adminToken)
                .path("jobTemplateId").asText();
        post(http, api.resolve("/items/" + itemId + "/jobs"), "{\"jobTemplateId\": \"" + templateId + "\", \"numberOfJobs\": 3}", adminToken);
        return itemId;
    }

    private static com.fasterxml.jackson.databind.JsonNode post(HttpClient http, URI uri, String body, String token)
            throws IOException, InterruptedException {
        return MAPPER.readTree(send(http, HttpRequest.newBuilder(uri).POST(HttpRequest.BodyPublishers.ofString(body))
                .header("Content-Type", "application/json"), token));
    }

    private static String send(HttpClient http, HttpRequest.Builder request, String token) throws IOException, InterruptedException {
        HttpResponse<String> response = http.send(request.header("Authorization", "Bearer " + token).build(),
                HttpResponse.BodyHandlers.ofString());
        if (response.statusCode() >= 300) {
            throw new IOException("Seeding the demo data failed: " + response.statusCode() + " " + response.body());
        }
        return response.body();
    }
}
