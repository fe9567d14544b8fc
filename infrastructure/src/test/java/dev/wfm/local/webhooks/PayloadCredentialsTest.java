package dev.wfm.local.webhooks;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.wfm.local.ApiClient;
import dev.wfm.local.Await;
import dev.wfm.local.TestTable;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.zip.GZIPInputStream;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.core.SdkField;
import software.amazon.awssdk.core.SdkPojo;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.sfn.SfnClient;
import software.amazon.awssdk.services.sfn.model.ExecutionListItem;

/**
 * The live credentials a Survey123 payload carries (portalInfo.token, serverInfo.token, and
 * whatever else its info blocks name like a credential) are never kept: not in the table (the
 * delivery log's kept payloads included), not in the executions' histories, not in any answer,
 * even for a mapping that copies the whole payload into the job.
 */
class PayloadCredentialsTest {
    private static final WebhookDriver DRIVER = new WebhookDriver("Payload credentials");
    private static final List<String> CREDENTIALS = List.of("CRED-PORTAL-TOKEN-1", "CRED-SERVER-TOKEN-2", "CRED-ACCESS-TOKEN-3",
            "CRED-API-KEY-4", "CRED-USER-PASSWORD-5", "CRED-NESTED-SECRET-6", "CRED-TOP-LEVEL-TOKEN-7");

    private static String payloadWithCredentials(String globalId) throws IOException {
        ObjectNode payload = (ObjectNode) WebhookDriver.MAPPER.readTree(WebhookDriver.sampleBody("survey123-delivery.json")
                .replace("{7F3C1B2E-9A4D-4C1E-8B6F-2D5E8A9C0B11}", globalId));
        ((ObjectNode) payload.get("portalInfo")).put("token", CREDENTIALS.get(0)).put("apiKey", CREDENTIALS.get(3));
        ((ObjectNode) payload.get("serverInfo")).put("token", CREDENTIALS.get(1)).put("access_token", CREDENTIALS.get(2))
                .putObject("connection").put("Client-Secret", CREDENTIALS.get(5));
        ((ObjectNode) payload.get("userInfo")).put("password", CREDENTIALS.get(4));
        payload.put("accessToken", CREDENTIALS.get(6));
        return payload.toString();
    }

    @Test
    void noCredentialOfAPayloadReachesTheTableTheExecutionsOrAnyAnswer() throws Exception {
        // Both mappings copy the whole payload into the job's description; the second also fails, so its payload is kept.
        JsonNode copying = DRIVER.register("survey123", "secret", ", \"mapping\": {\"description\": \"{% $string($) %}\"}");
        JsonNode failing = DRIVER.register("survey123", "secret", ", \"mapping\": {\"description\": \"{% $string($) %}\","
                + " \"priority\": \"{% feature.attributes.pothole_size %}\"}");
        List<String> answers = new ArrayList<>();

        ApiClient.Response delivered = DRIVER.deliver(copying.path("webhookId").asText(),
                Map.of("X-Webhook-Secret", copying.path("secret").asText()), payloadWithCredentials("{CRED-0001}"));
        assertEquals(202, delivered.status(), delivered.body().toString());
        ApiClient.Response refused = DRIVER.deliver(failing.path("webhookId").asText(),
                Map.of("X-Webhook-Secret", failing.path("secret").asText()), payloadWithCredentials("{CRED-0002}"));
        assertEquals(400, refused.status(), refused.body().toString());
        answers.add(delivered.body().toString());
        answers.add(refused.body().toString());

        String jobId = delivered.body().path("jobIds").path(0).asText();
        JsonNode job = DRIVER.job(jobId);
        assertTrue(job.path("description").asText().contains("https://www.arcgis.com"), "the mapping copies the info blocks: " + job);
        Await.until(() -> !DRIVER.job(jobId).path("currentSteps").isEmpty(), 60_000, "the job's execution to make its first step current");
        answers.add(DRIVER.api.get(DRIVER.path("/jobs/" + jobId + "?holds=true&extended=true"), DRIVER.admin).body().toString());
        answers.add(DRIVER.api.get(DRIVER.path("/jobs/" + jobId + "/history"), DRIVER.admin).body().toString());
        for (JsonNode hook : List.of(copying, failing)) {
            answers.add(DRIVER.api.get(DRIVER.path("/webhooks/" + hook.path("webhookId").asText() + "/deliveries"), DRIVER.admin).body().toString());
        }
        ApiClient.Response replayed = DRIVER.api.post(DRIVER.path("/webhooks/" + failing.path("webhookId").asText() + "/deliveries/"
                + refused.body().path("meta").path("deliveryId").asText() + "/replay"), DRIVER.admin, null);
        assertEquals("Failed", replayed.body().path("status").asText(), replayed.body().toString());
        answers.add(replayed.body().toString());

        List<String> table = new ArrayList<>();
        TestTable.scan().forEach(record -> record.values().forEach(value -> texts(value, table)));
        assertTrue(table.stream().anyMatch(text -> text.contains("{CRED-0002}") && text.contains("Pothole report")),
                "the failed delivery's payload is kept (gzipped) for its replay");
        List<String> executions = executionTexts(jobId);
        assertTrue(executions.stream().anyMatch(text -> text.contains("https://www.arcgis.com")), "the execution's input carries the job");

        for (String credential : CREDENTIALS) {
            assertFalse(answers.stream().anyMatch(text -> text.contains(credential)), credential + " in an answer: " + answers);
            assertFalse(table.stream().anyMatch(text -> text.contains(credential)), credential + " in the table");
            assertFalse(executions.stream().anyMatch(text -> text.contains(credential)), credential + " in an execution's history");
        }
    }

