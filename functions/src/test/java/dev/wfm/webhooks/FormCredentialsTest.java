package dev.wfm.webhooks;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.wfm.common.Json;
import org.junit.jupiter.api.Test;

class FormCredentialsTest {
    @Test
    void everyCredentialOfTheInfoBlocksAndTheTopLevelIsDroppedAndTheFormDataStays() throws Exception {
        ObjectNode payload = (ObjectNode) Json.read("""
                {"accessToken": "c0", "title": "kept",
                 "portalInfo": {"url": "https://www.arcgis.com", "token": "c1", "API_KEY": "c2"},
                 "serverInfo": {"url": "https://services", "token": "c3", "access_token": "c4",
                                "connection": {"Client-Secret": "c5", "user": "svc"}, "proxies": [{"Password": "c6", "host": "p"}]},
                 "userInfo": {"username": "jdoe", "credential": "c7", "sessionId": "c8"},
                 "feature": {"attributes": {"token_colour": "red", "password_hint": "pet"}}}""");
        String stripped = FormCredentials.stripped(payload).toString();
        for (int i = 0; i <= 8; i++) {
            assertFalse(stripped.contains("\"c" + i + "\""), "c" + i + " in " + stripped);
        }
        assertEquals("https://www.arcgis.com", payload.path("portalInfo").path("url").asText());
        assertEquals("svc", payload.path("serverInfo").path("connection").path("user").asText());
        assertEquals("p", payload.path("serverInfo").path("proxies").path(0).path("host").asText());
        assertEquals("jdoe", payload.path("userInfo").path("username").asText());
        assertEquals("kept", payload.path("title").asText());
        assertEquals("red", payload.path("feature").path("attributes").path("token_colour").asText(), "form answers are data");
        assertEquals("pet", payload.path("feature").path("attributes").path("password_hint").asText());
    }
}
