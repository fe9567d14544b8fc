package dev.wfm.local.lambda;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.wfm.local.Await;
import dev.wfm.local.stepfunctions.LambdaResult;
import dev.wfm.local.template.FunctionSpec;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The in-process Lambda runtime as its callers meet it. */
class InProcessLambdasTest {
    private static final ObjectMapper MAPPER = new ObjectMapper();

    @Test
    void anInvocationStillRunningAtItsFunctionsTimeoutIsCutOffWithLambdasTimeoutError() throws Exception {
        FunctionSpec sleepy = new FunctionSpec("Sleepy", SleepingHandler.class.getName() + "::handleRequest", 1, Map.of(), List.of(), List.of());
        int interruptedBefore = SleepingHandler.interruptions();
        try (InProcessLambdas lambdas = new InProcessLambdas(List.of(sleepy))) {
            long started = System.nanoTime();
            LambdaResult result = lambdas.invoke("Sleepy", "{}".getBytes(StandardCharsets.UTF_8));
            Duration took = Duration.ofNanos(System.nanoTime() - started);

            assertEquals("Unhandled", result.functionError());
            JsonNode error = MAPPER.readTree(result.payload());
            assertEquals("Sandbox.Timedout", error.path("errorType").asText());
            assertTrue(error.path("errorMessage").asText().matches("RequestId: \\S+ Error: Task timed out after 1\\.00 seconds"),
                    error.toString());
            assertTrue(took.compareTo(Duration.ofSeconds(30)) < 0, "cut off at its 1 s timeout, not after its minute of work: " + took);
            Await.until(() -> SleepingHandler.interruptions() > interruptedBefore, 10_000, "the handler to be interrupted");
        }
    }
}
