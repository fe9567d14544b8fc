package dev.wfm.local.webhooks;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;

import com.fasterxml.jackson.databind.JsonNode;
import dev.wfm.local.ApiClient;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;

/** A submission is one job however often, and however concurrently, it is delivered. */
class WebhookDeduplicationTest {
    private static final WebhookDriver DRIVER = new WebhookDriver("Webhook deduplication");

    private static String survey(String globalId) {
        return WebhookDriver.sampleBody("survey123-delivery.json").replace("{7F3C1B2E-9A4D-4C1E-8B6F-2D5E8A9C0B11}", globalId);
    }

    @Test
    void tenSequentialDeliveriesOfOneSubmissionCreateOneJob() {
        JsonNode hook = DRIVER.register("survey123", "secret", "");
        Map<String, String> headers = Map.of("X-Webhook-Secret", hook.path("secret").asText());
        int before = DRIVER.jobCount();
        Set<JsonNode> answers = new HashSet<>();
        for (int i = 0; i < 10; i++) {
            ApiClient.Response response = DRIVER.deliver(hook.path("webhookId").asText(), headers, survey("{SEQ-0001}"));
            assertEquals(202, response.status(), response.body().toString());
            answers.add(response.body().path("jobIds"));
        }
        assertEquals(1, answers.size(), answers.toString());
        assertEquals(1, answers.iterator().next().size());
        assertEquals(before + 1, DRIVER.jobCount());
        DRIVER.job(answers.iterator().next().path(0).asText());
    }

    @Test
    void tenConcurrentDeliveriesOfOneSubmissionCreateOneJob() throws Exception {
        JsonNode hook = DRIVER.register("survey123", "hmac", "");
        String secret = hook.path("secret").asText();
        String body = survey("{CONC-0001}");
        int before = DRIVER.jobCount();
        ExecutorService pool = Executors.newFixedThreadPool(10);
        CountDownLatch start = new CountDownLatch(1);
        List<Future<ApiClient.Response>> deliveries = new ArrayList<>();
        for (int i = 0; i < 10; i++) {
            deliveries.add(pool.submit(() -> {
                start.await();
                return DRIVER.deliver(hook.path("webhookId").asText(), WebhookDriver.signedNow(secret, body), body);
            }));
        }
        start.countDown();
        Set<JsonNode> answers = new HashSet<>();
        for (Future<ApiClient.Response> delivery : deliveries) {
            ApiClient.Response response = delivery.get();
            assertEquals(202, response.status(), response.body().toString());
            answers.add(response.body().path("jobIds"));
        }
        pool.shutdown();
        assertEquals(1, answers.size(), answers.toString());
        assertEquals(before + 1, DRIVER.jobCount());
        DRIVER.job(answers.iterator().next().path(0).asText());
    }

    @Test
    void distinctSubmissionsAreDistinctJobs() {
        JsonNode hook = DRIVER.register("survey123", "secret", "");
        Map<String, String> headers = Map.of("X-Webhook-Secret", hook.path("secret").asText());
        JsonNode first = DRIVER.deliver(hook.path("webhookId").asText(), headers, survey("{DIST-0001}")).body().path("jobIds");
        JsonNode second = DRIVER.deliver(hook.path("webhookId").asText(), headers, survey("{DIST-0002}")).body().path("jobIds");
        assertNotEquals(first, second);
    }

    @Test
    void aGenericWebhookDeduplicatesByItsIdExpressionOrElseTheIdempotencyKey() {
        JsonNode byExpression = DRIVER.register("generic", "secret", ", \"idExpression\": \"{% order.number %}\"");
        Map<String, String> headers = Map.of("X-Webhook-Secret", byExpression.path("secret").asText());
        String id = byExpression.path("webhookId").asText();
        JsonNode a = DRIVER.deliver(id, headers, "{\"title\": \"A\", \"order\": {\"number\": 4711}}").body().path("jobIds");
        JsonNode b = DRIVER.deliver(id, headers, "{\"title\": \"A again\", \"order\": {\"number\": 4711}}").body().path("jobIds");
        assertEquals(a, b);

        JsonNode byHeader = DRIVER.register("generic", "secret", "");
        String headerId = byHeader.path("webhookId").asText();
        String secret = byHeader.path("secret").asText();
        JsonNode c = DRIVER.deliver(headerId, Map.of("X-Webhook-Secret", secret, "Idempotency-Key", "k-1"), "{\"title\": \"C\"}").body().path("jobIds");
        JsonNode d = DRIVER.deliver(headerId, Map.of("X-Webhook-Secret", secret, "Idempotency-Key", "k-1"), "{\"title\": \"C\"}").body().path("jobIds");
        JsonNode e = DRIVER.deliver(headerId, Map.of("X-Webhook-Secret", secret), "{\"title\": \"C\"}").body().path("jobIds");
        assertEquals(c, d);
        assertNotEquals(c, e);
    }
}
