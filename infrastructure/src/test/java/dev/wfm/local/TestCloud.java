package dev.wfm.local;

import dev.wfm.local.template.SamTemplate;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * One in-memory local cloud per test JVM, shared by the end-to-end test classes (the SDK clients
 * inside the functions are built once per JVM, exactly as in a Lambda container).
 */
public final class TestCloud {
    private static LocalCloud cloud;

    private TestCloud() {}

    public static synchronized LocalCloud get() {
        if (cloud == null) {
            try {
                Path dataDir = Files.createTempDirectory("wfm-test-cloud");
                cloud = LocalCloud.start(new LocalCloud.Options(0, dataDir, true, SamTemplate.locate(Path.of(""))));
                Runtime.getRuntime().addShutdownHook(new Thread(cloud::close, "test-cloud-shutdown"));
            } catch (Exception e) {
                throw new IllegalStateException("The local cloud did not start", e);
            }
        }
        return cloud;
    }

    public static ApiClient api() {
        return new ApiClient(get().endpoints().api());
    }
}
