package dev.wfm.http;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ApiRequestTest {
    private static ApiRequest request(Map<String, String> headers, String body) {
        return new ApiRequest("POST /items/{itemId}/jobs", Map.of("itemId", "i1"), Map.of(), headers,
                body == null ? null : body.getBytes(StandardCharsets.UTF_8), new Identity("u", List.of()));
    }

    @Test
    void theFingerprintIgnoresJsonLayoutAndKeyOrderButNotValues() {
        String first = request(Map.of(), "{\"a\": 1, \"b\": {\"c\": [1, 2], \"d\": \"x\"}}").fingerprint();
        assertEquals(first, request(Map.of(), "{\"b\":{\"d\":\"x\",\"c\":[1,2]},\n \"a\":1}").fingerprint());
        assertNotEquals(first, request(Map.of(), "{\"a\": 1, \"b\": {\"c\": [2, 1], \"d\": \"x\"}}").fingerprint());
        assertNotEquals(first, request(Map.of(), "{\"a\": 2, \"b\": {\"c\": [1, 2], \"d\": \"x\"}}").fingerprint());
    }
}
