package dev.wfm.http;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import com.fasterxml.jackson.databind.JsonNode;
import dev.wfm.common.Json;
import dev.wfm.common.JsonFields;
import dev.wfm.common.LambdaContexts;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The edge every HTTP function shares: bodies in as bytes, binary and redirect answers out, limits and errors. */
class HttpFunctionTest {
    private static final int LIMIT = 16;

    /** Echoes the body as a file, redirects, or fails, as the route says. */
    private static final class Echo extends HttpFunction {
        Echo() {
            super(Map.of(
                    "POST /echo", request -> ApiResponse.ok(new ApiResponse.Binary(request.rawBody(), "application/octet-stream", "a \"b\".bin")),
                    "GET /go", request -> ApiResponse.redirect("https://example.org/file?sig=1"),
                    "POST /json", request -> ApiResponse.ok(request.jsonBody()),
                    "GET /boom", request -> {
                        throw new IllegalStateException("secret detail");
                    },
                    "POST /boom", request -> {
                        throw new IllegalStateException("failed after reading " + request.rawBody().length + " bytes");
                    }), LIMIT);
        }
    }

    private static APIGatewayV2HTTPResponse call(String routeKey, byte[] body, boolean base64) {
        APIGatewayV2HTTPEvent event = new APIGatewayV2HTTPEvent();
        event.setRouteKey(routeKey);
        if (body != null) {
            event.setBody(base64 ? Base64.getEncoder().encodeToString(body) : new String(body, java.nio.charset.StandardCharsets.UTF_8));
            event.setIsBase64Encoded(base64);
        }
        return new Echo().handleRequest(event, null);
    }

    private static JsonNode json(APIGatewayV2HTTPResponse response) throws Exception {
        return Json.read(response.getBody());
    }

    @Test
    void aBinaryBodyGoesInAndComesOutByteForByte() {
        byte[] bytes = {0, (byte) 0xff, (byte) 0xfe, 10, 13, 0x7f, (byte) 0x80, 65};
        APIGatewayV2HTTPResponse response = call("POST /echo", bytes, true);
        assertEquals(200, response.getStatusCode());
        assertTrue(response.getIsBase64Encoded());
        assertArrayEquals(bytes, Base64.getDecoder().decode(response.getBody()));
        assertEquals("application/octet-stream", response.getHeaders().get("content-type"));
        assertEquals("nosniff", response.getHeaders().get("x-content-type-options"));
        assertEquals("attachment; filename=\"a _b_.bin\"; filename*=UTF-8''a%20%22b%22.bin", response.getHeaders().get("content-disposition"));
    }

    @Test
    void bodyThatIsNotJsonIsRefusedSayingWhereWithoutTheParsersWords() throws Exception {
        APIGatewayV2HTTPResponse response = call("POST /json", "{\"a\": }".getBytes(java.nio.charset.StandardCharsets.UTF_8), false);
        assertEquals(400, response.getStatusCode());
        assertEquals("The request body is not valid JSON: it breaks off or has an unexpected character at line 1, column 7. "
                + "Send a JSON object.", json(response).path("message").asText());
    }

    @Test
    void aRedirectAnswersItsLocationWithoutABody() {
        APIGatewayV2HTTPResponse response = call("GET /go", null, false);
        assertEquals(307, response.getStatusCode());
        assertEquals("https://example.org/file?sig=1", response.getHeaders().get("location"));
        assertEquals(null, response.getBody());
    }

    @Test
    void aBodyOverTheFunctionsLimitIs413WithTheLimit() throws Exception {
        assertEquals(200, call("POST /echo", new byte[LIMIT], true).getStatusCode(), "the limit itself is allowed");
        APIGatewayV2HTTPResponse response = call("POST /echo", new byte[LIMIT + 1], true);
        assertEquals(413, response.getStatusCode());
        assertEquals("PAYLOAD_TOO_LARGE", json(response).path("code").asText());
        assertEquals(Integer.toString(LIMIT), json(response).path("meta").path("limitBytes").asText());
    }

    @Test
    void aRequestThatReachedNoRouteIsNotFoundNamingWhatWasAskedNotTheDefaultRoute() throws Exception {
        APIGatewayV2HTTPEvent event = new APIGatewayV2HTTPEvent();
        event.setRouteKey("$default");
        event.setRawPath("/no/such/route");
        APIGatewayV2HTTPEvent.RequestContext context = new APIGatewayV2HTTPEvent.RequestContext();
        APIGatewayV2HTTPEvent.RequestContext.Http http = new APIGatewayV2HTTPEvent.RequestContext.Http();
        http.setMethod("DELETE");
        http.setPath("/no/such/route");
        context.setHttp(http);
        context.setRouteKey("$default");
        event.setRequestContext(context);

        APIGatewayV2HTTPResponse response = new Echo().handleRequest(event, null);
        assertEquals(404, response.getStatusCode());
        assertEquals(Json.read("{\"code\": \"NOT_FOUND\", \"message\": \"No route DELETE /no/such/route\"}"), json(response));
    }

