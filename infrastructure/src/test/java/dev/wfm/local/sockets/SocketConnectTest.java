package dev.wfm.local.sockets;

import static dev.wfm.local.sockets.SocketClient.msgType;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.wfm.common.Json;
import dev.wfm.local.auth.DevTokens;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

/** $connect takes the HTTP API's tokens, in the query or the subprotocols, and refuses the upgrade for anything else. */
class SocketConnectTest {
    private static final Duration BOUND = Duration.ofSeconds(30);

    private final LiveItem item = new LiveItem("Connecting");

    @Test
    void aMissingOrBadTokenIsRefusedAtConnect() throws Exception {
        assertEquals(401, SocketClient.refusal(item.endpoint(), item.itemId, null), "no token");
        assertEquals(401, SocketClient.refusal(item.endpoint(), item.itemId, "not-a-jwt"), "not a token");
        String valid = item.token("mia", "managers");
        String forged = valid.substring(0, valid.lastIndexOf('.') + 1) + "c2lnbmF0dXJl";
        assertEquals(401, SocketClient.refusal(item.endpoint(), item.itemId, forged), "a token whose signature is not the issuer's");
        DevTokens stranger = DevTokens.open(Files.createTempDirectory("other-issuer").resolve("key.json"), Clock.systemUTC());
        assertEquals(401, SocketClient.refusal(item.endpoint(), item.itemId, stranger.issue("mia", List.of("managers"), Duration.ofHours(1))),
                "a token signed by another key");
        DevTokens expiredClock = DevTokens.open(item.cloud.dataDir().resolve("dev-signing-key.json"),
                Clock.offset(Clock.systemUTC(), Duration.ofHours(-3)));
        assertEquals(401, SocketClient.refusal(item.endpoint(), item.itemId, expiredClock.issue("mia", List.of("managers"), Duration.ofHours(1))),
                "an expired token");
    }

    @Test
    void aRefusedConnectLeavesAnAccessLineWithItsRouteAndStatusButNotTheToken() throws Exception {
        String valid = item.token("mia", "managers");
        String forged = valid.substring(0, valid.lastIndexOf('.') + 1) + "c2lnbmF0dXJl";
        PrintStream original = System.err;
        ByteArrayOutputStream captured = new ByteArrayOutputStream();
        System.setErr(new PrintStream(captured, true, StandardCharsets.UTF_8));
        try {
            assertEquals(401, SocketClient.refusal(item.endpoint(), item.itemId, forged));
        } finally {
            System.setErr(original);
        }
        String logged = captured.toString(StandardCharsets.UTF_8);
        List<JsonNode> connects = logged.lines().filter(line -> line.startsWith("{")).map(SocketConnectTest::json)
                .filter(line -> line.path("message").asText().equals("Request answered") && line.path("route").asText().equals("$connect"))
                .toList();
        assertEquals(1, connects.size(), logged);
        assertEquals(401, connects.get(0).path("status").asInt());
        assertTrue(connects.get(0).path("latencyMs").canConvertToLong(), logged);
        assertFalse(connects.get(0).path("requestId").asText().isEmpty(), "the line names its invocation: " + logged);
        assertFalse(logged.contains(forged.substring(forged.indexOf('.'))), "the token is not logged");
    }

    private static JsonNode json(String line) {
        try {
            return Json.read(line);
        } catch (Exception e) {
            throw new AssertionError("not a JSON line: " + line, e);
        }
    }

    @Test
    void aConnectionNamesAnItemItsCallerHoldsARoleIn() {
        assertEquals(400, SocketClient.refusal(item.endpoint(), "", item.token("mia", "managers")), "no item");
        assertEquals(404, SocketClient.refusal(item.endpoint(), item.itemId, item.token("nobody", "strangers")), "no role in the item");
        assertEquals(404, SocketClient.refusal(item.endpoint(), "no-such-item", item.token("mia", "managers")), "no such item");
    }

    @Test
    void aBrowserSendsItsTokenAsASubprotocolAndTheAnswerSelectsIt() {
        try (SocketClient client = SocketClient.connectWithSubprotocol(item.endpoint(), item.itemId, item.token("mia", "managers"))) {
            assertEquals("wfm.bearer", client.subprotocol());
            client.send("{\"action\": \"subscribe\", \"queue\": \"mine\"}");
            client.await(msgType("Subscribed"), BOUND, "the subscription's answer");
        }
    }

    @Test
    void aMessageWithoutAKnownActionIsAnsweredWithAClearError() {
        try (SocketClient client = SocketClient.connect(item.endpoint(), item.itemId, item.token("mia", "managers"))) {
            client.send("{\"action\": \"dance\"}");
            JsonNode unknown = client.await(msgType("Error"), BOUND, "the unknown action's answer").path("message");
            assertEquals("INVALID_ARGUMENT", unknown.path("code").asText());
            assertEquals("action", unknown.path("target").asText());
            client.send("not json");
            assertEquals("INVALID_ARGUMENT", client.await(msgType("Error"), BOUND, "the answer to text").path("message").path("code").asText());
            client.send("{\"action\": \"subscribe\", \"jobIds\": [\"x\"], \"everything\": true}");
            JsonNode unknownField = client.await(msgType("Error"), BOUND, "the answer to an unknown field").path("message");
            assertEquals("INVALID_ARGUMENT", unknownField.path("code").asText());
            assertEquals("everything", unknownField.path("target").asText());
        }
    }
}
