package dev.wfm.local.stepfunctions;

import static dev.wfm.local.stepfunctions.Asl.json;
import static dev.wfm.local.stepfunctions.Asl.machine;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The AWS CLI (v1 or v2) against the service; skipped where no CLI is installed. */
class AwsCliTest {

    private record Result(int exitCode, String stdout, String stderr) {}

    private static LocalSfn local;

    @BeforeAll
    static void start() {
        assumeTrue(cliAvailable(), "aws CLI not installed");
        local = new LocalSfn();
        local.lambdas.register("activate", local.lambdas.tokenRecorder());
    }

    @AfterAll
    static void stop() {
        if (local != null) {
            local.close();
        }
    }

    @Test
    void theCliStartsDescribesAndCompletesATokenTask() throws Exception {
        String machineArn = local.create(machine("Human", """
                {"Human": {"Type": "Task", "Resource": "arn:aws:states:::lambda:invoke.waitForTaskToken", "End": true,
                    "Arguments": {"FunctionName": "activate", "Payload": {"token": "{% $states.context.Task.Token %}"}}}}"""));

        JsonNode started = json(cli("start-execution", "--state-machine-arn", machineArn, "--name", "from-cli",
                "--input", "{\"job\": 1}").stdout());
        String executionArn = started.get("executionArn").asText();
        assertTrue(executionArn.endsWith(":from-cli"), executionArn);

        String token = local.lambdas.nextToken();
        // "=": a token may begin with a dash, which the CLI would read as an option
        cli("send-task-success", "--task-token=" + token, "--task-output", "{\"returnCode\": \"OK\"}");

        local.awaitEnd(executionArn);
        JsonNode described = json(cli("describe-execution", "--execution-arn", executionArn).stdout());
        assertEquals("SUCCEEDED", described.get("status").asText());
        assertEquals(json("{\"returnCode\": \"OK\"}"), json(described.get("output").asText()));
    }

    @Test
    void theCliReportsServiceErrorsByName() throws Exception {
        Result missing = run(List.of("describe-execution", "--execution-arn",
                "arn:aws:states:us-east-1:000000000000:execution:none:none"));

        assertNotEquals(0, missing.exitCode());
        assertTrue(missing.stderr().contains("ExecutionDoesNotExist"), missing.stderr());
    }

    private static Result cli(String... args) throws Exception {
        Result result = run(List.of(args));
        assertEquals(0, result.exitCode(), result.stderr());
        return result;
    }

    private static Result run(List<String> args) throws Exception {
        List<String> command = new ArrayList<>(List.of("aws", "stepfunctions"));
        command.addAll(args);
        command.addAll(List.of("--endpoint-url", local.endpoint.toString(), "--output", "json"));
        return exec(command);
    }

    private static Result exec(List<String> command) throws IOException, InterruptedException {
        ProcessBuilder builder = new ProcessBuilder(command);
        Map<String, String> env = builder.environment();
        env.put("AWS_ACCESS_KEY_ID", "test");
        env.put("AWS_SECRET_ACCESS_KEY", "test");
        env.put("AWS_DEFAULT_REGION", "us-east-1");
        env.put("AWS_PAGER", "");
        env.put("AWS_CONFIG_FILE", "/dev/null");
        env.put("AWS_SHARED_CREDENTIALS_FILE", "/dev/null");
        // stderr goes to a file: reading two pipes one after the other can deadlock on a full buffer.
        Path errors = Files.createTempFile("aws-cli", ".err");
        try {
            Process process = builder.redirectError(errors.toFile()).start();
            process.getOutputStream().close();
            byte[] out = process.getInputStream().readAllBytes();
            if (!process.waitFor(60, TimeUnit.SECONDS)) {
                process.destroyForcibly();
                throw new AssertionError("aws did not finish: " + command);
            }
            return new Result(process.exitValue(), new String(out, StandardCharsets.UTF_8), Files.readString(errors));
        } finally {
            Files.deleteIfExists(errors);
        }
    }

    private static boolean cliAvailable() {
        try {
            return exec(List.of("aws", "--version")).exitCode() == 0;
        } catch (IOException | InterruptedException e) {
            return false;
        }
    }
}
