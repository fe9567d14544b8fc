package dev.wfm.local;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;

/**
 * Seeds a fresh local cloud with a demo workflow item, through the public HTTP API exactly as a
 * client would, so what a newcomer sees was made by the product itself. A cloud that already
 * has items is left alone.
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
        var created = MAPPER.readTree(send(http, HttpRequest.newBuilder(api.resolve("/items"))
                .POST(HttpRequest.BodyPublishers.ofString(body)).header("Content-Type", "application/json"), adminToken));
        return created.path("itemId").asText();
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
