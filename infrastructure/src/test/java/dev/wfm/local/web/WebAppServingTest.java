package dev.wfm.local.web;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.wfm.local.ApiClient;
import dev.wfm.local.LocalCloud;
import dev.wfm.local.TestCloud;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** The web app at its own origin: its files, its config.json, the dev sign-in; the HTTP API's CORS for that origin only. */
class WebAppServingTest {
    private static final ObjectMapper MAPPER = new ObjectMapper();
    private static final HttpClient HTTP = HttpClient.newHttpClient();
    private final LocalCloud cloud = TestCloud.get();
    private final URI web = cloud.endpoints().web();

    @Test
    void theAppsFilesAreServedAsTheyStandInTheProject() throws Exception {
        HttpResponse<String> index = get(web.resolve("/"));
        assertEquals(200, index.statusCode());
        assertEquals(Files.readString(Path.of("..", "web", "index.html")), index.body());
        HttpResponse<String> script = get(web.resolve("/js/main.js"));
        assertEquals(200, script.statusCode());
        assertTrue(script.headers().firstValue("content-type").orElse("").contains("javascript"), script.headers().toString());
        HttpResponse<String> outside = get(URI.create(web + "/../template.yaml"));
        assertTrue(outside.statusCode() >= 400 && !outside.body().contains("AWSTemplateFormatVersion"), "nothing outside web/");
        assertEquals(403, get(web.resolve("/js/")).statusCode(), "no folder listings");
    }

    @Test
    void configJsonNamesTheLocalApisAndTheDevSignIn() throws Exception {
        JsonNode config = MAPPER.readTree(get(web.resolve("/config.json")).body());
        assertEquals(cloud.endpoints().api().toString(), config.path("api").asText());
        assertEquals(cloud.endpoints().websocket().toString(), config.path("websocket").asText());
        assertEquals("dev", config.path("signIn").path("mode").asText());
        assertEquals(200, get(web.resolve(config.path("signIn").path("url").asText())).statusCode());
    }

    @Test
    void theDevSignInIssuesATokenTheApiTakesForThatUserAndGroups() throws Exception {
        HttpResponse<String> issued = post(web.resolve("/dev/token"), "{\"user\": \"amy\", \"groups\": [\"editors\", \"admins\"]}");
        assertEquals(200, issued.statusCode(), issued.body());
        String token = MAPPER.readTree(issued.body()).path("token").asText();
        ApiClient.Response item = TestCloud.api().post("/items", token, "{\"name\": \"Signed in from the web\"}");
        assertEquals(201, item.status(), "amy is in admins: " + item.body());

        HttpResponse<String> refused = post(web.resolve("/dev/token"), "{\"user\": \"\", \"groups\": []}");
        assertEquals(400, refused.statusCode());
        assertEquals("user", MAPPER.readTree(refused.body()).path("target").asText());
        assertEquals(400, post(web.resolve("/dev/token"), "{\"user\": \"bob\", \"groups\": [\"a b\"]}").statusCode());
    }

    @Test
    void theApiAnswersPreflightsFromTheAppsOriginAndNoOther() throws Exception {
        String origin = web.toString();
        HttpResponse<String> allowed = preflight(origin, "POST");
        assertEquals(204, allowed.statusCode());
        assertEquals(Optional.of(origin), allowed.headers().firstValue("access-control-allow-origin"));
        assertTrue(allowed.headers().firstValue("access-control-allow-headers").orElse("").contains("authorization"));
        assertTrue(allowed.headers().firstValue("access-control-allow-methods").orElse("").contains("POST"));

        HttpResponse<String> other = preflight("http://127.0.0.1:1", "POST");
        assertFalse(other.headers().firstValue("access-control-allow-origin").isPresent(), other.headers().toString());
        assertFalse(other.headers().firstValue("access-control-allow-methods").isPresent());
        assertFalse(preflight("https://evil.example", "GET").headers().firstValue("access-control-allow-origin").isPresent());

        HttpResponse<String> read = HTTP.send(HttpRequest.newBuilder(cloud.endpoints().api().resolve("/items"))
                .header("Origin", origin).build(), HttpResponse.BodyHandlers.ofString());
        assertEquals(401, read.statusCode(), "a real request still needs its token");
        assertEquals(Optional.of(origin), read.headers().firstValue("access-control-allow-origin"), "so the app can read the refusal");
        HttpResponse<String> foreign = HTTP.send(HttpRequest.newBuilder(cloud.endpoints().api().resolve("/health"))
                .header("Origin", "https://evil.example").build(), HttpResponse.BodyHandlers.ofString());
        assertFalse(foreign.headers().firstValue("access-control-allow-origin").isPresent());
    }

    private static HttpResponse<String> preflight(String origin, String method) throws Exception {
        return HTTP.send(HttpRequest.newBuilder(TestCloud.get().endpoints().api().resolve("/items/x/jobs/y/action"))
                .method("OPTIONS", HttpRequest.BodyPublishers.noBody())
                .header("Origin", origin).header("Access-Control-Request-Method", method)
                .header("Access-Control-Request-Headers", "authorization,content-type").build(), HttpResponse.BodyHandlers.ofString());
    }

    private static HttpResponse<String> get(URI uri) throws Exception {
        return HTTP.send(HttpRequest.newBuilder(uri).build(), HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
    }

    private static HttpResponse<String> post(URI uri, String json) throws Exception {
        return HTTP.send(HttpRequest.newBuilder(uri).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(json)).build(), HttpResponse.BodyHandlers.ofString());
    }
}
