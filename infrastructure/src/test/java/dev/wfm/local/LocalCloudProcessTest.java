package dev.wfm.local;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.File;
import java.io.IOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/**
 * The local cloud as a user runs it: its own process, data on disk. What a job's execution was
 * waiting for before a restart (a task token) is still there after it, DynamoDB data survives,
 * SIGTERM (Ctrl-C) stops the process cleanly, and {@code token} prints a usable token.
 */
class LocalCloudProcessTest {
    private static final ObjectMapper MAPPER = new ObjectMapper();

    @Test
    void aJobWaitingOnAStepSurvivesARestartAndTheProcessStopsCleanly(@TempDir Path dataDir) throws Exception {
        String itemId;
        String jobId;
        Process first = start(dataDir);
        try {
            ApiClient api = new ApiClient(apiOf(dataDir));
            String admin = Files.readString(dataDir.resolve("admin.token")).strip();
            itemId = api.post("/items", admin, "{\"name\": \"Survivor\", \"roles\": {\"admin\": [\"admins\"], \"worker\": [\"workers\"]}}")
                    .body().path("itemId").asText();
            jobId = addressVerificationJob(api, admin, itemId);
            awaitCurrentStep(api, admin, itemId, jobId, "define");
        } finally {
            stop(first);
        }

        Process second = start(dataDir);
        try {
            ApiClient api = new ApiClient(apiOf(dataDir));
            String admin = Files.readString(dataDir.resolve("admin.token")).strip();
            assertEquals(200, api.get("/items/" + itemId, admin).status(), "the item survived in DynamoDB Local's files");
            ApiClient.Response finished = api.post("/items/" + itemId + "/jobs/" + jobId + "/action", admin,
                    "{\"type\": \"Finish\", \"stepIds\": [\"define\"]}");
            assertEquals(200, finished.status(), finished.body().toString());
            awaitCurrentStep(api, admin, itemId, jobId, "review");

            String workerToken = runToken(dataDir, "wanda", "workers");
            assertEquals(200, api.get("/items/" + itemId, workerToken).status(), "a token from `token` is accepted");
        } finally {
            stop(second);
        }
    }

