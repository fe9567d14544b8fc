package dev.wfm.local;

import dev.wfm.local.template.SamTemplate;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import org.junit.jupiter.api.Assumptions;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;

/**
 * One in-memory local cloud per test JVM, shared by the end-to-end test classes (the SDK clients
 * inside the functions are built once per JVM, exactly as in a Lambda container). With
 * {@code -Dwfm.cloud=localstack} (the Maven profile {@code localstack}) DynamoDB is LocalStack's,
 * and without a Docker engine the tests that need the cloud are skipped.
 */
public final class TestCloud {
    private static LocalCloud cloud;

    private TestCloud() {}

    public static synchronized LocalCloud get() {
        if (cloud == null) {
            try {
                Path dataDir = Files.createTempDirectory("wfm-test-cloud");
                cloud = LocalCloud.start(new LocalCloud.Options(0, dataDir, true, SamTemplate.locate(Path.of("")), externalDynamoDb()));
                Runtime.getRuntime().addShutdownHook(new Thread(cloud::close, "test-cloud-shutdown"));
            } catch (org.opentest4j.TestAbortedException skipped) {
                throw skipped;
            } catch (Exception e) {
                throw new IllegalStateException("The local cloud did not start", e);
            }
        }
        return cloud;
    }

    public static ApiClient api() {
        return new ApiClient(get().endpoints().api());
    }

    /** Every item of the workflow table, as text: for tests that prove a value is not stored. Test data is small. */
    public static String tableText() {
        try (DynamoDbClient dynamo = LocalCloud.localDynamoClient(get().endpoints().dynamodb())) {
            StringBuilder text = new StringBuilder();
            dynamo.scanPaginator(scan -> scan.tableName("WorkflowTable")).items().forEach(item -> text.append(item).append('\n'));
            return text.toString();
        }
    }

    @SuppressWarnings("unchecked")
    private static URI externalDynamoDb() throws Exception {
        if (!"localstack".equals(System.getProperty("wfm.cloud"))) {
            return null;
        }
        Assumptions.assumeTrue(dockerAvailable(), "No Docker engine here: the LocalStack profile skips the tests that need it");
        // Loaded by name: the class and its library are compiled only in the localstack profile.
        return ((Supplier<URI>) Class.forName("dev.wfm.local.LocalStackDynamoDb").getDeclaredConstructor().newInstance()).get();
    }

    private static boolean dockerAvailable() {
        try {
            Process docker = new ProcessBuilder("docker", "info").redirectErrorStream(true).start();
            docker.getInputStream().readAllBytes();
            return docker.waitFor(20, TimeUnit.SECONDS) && docker.exitValue() == 0;
        } catch (Exception noDocker) {
            return false;
        }
    }
}
