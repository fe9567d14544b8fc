package dev.wfm.sockets;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.wfm.common.Json;

/**
 * A message to a client, in the seed product's shape {@code {msgType, message: {...}}}; a pushed
 * job event also names its {@code eventId}, so a client drops one it has seen (the stream delivers
 * at least once).
 */
public record SocketMessage(String msgType, String eventId, ObjectNode message) {
    public String json() {
        ObjectNode body = Json.object().put("msgType", msgType);
        if (eventId != null) {
            body.put("eventId", eventId);
        }
        body.set("message", message);
        return Json.write(body);
    }
}
