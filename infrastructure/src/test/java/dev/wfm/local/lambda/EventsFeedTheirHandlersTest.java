package dev.wfm.local.lambda;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.wfm.local.LocalCloud;
import dev.wfm.local.TestCloud;
import dev.wfm.local.lambda.LambdaResult;
import dev.wfm.local.template.FunctionSpec;
import dev.wfm.local.template.SamTemplate;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

/**
 * Every sample in events/ is fed to the handler of its folder's function ({@code config-api} →
 * {@code ConfigApiFunction}) as Lambda would feed it, and answers as that handler promises.
 */
class EventsFeedTheirHandlersTest {
    private static final ObjectMapper MAPPER = new ObjectMapper();
    /**
     * The exact status each implemented HTTP sample gets. The samples name items and jobs that do
     * not exist in a fresh cloud, so those answer 404 in the error model.
     */
    private static final Map<String, Integer> EXPECTED_STATUS = Map.ofEntries(
            Map.entry("config-api/health.json", 200),
            Map.entry("config-api/create-item.json", 201),
            Map.entry("config-api/list-items.json", 200),
            Map.entry("config-api/get-item.json", 404),
            Map.entry("config-api/unknown-route.json", 404),
            Map.entry("job-creation/create-jobs.json", 404),
            Map.entry("job-api/get-job.json", 404),
            Map.entry("attachments/upload-file.json", 404),
            Map.entry("step-actions/finish-step.json", 404),
            Map.entry("search/search-jobs.json", 404),
            Map.entry("search/job-statistics.json", 404),
            Map.entry("job-api/save-search.json", 404),
            Map.entry("webhooks/generic-delivery.json", 404),
            Map.entry("webhooks/survey123-delivery.json", 404),
            // the sample's token is no valid token of the local issuer: its function verifies it itself
            Map.entry("arc-gis-api/search-jobs.json", 401));
    /** The error each implemented non-HTTP sample fails with, when it should fail (a missing job). */
    private static final Map<String, String> EXPECTED_ERROR = Map.of(
            "step-worker/run-web-request.json", "dev.wfm.http.ApiException");

    @TestFactory
    Stream<DynamicTest> everyEventFileRunsThroughItsHandler() throws IOException {
        LocalCloud cloud = TestCloud.get();
        Path templateFile = SamTemplate.locate(Path.of(""));
        Path events = templateFile.getParent().resolve("events");
        Map<String, FunctionSpec> functions = SamTemplate.load(templateFile).functions().stream()
                .collect(Collectors.toMap(FunctionSpec::logicalId, f -> f));
        List<Path> files;
        try (Stream<Path> walk = Files.walk(events)) {
            files = walk.filter(file -> file.toString().endsWith(".json")).sorted().toList();
        }
        assertFalse(files.isEmpty(), "events/ has samples");
        return files.stream().map(file -> DynamicTest.dynamicTest(events.relativize(file).toString(), () -> {
            String folder = file.getParent().getFileName().toString();
            FunctionSpec function = functions.get(functionIdOf(folder));
            assertNotNull(function, "events/" + folder + " names a function of template.yaml (" + functionIdOf(folder) + ")");
            JsonNode event = MAPPER.readTree(file.toFile());
            LambdaResult result = cloud.lambdas().invoke(function.logicalId(), Files.readAllBytes(file));
            String sample = events.relativize(file).toString();
            if (event.has("routeKey")) {
                assertNull(result.functionError(), "an HTTP function never throws to the gateway");
                JsonNode response = MAPPER.readTree(result.payload());
                int status = response.path("statusCode").asInt();
                JsonNode body = MAPPER.readTree(response.path("body").asText());
                assertEquals(EXPECTED_STATUS.get(sample), status, sample + " answered " + body);
                if (status >= 400) {
                    // the ArcGIS-compatible routes answer in that product's error shape
                    JsonNode error = folder.equals("arc-gis-api") ? body.path("error") : body;
                    String code = folder.equals("arc-gis-api") ? error.path("type").asText(null) : error.path("code").asText(null);
                    assertTrue(code != null && error.path("message").isTextual(), "error model: " + body);
                }
            } else if (EXPECTED_ERROR.containsKey(sample)) {
                assertEquals("Unhandled", result.functionError());
                assertEquals(EXPECTED_ERROR.get(sample), MAPPER.readTree(result.payload()).path("errorType").asText());
            } else {
                assertNull(result.functionError(), sample + ": " + new String(result.payload()));
                JsonNode answer = MAPPER.readTree(result.payload());
                assertTrue(answer.isObject(), sample + " answers a JSON object");
                assertEquals(0, answer.path("batchItemFailures").size(), sample + ": a stream batch is taken whole: " + answer);
            }
        }));
    }

    private static String functionIdOf(String folder) {
        return Arrays.stream(folder.split("-"))
                .map(part -> Character.toUpperCase(part.charAt(0)) + part.substring(1))
                .collect(Collectors.joining()) + "Function";
    }
}
