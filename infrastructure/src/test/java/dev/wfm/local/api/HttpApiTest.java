package dev.wfm.local.api;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.wfm.local.ApiClient;
import dev.wfm.local.LocalCloud;
import dev.wfm.local.TestCloud;
import dev.wfm.local.auth.DevTokens;
import java.io.IOException;
import java.net.Socket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
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
    private static final ObjectMapper MAPPER = new ObjectMapper();
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
    void anUnknownRouteIsNotFoundInTheErrorModelNamingTheRequest() throws Exception {
        ApiClient.Response withoutToken = api.get("/no/such/route", null);
        assertEquals(404, withoutToken.status());
        assertEquals(MAPPER.readTree("{\"code\": \"NOT_FOUND\", \"message\": \"No route GET /no/such/route\"}"), withoutToken.body());
        ApiClient.Response wrongMethod = api.send("DELETE", "/health", cloud.adminToken(), null);
        assertEquals(404, wrongMethod.status());
        assertEquals(MAPPER.readTree("{\"code\": \"NOT_FOUND\", \"message\": \"No route DELETE /health\"}"), wrongMethod.body());
    }

    @Test
    void aRequestTheGatewayCannotParseIsRefusedInTheErrorModel() throws Exception {
        for (String requestLine : List.of("GET /items/{} HTTP/1.1", "GET /items/%zz HTTP/1.1", "GET /items/%C3 HTTP/1.1",
                "GET /items/a|b HTTP/1.1", "GET /items?q={} HTTP/1.1", "GET /items?q=%zz HTTP/1.1", "GET /health HTTP/7.0",
                "NONSENSE")) {
            RawAnswer answer = RawAnswer.of(cloud.endpoints().api(), requestLine);
            assertEquals(400, answer.status(), requestLine + " -> " + answer);
            assertEquals("application/json", answer.contentType(), requestLine);
            JsonNode body = MAPPER.readTree(answer.body());
            assertEquals("INVALID_ARGUMENT", body.path("code").asText(), requestLine + " -> " + answer);
            assertFalse(body.path("message").asText().isBlank(), requestLine + " -> " + answer);
        }
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

    /** What the gateway answers to a request line sent as is, bypassing any client's own checks. */
    private record RawAnswer(int status, String contentType, String body) {
        static RawAnswer of(URI api, String requestLine) throws IOException {
            try (Socket socket = new Socket(api.getHost(), api.getPort())) {
                socket.setSoTimeout(30_000);
                socket.getOutputStream().write((requestLine + "\r\nHost: " + api.getAuthority() + "\r\nConnection: close\r\n\r\n")
                        .getBytes(StandardCharsets.UTF_8));
                String response = new String(socket.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
                int headersEnd = response.indexOf("\r\n\r\n");
                String head = response.substring(0, headersEnd);
                String contentType = head.lines().filter(line -> line.regionMatches(true, 0, "Content-Type:", 0, 13))
                        .map(line -> line.substring(13).strip()).findFirst().orElse(null);
                return new RawAnswer(Integer.parseInt(head.split(" ")[1]), contentType, response.substring(headersEnd + 4));
            }
        }
    }
}
