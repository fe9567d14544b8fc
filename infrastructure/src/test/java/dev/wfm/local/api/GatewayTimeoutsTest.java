package dev.wfm.local.api;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.wfm.local.ApiClient;
import dev.wfm.local.auth.DevTokens;
import dev.wfm.local.lambda.InProcessLambdas;
import dev.wfm.local.lambda.SleepingHandler;
import dev.wfm.local.template.FunctionSpec;
import dev.wfm.local.template.FunctionSpec.RouteSpec;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A function that does not answer in time, as API Gateway reports it: a function cut off at its
 * own Timeout is a function error (500); one still working when the integration stops waiting is
 * 503. Both in the error model.
 */
class GatewayTimeoutsTest {
    @Test
    void aFunctionCutOffAtItsTimeoutIs500AndOneOutlastingTheIntegrationIs503(@TempDir Path keyDir) throws Exception {
        String handler = SleepingHandler.class.getName() + "::handleRequest";
        List<FunctionSpec> functions = List.of(
                new FunctionSpec("Quick", handler, 1, Map.of(), List.of(new RouteSpec("GET", "/quick", false)), List.of()),
                new FunctionSpec("Patient", handler, 60, Map.of(), List.of(new RouteSpec("GET", "/patient", false)), List.of()));
        try (InProcessLambdas lambdas = new InProcessLambdas(functions);
                HttpApiServer server = new HttpApiServer(new RouteTable(functions), DevTokens.open(keyDir.resolve("key.json"), Clock.systemUTC()),
                        lambdas, Duration.ofSeconds(3))) {
            ApiClient api = new ApiClient(server.start(0));

            ApiClient.Response cutOff = api.get("/quick", null);
            assertEquals(500, cutOff.status(), cutOff.body().toString());
            assertEquals("INTERNAL", cutOff.code());

            ApiClient.Response abandoned = api.get("/patient", null);
            assertEquals(503, abandoned.status(), abandoned.body().toString());
            assertEquals("UNAVAILABLE", abandoned.code());
        }
    }
}