    @Test
    void badBase64IsTheCallersMistakeAndAFailureNamesNoInternals() throws Exception {
        APIGatewayV2HTTPEvent event = new APIGatewayV2HTTPEvent();
        event.setRouteKey("POST /echo");
        event.setBody("not base64 !!");
        event.setIsBase64Encoded(true);
        assertEquals(400, new Echo().handleRequest(event, null).getStatusCode());
        APIGatewayV2HTTPResponse failed = call("GET /boom", null, false);
        assertEquals(500, failed.getStatusCode());
        assertFalse(failed.getBody().contains("secret detail"), failed.getBody());
        assertEquals(404, call("GET /nowhere", null, false).getStatusCode());
    }

    @Test
    void aPathIdLongerThanAnyIdIsNotFoundBeforeTheRouteRuns() throws Exception {
        APIGatewayV2HTTPEvent event = new APIGatewayV2HTTPEvent();
        event.setRouteKey("GET /boom");
        event.setPathParameters(Map.of("itemId", "\uD83D\uDE00".repeat(1100)));
        APIGatewayV2HTTPResponse response = new Echo().handleRequest(event, null);
        assertEquals(404, response.getStatusCode(), "not the route's 500");
        assertEquals("itemId", json(response).path("target").asText());
        event.setPathParameters(Map.of("itemId", "i".repeat(JsonFields.MAX_ID_LENGTH)));
        assertEquals(500, new Echo().handleRequest(event, null).getStatusCode(), "an id of the longest length reaches the route");
    }

    @Test
    void anUnhandledErrorIsLoggedAsOneJsonLineNamingTheRequestFunctionAndRouteButNeverTheBody() throws Exception {
        APIGatewayV2HTTPEvent event = new APIGatewayV2HTTPEvent();
        event.setRouteKey("POST /boom");
        event.setBody("pw=hunter2");
        event.setIsBase64Encoded(false);
        APIGatewayV2HTTPResponse[] response = new APIGatewayV2HTTPResponse[1];
        String logged = standardErrorOf(() -> response[0] = new Echo().handleRequest(event, LambdaContexts.of("req-42", "wfm-test")));

        assertEquals(500, response[0].getStatusCode());
        assertEquals("Internal error (request req-42)", json(response[0]).path("message").asText());
        List<String> lines = logged.lines().toList();
        assertEquals(2, lines.size(), "the error, then the request's access line: " + logged);
        JsonNode line = Json.read(lines.get(0));
        assertEquals("ERROR", line.path("level").asText());
        assertEquals("req-42", line.path("requestId").asText());
        assertEquals("wfm-test", line.path("function").asText());
        assertEquals("POST /boom", line.path("route").asText());
        assertEquals("java.lang.IllegalStateException", line.path("errorType").asText());
        assertFalse(logged.contains("hunter2"), logged);
    }

    @Test
    void everyAnsweredRequestLeavesOneAccessLineWithRouteStatusCodeLatencyAndUserButNoBodyQueryOrHeader() throws Exception {
        APIGatewayV2HTTPEvent event = new APIGatewayV2HTTPEvent();
        event.setRouteKey("POST /json");
        event.setBody("{\"pw\":\"hunter2\""); // within the 16 bytes Echo takes
        event.setIsBase64Encoded(false);
        event.setPathParameters(Map.of("itemId", "item-7"));
        event.setQueryStringParameters(Map.of("q", "owner = 'carol'"));
        event.setHeaders(Map.of("Authorization", "Bearer abc.def.ghi"));
        var context = new APIGatewayV2HTTPEvent.RequestContext();
        var authorizer = new APIGatewayV2HTTPEvent.RequestContext.Authorizer();
        var jwt = new APIGatewayV2HTTPEvent.RequestContext.Authorizer.JWT();
        jwt.setClaims(Map.of("sub", "dana", "groups", "[editors]"));
        authorizer.setJwt(jwt);
        context.setAuthorizer(authorizer);
        event.setRequestContext(context);

        String refused = standardErrorOf(() -> new Echo().handleRequest(event, LambdaContexts.of("req-7", "wfm-test")));
        JsonNode line = Json.read(refused.strip());
        assertEquals("INFO", line.path("level").asText());
        assertEquals("Request answered", line.path("message").asText());
        assertEquals("req-7", line.path("requestId").asText());
        assertEquals("wfm-test", line.path("function").asText());
        assertEquals("POST /json", line.path("route").asText());
        assertEquals(400, line.path("status").asInt(), "the malformed body is refused");
        assertEquals("INVALID_ARGUMENT", line.path("code").asText());
        assertTrue(line.path("latencyMs").canConvertToLong() && line.path("latencyMs").asLong() >= 0, refused);
        assertEquals("dana", line.path("user").asText());
        for (String kept : List.of("hunter2", "carol", "abc.def.ghi", "item-7")) {
            assertFalse(refused.contains(kept), kept + " is not logged: " + refused);
        }

        event.setBody("{\"a\":1}");
        JsonNode answered = Json.read(standardErrorOf(() -> new Echo().handleRequest(event, null)).strip());
        assertEquals(200, answered.path("status").asInt());
        assertTrue(answered.path("code").isNull(), "an answer that is no refusal has no error code: " + answered);
    }

    private static String standardErrorOf(Runnable work) {
        PrintStream original = System.err;
        ByteArrayOutputStream captured = new ByteArrayOutputStream();
        System.setErr(new PrintStream(captured, true, StandardCharsets.UTF_8));
        try {
            work.run();
        } finally {
            System.setErr(original);
        }
        return captured.toString(StandardCharsets.UTF_8);
    }
}
