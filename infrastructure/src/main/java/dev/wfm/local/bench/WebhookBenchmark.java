package dev.wfm.local.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.wfm.local.LocalCloud;
import dev.wfm.local.template.SamTemplate;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HexFormat;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * Webhook delivery → job created, next to a plain {@code POST /jobs} (numberOfJobs 1), in one run
 * of the local cloud over HTTP. Each delivery is the events/ Survey123 submission with its own
 * globalid, HMAC-signed: verified, mapped, its geometry validated and projected, the receipt
 * reserved, the job written and its execution started before the 202. The two are interleaved so
 * both see the same machine state.
 * <pre>
 *   mvn -q -B package -DskipTests
 *   java -cp infrastructure/target/local-cloud.jar dev.wfm.local.bench.WebhookBenchmark [--runs 300]
 * </pre>
 */
public final class WebhookBenchmark {
    private static final ObjectMapper MAPPER = new ObjectMapper();
    private static final HttpClient HTTP = HttpClient.newHttpClient();
    private static final String GLOBAL_ID = "{7F3C1B2E-9A4D-4C1E-8B6F-2D5E8A9C0B11}";

    private WebhookBenchmark() {}

    public static void main(String[] args) throws Exception {
        int runs = LocalCloudBenchmark.option(args, "--runs", 300);
        Path template = SamTemplate.locate(Path.of(""));
        String survey = MAPPER.readTree(Files.readString(template.getParent().resolve("events/webhooks/survey123-delivery.json")))
                .path("body").asText();
        try (LocalCloud cloud = LocalCloud.start(new LocalCloud.Options(0, Files.createTempDirectory("wfm-webhook-bench"), true, template))) {
            URI api = cloud.endpoints().api();
            String token = cloud.adminToken();
            OneStepItem item = OneStepItem.create(api, token, "Webhook benchmark");
            String itemId = item.itemId();
            String templateId = item.templateId();
            JsonNode hook = LocalCloudBenchmark.send("POST", api.resolve("/items/" + itemId + "/webhooks"), token,
                    "{\"name\": \"Potholes\", \"jobTemplateId\": \"" + templateId + "\", \"kind\": \"survey123\", \"security\": \"hmac\"}");
            URI hookUri = api.resolve("/hooks/" + hook.path("webhookId").asText());
            String secret = hook.path("secret").asText();
            URI jobsUri = api.resolve("/items/" + itemId + "/jobs");
            String createBody = "{\"jobTemplateId\": \"" + templateId + "\"}";

            Stats deliveries = new Stats();
            Stats creates = new Stats();
            int warmup = 30;
            String lastJobId = null;
            for (int i = 0; i < warmup + runs; i++) {
                String body = survey.replace(GLOBAL_ID, "{BENCH-" + i + "}");
                long t = System.nanoTime();
                JsonNode delivered = deliver(hookUri, secret, body);
                long deliveryNanos = System.nanoTime() - t;
                t = System.nanoTime();
                JsonNode created = LocalCloudBenchmark.send("POST", jobsUri, token, createBody);
                long createNanos = System.nanoTime() - t;
                if (delivered.path("jobIds").size() != 1 || created.path("jobIds").size() != 1) {
                    throw new IllegalStateException("expected one job each, got " + delivered + " and " + created);
                }
                lastJobId = delivered.path("jobIds").path(0).asText();
                if (i >= warmup) {
                    deliveries.add(deliveryNanos);
                    creates.add(createNanos);
                }
            }
            JsonNode job = LocalCloudBenchmark.send("GET", api.resolve("/items/" + itemId + "/jobs/" + lastJobId), token, null);
            if (!job.path("jobId").asText().equals(lastJobId)) {
                throw new IllegalStateException("the delivered job cannot be read back: " + job);
            }
            System.out.println();
            System.out.println("Webhook benchmark (" + Runtime.getRuntime().availableProcessors() + " cores, " + warmup + " warm-up pairs)");
            System.out.println(deliveries.line("HTTP: POST /hooks/{id} (Survey123, hmac) -> 202, job created"));
            System.out.println(creates.line("HTTP: POST /jobs numberOfJobs=1 -> 201"));
            System.out.printf("ratio of medians: webhook / POST /jobs = %.2f%n", deliveries.medianMillis() / creates.medianMillis());
        }
    }

    private static JsonNode deliver(URI hook, String secret, String body) throws Exception {
        String timestamp = Long.toString(System.currentTimeMillis() / 1000);
        Mac mac = Mac.getInstance("HmacSHA256");
        mac.init(new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
        String signature = HexFormat.of().formatHex(mac.doFinal((timestamp + "." + body).getBytes(StandardCharsets.UTF_8)));
        HttpResponse<String> response = HTTP.send(HttpRequest.newBuilder(hook)
                .POST(HttpRequest.BodyPublishers.ofString(body))
                .header("Content-Type", "application/json")
                .header("X-Webhook-Timestamp", timestamp)
                .header("X-Webhook-Signature", "sha256=" + signature)
                .build(), HttpResponse.BodyHandlers.ofString());
        if (response.statusCode() != 202) {
            throw new IllegalStateException("delivery answered " + response.statusCode() + ": " + response.body());
        }
        return MAPPER.readTree(response.body());
    }
}