    /**
     * The stream's checkpoint is kept in the data folder: events committed just before a kill -9
     * (and maybe not delivered yet) are delivered after the restart, and each has one effect, in
     * whichever of the two runs it was delivered.
     */
    @Test
    void jobEventsCommittedJustBeforeTheCloudIsKilledAreDeliveredOnceAfterARestart(@TempDir Path dataDir) throws Exception {
        String itemId;
        String jobId;
        Process first = start(dataDir);
        try {
            ApiClient api = new ApiClient(apiOf(dataDir));
            String admin = Files.readString(dataDir.resolve("admin.token")).strip();
            itemId = api.post("/items", admin, "{\"name\": \"Killed\", \"roles\": {\"admin\": [\"admins\"]}}").body().path("itemId").asText();
            jobId = addressVerificationJob(api, admin, itemId);
            assertEquals(200, api.post("/items/" + itemId + "/jobs/" + jobId + "/action", admin,
                    "{\"type\": \"Finish\", \"stepIds\": [\"define\"]}").status());
        } finally {
            first.destroyForcibly();
            first.waitFor(30, TimeUnit.SECONDS);
        }

        Process second = start(dataDir);
        try {
            ApiClient api = new ApiClient(apiOf(dataDir));
            String admin = Files.readString(dataDir.resolve("admin.token")).strip();
            awaitCurrentStep(api, admin, itemId, jobId, "review");
            int events = api.get("/items/" + itemId + "/jobs/" + jobId + "/history", admin).body().size();
            try (DynamoDbClient dynamo = DynamoDbClient.builder().endpointOverride(endpointOf(dataDir, "dynamodb"))
                    .region(Region.US_EAST_1).credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create("local", "local"))).build()) {
                Await.until(() -> countedEvents(dynamo, itemId) >= events, 30_000, "the " + events + " events to be counted");
                Thread.sleep(1_000); // a second delivery, if there were one, would come within the stream's polling
                assertEquals(events, countedEvents(dynamo, itemId), "every event of the job counted once");
            }
        } finally {
            stop(second);
        }
    }

    /** A new job of the address verification diagram in the item (its diagram and template made for it). */
    private static String addressVerificationJob(ApiClient api, String admin, String itemId) {
        String diagramId = api.post("/items/" + itemId + "/diagrams", admin, Fixtures.text("diagrams/address-verification.json"))
                .body().path("diagramId").asText();
        String templateId = api.post("/items/" + itemId + "/job-templates", admin,
                "{\"name\": \"t\", \"diagramId\": \"" + diagramId + "\"}").body().path("jobTemplateId").asText();
        return api.post("/items/" + itemId + "/jobs", admin, "{\"jobTemplateId\": \"" + templateId + "\"}").body().path("jobIds").path(0).asText();
    }

    /** How many job events the item's activity counts hold (every day, every type). */
    private static long countedEvents(DynamoDbClient dynamo, String itemId) {
        return dynamo.query(builder -> builder.tableName(TableRecords.TABLE).consistentRead(true)
                        .keyConditionExpression("pk = :pk AND begins_with(sk, :activity)")
                        .expressionAttributeValues(Map.of(":pk", AttributeValue.fromS("ITEM#" + itemId), ":activity", AttributeValue.fromS("ACTIVITY#"))))
                .items().stream().flatMap(record -> record.values().stream()).filter(value -> value.n() != null)
                .mapToLong(value -> Long.parseLong(value.n())).sum();
    }

    @Test
    void aFreshCloudIsSeededWithTheDemoWorkflow(@TempDir Path dataDir) throws Exception {
        Process cloud = start(dataDir, "--in-memory");
        try {
            ApiClient api = new ApiClient(apiOf(dataDir));
            String admin = Files.readString(dataDir.resolve("admin.token")).strip();
            JsonNode items = api.get("/items", admin).body().path("items");
            assertEquals(1, items.size());
            String itemId = items.path(0).path("itemId").asText();
            assertEquals(1, api.get("/items/" + itemId + "/diagrams", admin).body().path("diagrams").size());
            assertEquals(1, api.get("/items/" + itemId + "/job-templates", admin).body().path("jobTemplates").size());
        } finally {
            stop(cloud);
        }
    }

    @Test
    void aSecondCloudOnTheSameDataFolderExitsAndTheFirstKeepsWorking(@TempDir Path dataDir) throws Exception {
        Process first = start(dataDir);
        try {
            ApiClient api = new ApiClient(apiOf(dataDir));
            String admin = Files.readString(dataDir.resolve("admin.token")).strip();
            byte[] key = Files.readAllBytes(dataDir.resolve("dev-signing-key.json"));
            byte[] endpoints = Files.readAllBytes(dataDir.resolve("endpoints.json"));

            Path log = dataDir.resolve("second.log");
            Process second = java(List.of("dev.wfm.local.LocalCloudMain", "--port", "0", "--data-dir", dataDir.toString(), "--no-demo"))
                    .redirectErrorStream(true).redirectOutput(log.toFile()).start();
            boolean exited = second.waitFor(60, TimeUnit.SECONDS);
            if (!exited) {
                stop(second);
            }
            String output = Files.readString(log);
            assertTrue(exited, "the second cloud exits by itself: " + output);
            assertTrue(second.exitValue() != 0, "with a failure status: " + output);
            assertTrue(output.contains("in use by another local cloud (process " + first.pid() + ")"), output);

            assertArrayEquals(key, Files.readAllBytes(dataDir.resolve("dev-signing-key.json")), "the signing key is untouched");
            assertArrayEquals(endpoints, Files.readAllBytes(dataDir.resolve("endpoints.json")), "the endpoints are the first cloud's");
            assertEquals(200, api.get("/items", admin).status(), "the first cloud's tokens still work");
        } finally {
            stop(first);
        }
    }

    private static Process start(Path dataDir) throws IOException, InterruptedException {
        return start(dataDir, "--no-demo");
    }

    private static Process start(Path dataDir, String mode) throws IOException, InterruptedException {
        Files.deleteIfExists(dataDir.resolve("endpoints.json"));
        Process process = java(List.of("dev.wfm.local.LocalCloudMain", "--port", "0", "--data-dir", dataDir.toString(), mode))
                .redirectOutput(dataDir.resolve("stdout.log").toFile())
                .redirectError(dataDir.resolve("stderr.log").toFile())
                .start();
        long deadline = System.currentTimeMillis() + 90_000;
        while (!Files.exists(dataDir.resolve("endpoints.json"))) {
            if (!process.isAlive() || System.currentTimeMillis() > deadline) {
                process.destroyForcibly();
                throw new AssertionError("The local cloud did not start: " + Files.readString(dataDir.resolve("stderr.log")));
            }
            Thread.sleep(100);
        }
        return process;
    }

    /** SIGTERM, as Ctrl-C or a service manager would send; the shutdown hook must stop everything. */
    private static void stop(Process process) throws InterruptedException {
        process.destroy();
        boolean exited = process.waitFor(30, TimeUnit.SECONDS);
        if (!exited) {
            process.destroyForcibly();
        }
        assertTrue(exited, "the local cloud exits on SIGTERM");
    }

    private static String runToken(Path dataDir, String user, String groups) throws IOException, InterruptedException {
        Process process = java(List.of("dev.wfm.local.LocalCloudMain", "token", "--user", user, "--groups", groups,
                "--data-dir", dataDir.toString())).redirectErrorStream(true).start();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8).strip();
        assertTrue(process.waitFor(30, TimeUnit.SECONDS));
        assertEquals(0, process.exitValue(), output);
        return output.lines().reduce((first, last) -> last).orElseThrow();
    }

    private static ProcessBuilder java(List<String> arguments) {
        List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        command.add("-cp");
        command.add(System.getProperty("java.class.path"));
        command.addAll(arguments);
        return new ProcessBuilder(command).directory(new File(System.getProperty("user.dir")));
    }

    private static URI apiOf(Path dataDir) throws IOException {
        return endpointOf(dataDir, "api");
    }

    private static URI endpointOf(Path dataDir, String service) throws IOException {
        return URI.create(MAPPER.readTree(dataDir.resolve("endpoints.json").toFile()).path(service).asText());
    }

    private static void awaitCurrentStep(ApiClient api, String token, String itemId, String jobId, String stepId) throws InterruptedException {
        long deadline = System.currentTimeMillis() + 20_000;
        while (System.currentTimeMillis() < deadline) {
            JsonNode steps = api.get("/items/" + itemId + "/jobs/" + jobId, token).body().path("currentSteps");
            if (steps.size() == 1 && steps.get(0).path("stepId").asText().equals(stepId)) {
                return;
            }
            Thread.sleep(50);
        }
        throw new AssertionError("job " + jobId + " never reached " + stepId);
    }
}
