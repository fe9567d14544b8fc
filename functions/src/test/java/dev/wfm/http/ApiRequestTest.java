package dev.wfm.http;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;

import dev.wfm.security.Identity;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ApiRequestTest {
    private static ApiRequest request(Map<String, String> headers, String domainName, String body) {
        return new ApiRequest("POST /items/{itemId}/jobs", Map.of("itemId", "i1"), Map.of(), headers,
                body == null ? null : body.getBytes(StandardCharsets.UTF_8), new Identity("u", List.of()), domainName);
    }

    @Test
    void theBaseUrlIsTheGatewaysDomainWithTheForwardedSchemeAndAnyPortButTheDefault() {
        assertEquals("https://abc123.execute-api.us-east-1.amazonaws.com", request(Map.of("x-forwarded-proto", "https",
                "x-forwarded-port", "443"), "abc123.execute-api.us-east-1.amazonaws.com", null).baseUrl());
        assertEquals("http://127.0.0.1:3000", request(Map.of("x-forwarded-proto", "http", "x-forwarded-port", "3000",
                "host", "127.0.0.1:3000"), "127.0.0.1", null).baseUrl());
        assertEquals("https://api.example.org", request(Map.of(), "api.example.org", null).baseUrl());
    }

    @Test
    void theFingerprintIgnoresJsonLayoutAndKeyOrderButNotValues() {
        String first = request(Map.of(), null, "{\"a\": 1, \"b\": {\"c\": [1, 2], \"d\": \"x\"}}").fingerprint();
        assertEquals(first, request(Map.of(), null, "{\"b\":{\"d\":\"x\",\"c\":[1,2]},\n \"a\":1}").fingerprint());
        assertNotEquals(first, request(Map.of(), null, "{\"a\": 1, \"b\": {\"c\": [2, 1], \"d\": \"x\"}}").fingerprint());
        assertNotEquals(first, request(Map.of(), null, "{\"a\": 2, \"b\": {\"c\": [1, 2], \"d\": \"x\"}}").fingerprint());
    }
}
