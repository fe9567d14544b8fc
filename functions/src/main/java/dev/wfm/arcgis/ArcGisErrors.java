package dev.wfm.arcgis;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.wfm.common.Json;
import dev.wfm.common.Refusal;
import dev.wfm.http.ApiResponse;

/**
 * A refusal in ArcGIS Workflow Manager's error shape, with the status our contract gives it:
 * {@code {"error": {"code": 400, "message": "...", "type": "INVALID_ARGUMENT", "target": "...", "details": [{"type", "message",
 * "target"}], "meta": {...}}}}.
 * That product documents {@code message}, {@code type} and {@code details}; {@code code} is the
 * HTTP status, as ArcGIS REST clients read it from any {@code error} answer.
 */
public final class ArcGisErrors {
    private ArcGisErrors() {}

    public static ApiResponse answer(Refusal refusal) {
        ApiResponse ours = ApiResponse.error(refusal);
        JsonNode body = (JsonNode) ours.body();
        ObjectNode error = Json.object();
        error.putObject("error").put("code", ours.status()).put("message", body.path("message").asText())
                .put("type", body.path("code").asText());
        ObjectNode shown = (ObjectNode) error.get("error");
        if (body.hasNonNull("target")) {
            shown.put("target", body.path("target").asText());
        }
        ArrayNode details = shown.putArray("details");
        for (JsonNode detail : body.path("details")) {
            ObjectNode entry = details.addObject().put("type", detail.path("code").asText()).put("message", detail.path("message").asText());
            if (detail.hasNonNull("target")) {
                entry.put("target", detail.path("target").asText());
            }
        }
        if (body.has("meta")) {
            shown.set("meta", body.get("meta"));
        }
        return new ApiResponse(ours.status(), error);
    }
}
