package dev.wfm.local.attachments;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.wfm.attachments.AttachmentFiles;
import dev.wfm.attachments.Attachments;
import dev.wfm.local.ApiClient;
import dev.wfm.local.Fixtures;
import dev.wfm.local.LocalCloud;
import dev.wfm.local.TestCloud;
import dev.wfm.local.TestJobs;
import dev.wfm.local.s3.LocalS3;
import dev.wfm.store.DocumentStore;
import dev.wfm.store.Table;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.S3Object;
import software.amazon.awssdk.services.s3.presigner.S3Presigner;

/** Files and links attached to jobs, through the HTTP API, with the bytes in the local S3 (S3Proxy). */
class AttachmentsTest {
    private static final int LIMIT = 4 * 1024 * 1024;
    private static final LocalCloud cloud = TestCloud.get();
    private static final ApiClient api = TestCloud.api();
    private static final String admin = cloud.adminToken();
    private static final String amy = cloud.token("amy", List.of("workers"));
    private static final String bob = cloud.token("bob", List.of("workers"));
    private static final String stranger = cloud.token("eve", List.of("elsewhere"));
    private static String itemId;
    private static String templateId;
    private static S3Client s3;

    @BeforeAll
    static void setUp() {
        itemId = api.post("/items", admin, "{\"name\": \"Attachments\", \"roles\": {\"admin\": [\"admins\"], \"worker\": [\"workers\"]}}").created()
                .path("itemId").asText();
        String diagramId = api.post("/items/" + itemId + "/diagrams", admin, Fixtures.text("diagrams/address-verification.json")).created()
                .path("diagramId").asText();
        templateId = api.post("/items/" + itemId + "/job-templates", admin, "{\"name\": \"Survey\", \"diagramId\": \"" + diagramId
                + "\", \"assignedType\": \"User\", \"assignedTo\": \"amy\"}").created().path("jobTemplateId").asText();
        s3 = S3Client.builder().endpointOverride(cloud.endpoints().s3()).region(Region.US_EAST_1).forcePathStyle(true)
                .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create(LocalS3.ACCESS_KEY, LocalS3.SECRET_KEY)))
                .httpClientBuilder(UrlConnectionHttpClient.builder()).build();
    }

    @AfterAll
    static void tearDown() {
        s3.close();
    }


    /** A job at its first step (assigned to amy: the template says so). */
    private static String newJob() {
        return TestJobs.started(api, admin, itemId, templateId);
    }

    private static String jobPath(String jobId) {
        return "/items/" + itemId + "/jobs/" + jobId;
    }

    private static HttpResponse<byte[]> upload(String token, String jobId, String query, String contentType, byte[] content) {
        return api.raw("POST", jobPath(jobId) + "/attachments" + query, token, contentType, content);
    }

    private static String named(String name) {
        return "?name=" + URLEncoder.encode(name, StandardCharsets.UTF_8).replace("+", "%20");
    }

    private static byte[] randomBytes(int size) {
        byte[] bytes = new byte[size];
        new Random(size).nextBytes(bytes);
        return bytes;
    }

    private static java.util.Set<String> fieldNames(JsonNode node) {
        java.util.Set<String> names = new java.util.TreeSet<>();
        node.fieldNames().forEachRemaining(names::add);
        return names;
    }

    private static List<String> objectKeys(String prefix) {
        return s3.listObjectsV2(request -> request.bucket("attachmentsbucket").prefix(prefix)).contents().stream().map(S3Object::key).toList();
    }

    @Test
    void aFileGoesInWholeAndComesBackByContentAndByPresignedUrl() throws Exception {
        String jobId = newJob();
        byte[] content = randomBytes(300_000);
        String name = "site plan (v2) «final».pdf";
        ApiClient.Response added = ApiClient.json(upload(amy, jobId, named(name) + "&alias=Plan&folder=drawings", "application/pdf", content));
        assertEquals(201, added.status(), added.body().toString());
        JsonNode attachment = added.body();
        String attachmentId = attachment.path("attachmentId").asText();
        assertEquals("file", attachment.path("type").asText());
        assertEquals(name, attachment.path("name").asText());
        assertEquals(content.length, attachment.path("size").asLong());
        assertEquals("application/pdf", attachment.path("contentType").asText());
        assertEquals("Plan", attachment.path("alias").asText());
        assertEquals("drawings", attachment.path("folder").asText());
        assertEquals("amy", attachment.path("createdBy").asText());
        assertEquals(java.util.Set.of("attachmentId", "jobId", "type", "name", "alias", "folder", "contentType", "size", "createdBy",
                "created", "updated", "status", "revision"), fieldNames(attachment));
        assertEquals("available", attachment.path("status").asText());

        JsonNode listed = api.get(jobPath(jobId) + "/attachments", bob).body().path("attachments");
        assertEquals(1, listed.size(), "any role reads: " + listed);
        assertEquals(attachmentId, listed.path(0).path("attachmentId").asText());

        HttpResponse<byte[]> body = api.raw("GET", jobPath(jobId) + "/attachments/" + attachmentId + "/content", bob, null, null);
        assertEquals(200, body.statusCode());
        assertArrayEquals(content, body.body(), "every byte comes back");
        assertEquals("application/pdf", body.headers().firstValue("content-type").orElseThrow());
        assertEquals("nosniff", body.headers().firstValue("x-content-type-options").orElseThrow());
        String disposition = body.headers().firstValue("content-disposition").orElseThrow();
        assertTrue(disposition.startsWith("attachment; filename=\"site plan (v2) _final_.pdf\"; filename*=UTF-8''"), disposition);

        JsonNode url = api.get(jobPath(jobId) + "/attachments/" + attachmentId + "/url", bob).body();
        Instant expires = Instant.parse(url.path("expires").asText());
        assertTrue(Math.abs(Duration.between(Instant.now().plus(Duration.ofMinutes(15)), expires).toSeconds()) < 60, url.toString());
        assertTrue(url.path("url").asText().contains("X-Amz-Expires=900"), url.toString());
        HttpClient plain = HttpClient.newHttpClient();
        HttpResponse<byte[]> direct = plain.send(HttpRequest.newBuilder(URI.create(url.path("url").asText())).build(),
                HttpResponse.BodyHandlers.ofByteArray());
        assertEquals(200, direct.statusCode(), "a pre-signed URL needs no token");
        assertArrayEquals(content, direct.body());
        String forged = url.path("url").asText().replace("X-Amz-Expires=900", "X-Amz-Expires=86400");
        assertEquals(403, plain.send(HttpRequest.newBuilder(URI.create(forged)).build(), HttpResponse.BodyHandlers.discarding()).statusCode(),
                "the validity is signed: lengthening it breaks the signature");

        assertEquals(List.of(itemId + "/" + jobId + "/" + attachmentId), objectKeys(itemId + "/" + jobId + "/"),
                "the object key is made of ids only");
    }

    @Test
    void aliasAndFolderChangeWithTheRevisionAndDeleteRemovesRecordAndBytes() {
        String jobId = newJob();
        String attachmentId = ApiClient.json(upload(amy, jobId, named("notes.txt"), "text/plain; charset=utf-8",
                "field notes".getBytes(StandardCharsets.UTF_8))).body().path("attachmentId").asText();
        String path = jobPath(jobId) + "/attachments/" + attachmentId;
        long revision = api.get(path, admin).body().path("revision").asLong();

        ApiClient.Response relabelled = api.send("PUT", path, amy, "{\"alias\": \"Notes\", \"folder\": \"field\", \"revision\": " + revision + "}");
        assertEquals(200, relabelled.status(), relabelled.body().toString());
        assertEquals("Notes", relabelled.body().path("alias").asText());
        assertEquals("field", relabelled.body().path("folder").asText());
        assertEquals("notes.txt", relabelled.body().path("name").asText(), "the name stays");
        ApiClient.Response stale = api.send("PUT", path, amy, "{\"alias\": \"Late\", \"revision\": " + revision + "}");
        assertEquals(409, stale.status(), stale.body().toString());
        ApiClient.Response cleared = api.send("PUT", path, amy, "{\"folder\": null}");
        assertTrue(cleared.body().path("folder").isMissingNode(), cleared.body().toString());
        assertEquals("Notes", cleared.body().path("alias").asText());

        assertEquals(403, api.send("DELETE", path, bob, null).status(), "bob may not work on amy's step");
        assertEquals(204, api.send("DELETE", path, amy, null).status());
        assertEquals(404, api.get(path, admin).status());
        assertEquals(404, api.get(path + "/content", admin).status());
        assertEquals(List.of(), objectKeys(itemId + "/" + jobId + "/"));
        assertEquals(0, api.get(jobPath(jobId) + "/attachments", admin).body().path("attachments").size());
    }

    @Test
    void linksAreHttpUrlsThatAnswerTheirOwnUrl() {
        String jobId = newJob();
        ApiClient.Response link = api.post(jobPath(jobId) + "/attachments", admin,
                "{\"url\": \"https://example.org/specs/road-7?rev=3\", \"alias\": \"Spec\", \"folder\": \"refs\"}");
        assertEquals(201, link.status(), link.body().toString());
        assertEquals("link", link.body().path("type").asText());
        String path = jobPath(jobId) + "/attachments/" + link.body().path("attachmentId").asText();
        JsonNode url = api.get(path + "/url", admin).body();
        assertEquals("https://example.org/specs/road-7?rev=3", url.path("url").asText());
        assertTrue(url.path("expires").isMissingNode());
        assertEquals(404, api.get(path + "/content", admin).status(), "a link has no stored content");
        for (String bad : List.of("javascript:alert(1)", "file:///etc/passwd", "ftp://example.org/x", "not a url", "https://"))  {
            ApiClient.Response refused = api.post(jobPath(jobId) + "/attachments", admin, "{\"url\": \"" + bad + "\"}");
            assertEquals(400, refused.status(), bad + " -> " + refused.body());
            assertEquals("url", refused.body().path("target").asText());
        }
        assertEquals(1, api.get(jobPath(jobId) + "/attachments", admin).body().path("attachments").size());
    }

    @Test
    void oversizedEmptyAndPathLikeUploadsAreRefusedAndStoreNothing() {
        String jobId = newJob();
        HttpResponse<byte[]> tooLarge = upload(amy, jobId, named("big.bin"), "application/octet-stream", randomBytes(LIMIT + 1));
        ApiClient.Response refused = ApiClient.json(tooLarge);
        assertEquals(413, refused.status(), refused.body().toString());
        assertEquals("PAYLOAD_TOO_LARGE", refused.code());
        assertEquals(201, upload(amy, jobId, named("exactly-the-limit.bin"), "application/octet-stream", randomBytes(LIMIT)).statusCode(),
                "the limit itself is allowed");
        for (String name : List.of("../../etc/passwd", "dir/file.txt", "C:\\temp\\x.txt", "..", "line\nbreak.txt")) {
            ApiClient.Response response = ApiClient.json(upload(amy, jobId, named(name), "text/plain", new byte[] {1}));
            assertEquals(400, response.status(), name + " -> " + response.body());
            assertEquals("name", response.body().path("target").asText());
        }
        assertEquals(400, ApiClient.json(upload(amy, jobId, named("empty.txt"), "text/plain", new byte[0])).status());
        assertEquals(403, ApiClient.json(upload(bob, jobId, named("bob.txt"), "text/plain", new byte[] {1})).status(),
                "a worker not on the job's step may not attach");
        // someone with no role in the item is not told it exists
        assertEquals(404, ApiClient.json(upload(stranger, jobId, named("eve.txt"), "text/plain", new byte[] {1})).status());
        assertEquals(404, api.get(jobPath(jobId) + "/attachments", stranger).status());
        assertEquals(404, ApiClient.json(upload(admin, "no-such-job", named("x.txt"), "text/plain", new byte[] {1})).status());

        JsonNode listed = api.get(jobPath(jobId) + "/attachments", admin).body().path("attachments");
        assertEquals(1, listed.size(), listed.toString());
        assertEquals(1, objectKeys(itemId + "/" + jobId + "/").size());
    }

    @Test
    void deletingTheJobDeletesItsFiles() {
        String jobId = newJob();
        upload(amy, jobId, named("a.txt"), "text/plain", "a".getBytes(StandardCharsets.UTF_8));
        upload(amy, jobId, named("b.txt"), "text/plain", "b".getBytes(StandardCharsets.UTF_8));
        assertEquals(2, objectKeys(itemId + "/" + jobId + "/").size());
        JsonNode deleted = api.post("/items/" + itemId + "/jobs/delete", admin, "{\"jobIds\": [\"" + jobId + "\"]}").body();
        assertTrue(deleted.path("success").asBoolean(), deleted.toString());
        assertEquals(List.of(), objectKeys(itemId + "/" + jobId + "/"));
        assertEquals(404, api.get(jobPath(jobId) + "/attachments", admin).status());
    }

    @Test
    void aLargeFileGoesStraightToS3AndIsServedByRedirectOnceCompleted() throws Exception {
        String jobId = newJob();
        byte[] content = randomBytes(LIMIT + 2_000_000);
        ApiClient.Response started = api.post(jobPath(jobId) + "/attachments/uploads", amy,
                "{\"name\": \"parcels.zip\", \"size\": " + content.length + ", \"contentType\": \"application/zip\", \"folder\": \"data\"}");
        assertEquals(201, started.status(), started.body().toString());
        JsonNode upload = started.body();
        String attachmentId = upload.path("attachmentId").asText();
        String path = jobPath(jobId) + "/attachments/" + attachmentId;
        assertEquals("uploading", upload.path("status").asText());
        assertEquals("PUT", upload.path("uploadMethod").asText());
        assertEquals("application/zip", upload.path("uploadHeaders").path("content-type").asText(), upload.toString());
        assertEquals(409, api.get(path + "/content", amy).status(), "nothing to read before the upload is completed");
        assertEquals(409, api.get(path + "/url", amy).status());
        assertEquals(409, api.post(path + "/complete", amy, "{}").status(), "nothing has been uploaded yet");

        HttpClient plain = HttpClient.newHttpClient();
        URI uploadUrl = URI.create(upload.path("uploadUrl").asText());
        HttpResponse<String> shorter = plain.send(HttpRequest.newBuilder(uploadUrl).header("Content-Type", "application/zip")
                .PUT(HttpRequest.BodyPublishers.ofByteArray(content, 0, 1000)).build(), HttpResponse.BodyHandlers.ofString());
        assertEquals(403, shorter.statusCode(), "the length is signed: other bytes are refused");
        HttpResponse<String> put = plain.send(HttpRequest.newBuilder(uploadUrl).header("Content-Type", "application/zip")
                .PUT(HttpRequest.BodyPublishers.ofByteArray(content)).build(), HttpResponse.BodyHandlers.ofString());
        assertEquals(200, put.statusCode(), put.body());

        ApiClient.Response completed = api.post(path + "/complete", amy, "{}");
        assertEquals(200, completed.status(), completed.body().toString());
        assertEquals("available", completed.body().path("status").asText());
        assertEquals(content.length, completed.body().path("size").asLong());
        assertEquals(200, api.post(path + "/complete", amy, "{}").status(), "completing again is harmless");

        HttpResponse<byte[]> redirect = api.raw("GET", path + "/content", bob, null, null);
        assertEquals(307, redirect.statusCode(), "too large for a Lambda answer: sent to S3");
        HttpResponse<byte[]> followed = plain.send(HttpRequest.newBuilder(URI.create(redirect.headers().firstValue("location").orElseThrow()))
                .build(), HttpResponse.BodyHandlers.ofByteArray());
        assertEquals(200, followed.statusCode());
        assertArrayEquals(content, followed.body());
    }

    @Test
    void uploadsOverTheLimitOrWithoutASizeAreRefusedAndRecordNothing() {
        String jobId = newJob();
        ApiClient.Response huge = api.post(jobPath(jobId) + "/attachments/uploads", amy, "{\"name\": \"huge.iso\", \"size\": 1073741825}");
        assertEquals(413, huge.status(), huge.body().toString());
        assertEquals("size", huge.body().path("target").asText());
        for (String body : List.of("{\"name\": \"a.bin\"}", "{\"name\": \"a.bin\", \"size\": 0}", "{\"name\": \"a.bin\", \"size\": 1.5}",
                "{\"name\": \"../a.bin\", \"size\": 10}", "{\"size\": 10}")) {
            ApiClient.Response refused = api.post(jobPath(jobId) + "/attachments/uploads", amy, body);
            assertEquals(400, refused.status(), body + " -> " + refused.body());
        }
        assertEquals(403, api.post(jobPath(jobId) + "/attachments/uploads", bob, "{\"name\": \"b.bin\", \"size\": 10}").status());
        assertEquals(0, api.get(jobPath(jobId) + "/attachments", admin).body().path("attachments").size());
    }

    @Test
    void anUploadNeverCompletedIsDroppedOnceAbandoned() {
        String jobId = newJob();
        String attachmentId = api.post(jobPath(jobId) + "/attachments/uploads", amy, "{\"name\": \"late.bin\", \"size\": 10}").created()
                .path("attachmentId").asText();
        assertEquals(1, api.get(jobPath(jobId) + "/attachments", amy).body().path("attachments").size(), "a fresh upload is listed");
        // the same service an hour and a quarter later, over the same table and bucket
        Clock later = Clock.offset(Clock.systemUTC(), Attachments.ABANDONED_AFTER.plusMinutes(1));
        try (DynamoDbClient dynamo = DynamoDbClient.builder().endpointOverride(cloud.endpoints().dynamodb()).build();
             S3Presigner presigner = S3Presigner.builder().endpointOverride(cloud.endpoints().s3()).region(Region.US_EAST_1)
                     .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create(LocalS3.ACCESS_KEY, LocalS3.SECRET_KEY)))
                     .build()) {
            Attachments attachments = new Attachments(new DocumentStore(new Table(dynamo, "WorkflowTable")),
                    new AttachmentFiles(() -> s3, () -> presigner, "attachmentsbucket"), null, later);
            assertEquals(List.of(), attachments.list(itemId, jobId));
        }
        assertEquals(404, api.get(jobPath(jobId) + "/attachments/" + attachmentId, amy).status(), "the abandoned upload is gone");
    }
}
