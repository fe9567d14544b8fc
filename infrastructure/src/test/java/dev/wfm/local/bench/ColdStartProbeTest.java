package dev.wfm.local.bench;

import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.wfm.local.LocalCloud;
import dev.wfm.local.TestCloud;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The cold start benchmark's probes run as the benchmark runs them (a fresh JVM on the function jar
 * alone), and each answers: a probe that needs a class the function jar does not ship fails here, not
 * only when someone measures.
 */
class ColdStartProbeTest {
    private final LocalCloud cloud = TestCloud.get();

    @Test
    void theFloorAndTheFunctionProbesEachAnswerOnTheFunctionJarAlone() throws Exception {
        Path functionsJar = Path.of("..", "functions", "target", "functions.jar");
        assertTrue(Files.exists(functionsJar), "the function jar is built before this module's tests: " + functionsJar.toAbsolutePath());
        OneStepItem item = OneStepItem.create(cloud.endpoints().api(), cloud.adminToken(), "Probed");
        String jobId = LocalCloudBenchmark.send("POST", cloud.endpoints().api().resolve("/items/" + item.itemId() + "/jobs"),
                cloud.adminToken(), "{\"jobTemplateId\": \"" + item.templateId() + "\"}").path("jobIds").path(0).asText();
        List<String> command = ColdStartBenchmark.probeCommand(functionsJar);

        for (String mode : List.of("floor", "function")) {
            long[] run = ColdStartBenchmark.probe(command, mode, System.getProperty("TABLE_NAME"), item.itemId(), jobId);
            assertTrue(run[0] > 0 && run[1] > 0, mode + " answered 200 with its wall and CPU times");
        }
    }
}
