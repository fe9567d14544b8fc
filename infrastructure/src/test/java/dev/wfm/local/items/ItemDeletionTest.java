package dev.wfm.local.items;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.wfm.local.ApiClient;
import dev.wfm.local.Await;
import dev.wfm.local.Fixtures;
import dev.wfm.local.LocalCloud;
import dev.wfm.local.TableRecords;
import dev.wfm.local.TestCloud;
import dev.wfm.local.s3.LocalS3;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.sfn.SfnClient;
import software.amazon.awssdk.services.sfn.model.StateMachineListItem;

/**
 * DELETE /items/{itemId} through the local cloud: the item is gone at once for its users, and in
 * the background its schedules, webhooks, jobs (with their files and locations), state
 * machines and records follow, step by step from the table's stream, leaving only the report.
 */
class ItemDeletionTest {
    private final LocalCloud cloud = TestCloud.get();
    private final ApiClient api = TestCloud.api();
    private final String admin = cloud.adminToken();

    @Test
    void deletingAnItemRemovesEverythingInItAndLeavesOnlyItsReport() throws Exception {
        String itemId = api.post("/items", admin, "{\"name\": \"Doomed\", \"roles\": {\"admin\": [\"admins\"], \"worker\": [\"workers\"]}}")
                .created().path("itemId").asText();
        String item = "/items/" + itemId;
        String diagramId = api.post(item + "/diagrams", admin, Fixtures.text("diagrams/address-verification.json")).created()
                .path("diagramId").asText();
        String templateId = api.post(item + "/job-templates", admin, "{\"name\": \"t\", \"diagramId\": \"" + diagramId + "\"}").created()
                .path("jobTemplateId").asText();
        List<String> jobIds = new ArrayList<>();
        api.post(item + "/jobs", admin, "{\"jobTemplateId\": \"" + templateId + "\", \"numberOfJobs\": 3}").created().path("jobIds")
                .forEach(id -> jobIds.add(id.asText()));
        for (String jobId : jobIds) {
            Await.until(() -> api.get(item + "/jobs/" + jobId, admin).body().path("currentSteps").size() == 1, 20_000, "job started");
        }
        assertEquals(201, api.raw("POST", item + "/jobs/" + jobIds.get(0) + "/attachments?name=plan.txt", admin, "text/plain",
                "a plan".getBytes(StandardCharsets.UTF_8)).statusCode());
        assertEquals(200, api.send("PUT", item + "/jobs/" + jobIds.get(1) + "/location", admin,
                "{\"type\": \"Point\", \"coordinates\": [1, 2]}").status());
        JsonNode webhook = api.post(item + "/webhooks", admin, "{\"name\": \"w\", \"jobTemplateId\": \"" + templateId
                + "\", \"kind\": \"generic\", \"security\": \"secret\"}").created();
        api.post(item + "/job-templates/" + templateId + "/schedules", admin, "{\"expression\": \"rate(1 day)\"}").created();

        ApiClient.Response refused = api.send("DELETE", item, cloud.token("wendy", List.of("workers")), null);
        assertEquals(403, refused.status(), refused.body().toString());
        ApiClient.Response accepted = api.send("DELETE", item, admin, null);
        assertEquals(202, accepted.status(), accepted.body().toString());
        assertEquals("deleting", accepted.body().path("status").asText());
        assertEquals(404, api.get(item, admin).status(), "the item is gone for its users at once");
        assertEquals(404, api.get(item + "/jobs/" + jobIds.get(0), admin).status());

        JsonNode report = awaitDeleted(item);
        assertEquals(3, report.path("deleted").path("jobs").asInt(), report.toString());
        assertEquals(1, report.path("deleted").path("stateMachines").asInt(), report.toString());
        assertEquals(2, report.path("deleted").path("schedulesTasksAndWebhooks").asInt(), report.toString());
        assertEquals("admin", report.path("requestedBy").asText());

        try (TableRecords table = new TableRecords(cloud.endpoints().dynamodb())) {
            assertEquals(Set.of("ITEM#" + itemId + " DELETION"), table.partition("ITEM#" + itemId).keySet(), "only the report is left");
            assertTrue(table.all().keySet().stream().noneMatch(key -> key.startsWith("ITEM#" + itemId + "#CELL")), "no spatial index cells");
        }
        try (SfnClient sfn = SfnClient.builder().endpointOverride(cloud.endpoints().stepfunctions()).region(Region.US_EAST_1)
                .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create("local", "local"))).build()) {
            assertTrue(sfn.listStateMachinesPaginator(b -> {}).stateMachines().stream().map(StateMachineListItem::name)
                    .noneMatch(name -> name.contains(itemId)), "the item's state machines are deleted");
        }
        try (S3Client s3 = S3Client.builder().endpointOverride(cloud.endpoints().s3()).region(Region.US_EAST_1).forcePathStyle(true)
                .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create(LocalS3.ACCESS_KEY, LocalS3.SECRET_KEY)))
                .httpClientBuilder(UrlConnectionHttpClient.builder()).build()) {
            assertEquals(0, s3.listObjectsV2(b -> b.bucket("attachmentsbucket").prefix(itemId + "/")).keyCount(), "attachment files removed");
        }
        assertEquals(404, api.send("POST", "/hooks/" + webhook.path("webhookId").asText(), null, "{\"id\": \"x\"}",
                Map.of("X-Webhook-Secret", webhook.path("secret").asText())).status(), "its webhook takes nothing more");
        assertEquals(List.of(), api.get("/items", admin).body().path("items").findValuesAsText("itemId").stream()
                .filter(itemId::equals).toList());

        ApiClient.Response again = api.send("DELETE", item, admin, null);
        assertEquals(404, again.status(), "a deleted item is not found: " + again.body());
        assertEquals(404, api.get(item + "/deletion", cloud.token("wendy", List.of("workers"))).status(), "the report is its admins'");
    }

    private JsonNode awaitDeleted(String item) {
        JsonNode[] report = new JsonNode[1];
        Await.until(() -> {
            ApiClient.Response read = api.get(item + "/deletion", admin);
            report[0] = read.body();
            return read.status() == 200 && "deleted".equals(read.body().path("status").asText());
        }, 30_000, "the item deleted");
        return report[0];
    }
}
