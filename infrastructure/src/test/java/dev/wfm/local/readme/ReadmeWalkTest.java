package dev.wfm.local.readme;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.wfm.local.TestCloud;
import dev.wfm.local.template.SamTemplate;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;

/**
 * The README's "Try it" walk, run as it stands with bash, curl and jq against the test's local cloud:
 * only its first line, the data folder, is pointed at that cloud's. What the walk shows must be what
 * the product does: every request but the one meant to be refused succeeds.
 */
class ReadmeWalkTest {
    private static final Pattern WALK = Pattern.compile("## Try it\\n.*?```bash\\n(.*?)```", Pattern.DOTALL);
    private static final Pattern ERROR_CODE = Pattern.compile("\"code\":\"([A-Z_]+)\"");

    @Test
    void theReadmeWalkRunsAsWrittenAndEveryRequestButTheUnauthenticatedOneSucceeds() throws Exception {
        for (String tool : List.of("bash", "curl", "jq")) {
            Assumptions.assumeTrue(onPath(tool), tool + " is not installed (.ci/run installs it): the README walk needs it");
        }
        Path projectFolder = SamTemplate.locate(Path.of("")).getParent();
        String readme = Files.readString(projectFolder.resolve("README.md"));
        Matcher walk = WALK.matcher(readme);
        assertTrue(walk.find(), "README.md has a bash block under '## Try it'");
        String script = walk.group(1);
        String firstLine = script.substring(0, script.indexOf('\n'));
        assertTrue(firstLine.startsWith("LOCAL=.local "), "the walk starts by naming the data folder: " + firstLine);
        String pointed = "LOCAL=" + TestCloud.get().dataDir().toAbsolutePath() + script.substring(firstLine.length());

        Process bash = new ProcessBuilder("bash", "-c", pointed).directory(projectFolder.toFile()).redirectErrorStream(true).start();
        String output = new String(bash.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(bash.waitFor(180, TimeUnit.SECONDS), "the walk finished");

        List<String> errors = ERROR_CODE.matcher(output).results().map(match -> match.group(1)).toList();
        assertEquals(List.of("UNAUTHENTICATED"), errors, "only the request without a token is refused:\n" + output);
        assertTrue(output.contains("StepFinished review"), "the history shows the walk:\n" + output);
        assertTrue(output.contains("CurrentStepSet archive"), "the history shows the walk:\n" + output);
        assertTrue(output.contains("\"permit.number\":\"P-17\""), "the search finds the extended property:\n" + output);
        assertTrue(output.contains("the same bytes came back"), "the attachment round trip:\n" + output);
        assertTrue(output.contains("{\"name\":\"parcels.zip\",\"size\":5000000,\"status\":\"available\"}"), "the large upload:\n" + output);
        assertTrue(output.contains("\"jobStatus\":\"Closed\",\"closedBy\":\"admin\""), "closing sets the closed status:\n" + output);
        assertTrue(output.contains("is waiting for you\"}]"), "the rule's email reached the local SES:\n" + output);
        assertTrue(output.contains("[{\"to\":[\"eddie@example.org\"],\"subject\":\"Verify address ("), "to the editors:\n" + output);
        assertTrue(output.contains("\"overdue\":false,\"activeSeconds\":"), "the SLA clock:\n" + output);
        assertTrue(output.contains("{\"status\":\"completed\",\"total\":2,\"succeeded\":2,\"failed\":0}"), "the batch update:\n" + output);
        assertTrue(output.contains("{\"privilege\":\"closeJobs\",\"roles\":[\"admin\",\"manager\"]}"), "the privileges:\n" + output);
        assertTrue(output.contains("{\"status\":\"deleted\",\"requestedBy\":\"admin\","), "the item deleted:\n" + output);
        assertTrue(output.contains("{\"name\":\"dueDate\",\"fieldType\":\"DateTime\"}"), "the ArcGIS-compatible search:\n" + output);
        assertTrue(output.contains("{\"jobTemplateName\":\"Verify address\",\"diagramName\":\"Address verification\",\"createdDate\":true}"),
                "the ArcGIS-compatible job:\n" + output);
        assertEquals(0, bash.exitValue(), output);
    }

    private static boolean onPath(String tool) throws Exception {
        Process which = new ProcessBuilder("bash", "-c", "command -v " + tool).redirectErrorStream(true).start();
        which.getInputStream().readAllBytes();
        return which.waitFor(10, TimeUnit.SECONDS) && which.exitValue() == 0;
    }
}
