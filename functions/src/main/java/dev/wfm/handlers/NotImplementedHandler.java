package dev.wfm.handlers;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestStreamHandler;
import com.fasterxml.jackson.databind.JsonNode;
import dev.wfm.common.Json;
import dev.wfm.http.ApiResponse;
import dev.wfm.http.ErrorCode;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;

/**
 * The placeholder for functions of template.yaml whose capability has not landed yet: an HTTP
 * request gets 501 NOT_IMPLEMENTED in the error model; any other event fails loudly, so a
 * workflow or schedule never mistakes it for work done.
 */
public final class NotImplementedHandler implements RequestStreamHandler {
    @Override
    public void handleRequest(InputStream input, OutputStream output, Context context) throws IOException {
        JsonNode event = Json.MAPPER.readTree(input);
        String function = context == null ? "this function" : context.getFunctionName();
        if (event != null && event.has("routeKey")) {
            ApiResponse error = ApiResponse.error(ErrorCode.NOT_IMPLEMENTED,
                    "The route " + event.get("routeKey").asText() + " of " + function + " is not implemented yet");
            var response = Json.object()
                    .put("statusCode", error.status())
                    .put("body", Json.write(error.body()))
                    .put("isBase64Encoded", false);
            response.putObject("headers").put("content-type", "application/json");
            Json.MAPPER.writeValue(output, response);
            return;
        }
        throw new UnsupportedOperationException("NOT_IMPLEMENTED: " + function + " has no implementation yet");
    }
}
