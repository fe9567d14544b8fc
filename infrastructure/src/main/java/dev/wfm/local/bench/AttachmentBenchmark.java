package dev.wfm.local.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.wfm.local.LocalCloud;
import dev.wfm.local.template.SamTemplate;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Random;

/**
 * Attachments over HTTP against the local cloud (S3Proxy behind), all numbers from one run: a
 * 1 MB file uploaded through the API, read back through the API ({@code /content}) and through
 * its pre-signed URL, interleaved so each sees the same machine state. Every read is compared
 * with what was sent.
 * <pre>
 *   mvn -q -B package -DskipTests
 *   java -cp infrastructure/target/local-cloud.jar dev.wfm.local.bench.AttachmentBenchmark [--runs 100]
 * </pre>
 */
public final class AttachmentBenchmark {
    private static final ObjectMapper MAPPER = new ObjectMapper();
    private static final HttpClient HTTP = HttpClient.newHttpClient();
    private static final int SIZE = 1024 * 1024;

    private AttachmentBenchmark() {}

    public static void main(String[] args) throws Exception {
        int runs = LocalCloudBenchmark.option(args, "--runs", 100);
        Path template = SamTemplate.locate(Path.of(""));
        try (LocalCloud cloud = LocalCloud.start(new LocalCloud.Options(0, Files.createTempDirectory("wfm-attachment-bench"), true, template))) {
            URI api = cloud.endpoints().api();
            String token = cloud.adminToken();
            OneStepItem item = OneStepItem.create(api, token, "Attachment benchmark");
            String itemId = item.itemId();
            String templateId = item.templateId();
            String jobId = LocalCloudBenchmark.send("POST", api.resolve("/items/" + itemId + "/jobs"), token,
                    "{\"jobTemplateId\": \"" + templateId + "\"}").path("jobIds").path(0).asText();
            URI attachments = api.resolve("/items/" + itemId + "/jobs/" + jobId + "/attachments");
            byte[] content = new byte[SIZE];
            new Random(7).nextBytes(content);

            Stats uploads = new Stats();
            Stats reads = new Stats();
            Stats presigned = new Stats();
            int warmup = 10;
            for (int i = 0; i < warmup + runs; i++) {
                long t = System.nanoTime();
                HttpResponse<byte[]> added = HTTP.send(HttpRequest.newBuilder(URI.create(attachments + "?name=photo-" + i + ".jpg"))
                        .header("Authorization", "Bearer " + token).header("Content-Type", "image/jpeg")
                        .POST(HttpRequest.BodyPublishers.ofByteArray(content)).build(), HttpResponse.BodyHandlers.ofByteArray());
                long uploadNanos = System.nanoTime() - t;
                JsonNode attachment = MAPPER.readTree(added.body());
                URI one = URI.create(attachments + "/" + attachment.path("attachmentId").asText());
                t = System.nanoTime();
                byte[] read = get(URI.create(one + "/content"), token);
                long readNanos = System.nanoTime() - t;
                t = System.nanoTime();
                String url = LocalCloudBenchmark.send("GET", URI.create(one + "/url"), token, null).path("url").asText();
                byte[] direct = get(URI.create(url), null);
                long presignedNanos = System.nanoTime() - t;
                if (added.statusCode() != 201 || !Arrays.equals(content, read) || !Arrays.equals(content, direct)) {
                    throw new IllegalStateException("round trip " + i + " lost bytes (upload status " + added.statusCode() + ")");
                }
                HTTP.send(HttpRequest.newBuilder(one).header("Authorization", "Bearer " + token).DELETE().build(),
                        HttpResponse.BodyHandlers.discarding());
                if (i >= warmup) {
                    uploads.add(uploadNanos);
                    reads.add(readNanos);
                    presigned.add(presignedNanos);
                }
            }
            System.out.println();
            System.out.println("Attachment benchmark (" + Runtime.getRuntime().availableProcessors() + " cores, " + runs + " runs, 1 MiB file)");
            System.out.println(uploads.line("POST .../attachments?name= (API, base64 through Lambda)"));
            System.out.println(reads.line("GET .../content (API, base64 through Lambda)"));
            System.out.println(presigned.line("GET .../url, then the pre-signed URL (S3 direct)"));
        }
        System.exit(0);
    }

    private static byte[] get(URI uri, String token) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(uri);
        if (token != null) {
            request.header("Authorization", "Bearer " + token);
        }
        HttpResponse<byte[]> response = HTTP.send(request.build(), HttpResponse.BodyHandlers.ofByteArray());
        if (response.statusCode() != 200) {
            throw new IllegalStateException("GET " + uri + " answered " + response.statusCode());
        }
        return response.body();
    }
}
