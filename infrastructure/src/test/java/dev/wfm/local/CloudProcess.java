package dev.wfm.local;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.File;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * A local cloud in a process of its own, in memory: nothing else in the test JVM reads or writes
 * its tables or executions, so a test may compare the whole of them before and after a request.
 */
public final class CloudProcess implements AutoCloseable {
    private static final ObjectMapper MAPPER = new ObjectMapper();

    private final Process process;
    private final JsonNode endpoints;
    private final String adminToken;

    private CloudProcess(Process process, JsonNode endpoints, String adminToken) {
        this.process = process;
        this.endpoints = endpoints;
        this.adminToken = adminToken;
    }

    /** Starts {@code java -cp <the test class path> dev.wfm.local.LocalCloudMain --in-memory --no-demo} and waits until it answers. */
    public static CloudProcess start(Path dataDir) throws Exception {
        List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp", System.getProperty("java.class.path"), "dev.wfm.local.LocalCloudMain",
                "--port", "0", "--data-dir", dataDir.toString(), "--in-memory", "--no-demo"));
        Process process = new ProcessBuilder(command).directory(new File(System.getProperty("user.dir")))
                .redirectOutput(dataDir.resolve("stdout.log").toFile())
                .redirectError(dataDir.resolve("stderr.log").toFile())
                .start();
        long deadline = System.currentTimeMillis() + 90_000;
        Path endpointsFile = dataDir.resolve("endpoints.json");
        while (!Files.exists(endpointsFile)) {
            if (!process.isAlive() || System.currentTimeMillis() > deadline) {
                process.destroyForcibly();
                throw new AssertionError("The local cloud did not start: " + Files.readString(dataDir.resolve("stderr.log")));
            }
            Thread.sleep(100);
        }
        return new CloudProcess(process, MAPPER.readTree(endpointsFile.toFile()), Files.readString(dataDir.resolve("admin.token")).strip());
    }

    public URI endpoint(String service) {
        return URI.create(endpoints.path(service).asText());
    }

    public ApiClient api() {
        return new ApiClient(endpoint("api"));
    }

    public String adminToken() {
        return adminToken;
    }

    @Override
    public void close() throws InterruptedException {
        process.destroy();
        if (!process.waitFor(30, TimeUnit.SECONDS)) {
            process.destroyForcibly();
        }
    }
}