    /** Every text of an attribute, gzipped binaries unpacked. */
    private static void texts(AttributeValue value, List<String> out) {
        if (value.s() != null) {
            out.add(value.s());
        } else if (value.b() != null) {
            byte[] bytes = value.b().asByteArray();
            try (GZIPInputStream in = new GZIPInputStream(new ByteArrayInputStream(bytes))) {
                out.add(new String(in.readAllBytes(), StandardCharsets.UTF_8));
            } catch (IOException notGzip) {
                out.add(new String(bytes, StandardCharsets.UTF_8));
            }
        } else if (value.hasM()) {
            value.m().values().forEach(nested -> texts(nested, out));
        } else if (value.hasL()) {
            value.l().forEach(nested -> texts(nested, out));
        } else if (value.hasSs()) {
            out.addAll(value.ss());
        }
    }

    /** Every text field of every event of the job's executions, read with GetExecutionHistory. */
    private static List<String> executionTexts(String jobId) {
        List<String> texts = new ArrayList<>();
        try (SfnClient sfn = SfnClient.builder().endpointOverride(DRIVER.cloud.endpoints().stepfunctions()).build()) {
            sfn.listStateMachinesPaginator(b -> { }).stateMachines().stream()
                    .filter(machine -> machine.name().contains(DRIVER.itemId))
                    .flatMap(machine -> sfn.listExecutionsPaginator(b -> b.stateMachineArn(machine.stateMachineArn())).executions().stream())
                    .map(ExecutionListItem::executionArn)
                    .filter(arn -> arn.contains(jobId))
                    .forEach(arn -> sfn.getExecutionHistoryPaginator(b -> b.executionArn(arn)).events()
                            .forEach(event -> fieldTexts(event, texts)));
        }
        assertFalse(texts.isEmpty(), "the job's execution has a history");
        return texts;
    }

    /** The SDK redacts sensitive fields (inputs, outputs) in toString, so the fields are read one by one. */
    private static void fieldTexts(SdkPojo pojo, List<String> out) {
        for (SdkField<?> field : pojo.sdkFields()) {
            Object value = field.getValueOrDefault(pojo);
            if (value instanceof SdkPojo nested) {
                fieldTexts(nested, out);
            } else if (value != null) {
                out.add(value.toString());
            }
        }
    }
}
