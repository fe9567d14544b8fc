package dev.wfm.local.webhooks;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.wfm.local.ApiClient;
import dev.wfm.local.LocalCloud;
import dev.wfm.local.TestCloud;
import dev.wfm.local.TestTable;
import dev.wfm.local.template.SamTemplate;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HexFormat;
import java.util.Map;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * Drives webhooks through the local cloud as an admin and as a form app would: its own item, a
 * one-step diagram and template; deliveries with whatever headers a sender sets; and a count of
 * the item's jobs straight from the table, to prove that refused or repeated deliveries created
 * nothing.
 */
public final class WebhookDriver {
    public static final ObjectMapper MAPPER = new ObjectMapper();
    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();

    public final LocalCloud cloud = TestCloud.get();
    public final ApiClient api = TestCloud.api();
    public final String admin = cloud.adminToken();
    public final String itemId;
    public final String templateId;

    public WebhookDriver(String name) {
        itemId = api.post("/items", admin, "{\"name\": \"" + name + "\", \"roles\": {\"admin\": [\"admins\"], \"manager\": [\"managers\"],"
                + " \"worker\": [\"workers\"]}}").body().path("itemId").asText();
        ApiClient.Response diagram = api.post(path("/diagrams"), admin, """
                {"name": "Repair", "start": "define",
                 "steps": [{"id": "define", "name": "Define", "type": "manual"}, {"id": "done", "name": "Done", "type": "end"}],
                 "paths": [{"from": "define", "to": "done"}]}""");
        assertEquals(201, diagram.status(), diagram.body().toString());
        ApiClient.Response template = api.post(path("/job-templates"), admin, "{\"name\": \"Repair\", \"diagramId\": \""
                + diagram.body().path("diagramId").asText() + "\"}");
        assertEquals(201, template.status(), template.body().toString());
        templateId = template.body().path("jobTemplateId").asText();
    }

    public String path(String suffix) {
        return "/items/" + itemId + suffix;
    }

    /** Registers a webhook for the driver's template; the answer carries the secret. */
    public JsonNode register(String kind, String security, String extraJson) {
        ApiClient.Response created = api.post(path("/webhooks"), admin, "{\"name\": \"" + kind + " " + security + "\", \"jobTemplateId\": \""
                + templateId + "\", \"kind\": \"" + kind + "\", \"security\": \"" + security + "\"" + extraJson + "}");
        assertEquals(201, created.status(), created.body().toString());
        return created.body();
    }

    public ApiClient.Response deliver(String webhookId, Map<String, String> headers, String body) {
        return deliverBytes(webhookId, headers, body.getBytes(StandardCharsets.UTF_8));
    }

    public ApiClient.Response deliverBytes(String webhookId, Map<String, String> headers, byte[] body) {
        return deliverTo(cloud.endpoints().api().resolve("/hooks/" + webhookId), headers, body);
    }

    /** A delivery to a URL as given, such as the one a registration answered. */
    public ApiClient.Response deliverTo(URI url, Map<String, String> headers, byte[] body) {
        HttpRequest.Builder request = HttpRequest.newBuilder(url)
                .timeout(Duration.ofSeconds(60))
                .POST(HttpRequest.BodyPublishers.ofByteArray(body))
                .header("Content-Type", "application/json");
        headers.forEach(request::header);
        try {
            HttpResponse<String> response = HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString());
            String text = response.body();
            return new ApiClient.Response(response.statusCode(), text == null || text.isEmpty() ? MAPPER.missingNode() : MAPPER.readTree(text));
        } catch (Exception e) {
            throw new IllegalStateException("POST " + url + " failed: " + e.getMessage(), e);
        }
    }

    /** The headers of an hmac delivery signed now (or at {@code unixSeconds}). */
    public static Map<String, String> signed(String secret, long unixSeconds, String body) {
        return Map.of("X-Webhook-Timestamp", Long.toString(unixSeconds),
                "X-Webhook-Signature", "sha256=" + HexFormat.of().formatHex(hmac(secret, unixSeconds + "." + body)));
    }

    public static Map<String, String> signedNow(String secret, String body) {
        return signed(secret, System.currentTimeMillis() / 1000, body);
    }

    public static byte[] hmac(String secret, String message) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
            return mac.doFinal(message.getBytes(StandardCharsets.UTF_8));
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    public JsonNode job(String jobId) {
        ApiClient.Response job = api.get(path("/jobs/" + jobId), admin);
        assertEquals(200, job.status(), job.body().toString());
        return job.body();
    }

    /** How many jobs the item holds, counted in the table (the API has no plain job listing to count with). */
    public int jobCount() {
        return TestTable.jobCount(itemId);
    }

    /** The body of a sample event of events/webhooks/, as the form app sent it. */
    public static String sampleBody(String file) {
        try {
            Path events = SamTemplate.locate(Path.of("")).getParent().resolve("events").resolve("webhooks").resolve(file);
            return MAPPER.readTree(Files.readString(events)).path("body").asText();
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }
}
