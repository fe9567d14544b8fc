package dev.wfm.local.api;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.wfm.local.ApiClient;
import dev.wfm.local.LocalCloud;
import dev.wfm.local.TestCloud;
import dev.wfm.local.auth.DevTokens;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The local HTTP API as a client meets it: routing, the JWT check, the error model, limits. */
class HttpApiTest {
    private final LocalCloud cloud = TestCloud.get();
    private final ApiClient api = TestCloud.api();

    @Test
    void healthAnswersWithoutAToken() {
        ApiClient.Response response = api.get("/health", null);
        assertEquals(200, response.status());
        assertEquals("ok", response.body().path("status").asText());
    }

    @Test
    void aProtectedRouteWithoutATokenIsUnauthenticatedInTheErrorModel() {
        ApiClient.Response response = api.get("/items", null);
        assertEquals(401, response.status());
        assertEquals("UNAUTHENTICATED", response.code());
        assertTrue(response.body().path("message").isTextual());
    }

    @Test
    void aMalformedTokenIsUnauthenticated() {
        assertEquals(401, api.get("/items", "not.a.jwt").status());
        assertEquals(401, api.get("/items", "garbage").status());
    }

    @Test
    void aTokenSignedWithAnotherKeyIsUnauthenticated(@TempDir Path otherKeyDir) throws Exception {
        DevTokens impostor = DevTokens.open(otherKeyDir.resolve("key.json"), Clock.systemUTC());
        ApiClient.Response response = api.get("/items", impostor.issue("admin", List.of("admins"), Duration.ofHours(1)));
        assertEquals(401, response.status());
        assertEquals("UNAUTHENTICATED", response.code());
    }

    @Test
    void anExpiredTokenIsUnauthenticated() throws Exception {
        Path keyFile = cloud.dataDir().resolve("dev-signing-key.json");
        DevTokens pastIssuer = DevTokens.open(keyFile, Clock.fixed(Instant.now().minus(Duration.ofDays(2)), ZoneOffset.UTC));
        String expired = pastIssuer.issue("admin", List.of("admins"), Duration.ofHours(1));
        assertEquals(401, api.get("/items", expired).status());
        String fresh = DevTokens.open(keyFile, Clock.systemUTC()).issue("admin", List.of("admins"), Duration.ofHours(1));
        assertEquals(200, api.get("/items", fresh).status(), "the same key with a live expiry is accepted");
    }

    @Test
    void anUnknownRouteIsNotFoundInTheErrorModel() {
        ApiClient.Response withoutToken = api.get("/no/such/route", null);
        assertEquals(404, withoutToken.status());
        assertEquals("NOT_FOUND", withoutToken.code());
        ApiClient.Response wrongMethod = api.send("DELETE", "/health", cloud.adminToken(), null);
        assertEquals(404, wrongMethod.status());
        assertEquals("NOT_FOUND", wrongMethod.code());
    }

    @Test
    void aBodyBeyondTheFunctionLimitIsPayloadTooLarge() {
        byte[] body = new byte[2 * 1024 * 1024];
        Arrays.fill(body, (byte) ' ');
        ApiClient.Response response = api.sendBytes("POST", "/items", cloud.adminToken(), body);
        assertEquals(413, response.status());
        assertEquals("PAYLOAD_TOO_LARGE", response.code());
    }

    @Test
    void aBodyBeyondTheGatewayLimitIsRefusedBeforeAnyFunctionRuns() {
        byte[] body = new byte[HttpApiServer.MAX_PAYLOAD_BYTES + 10];
        Arrays.fill(body, (byte) 'x');
        ApiClient.Response response = api.sendBytes("POST", "/items", cloud.adminToken(), body);
        assertEquals(413, response.status());
        assertEquals("PAYLOAD_TOO_LARGE", response.code());
    }
}
