package dev.wfm.local.stepfunctions.protocol;

import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpHandler;
import dev.wfm.local.stepfunctions.definition.JsonValues;
import java.io.IOException;
import java.io.OutputStream;
import java.lang.System.Logger.Level;
import java.util.UUID;

/**
 * The AWS JSON 1.0 protocol: POST /, operation in X-Amz-Target, JSON in and out; errors as HTTP
 * 400 with {@code {"__type", "message"}}, which the SDK turns into its exception classes. No
 * request, however malformed, escapes as anything but such an answer.
 */
public final class ProtocolHandler implements HttpHandler {

    private static final System.Logger LOG = System.getLogger(ProtocolHandler.class.getName());
    private static final String CONTENT_TYPE = "application/x-amz-json-1.0";
    private static final String TARGET_PREFIX = "AWSStepFunctions.";

    private final Operations operations;

    public ProtocolHandler(Engine engine) {
        this.operations = new Operations(engine);
    }

    @Override
    public void handle(HttpExchange exchange) throws IOException {
        try (exchange) {
            int status = 200;
            ObjectNode response;
            String errorType = null;
            try {
                response = dispatch(exchange);
            } catch (SfnApiException e) {
                status = e.error.httpStatus();
                errorType = e.error.wireName;
                response = JsonValues.object().put("__type", errorType).put("message", e.getMessage());
            } catch (RuntimeException | StackOverflowError e) {
                LOG.log(Level.WARNING, "Step Functions request failed", e);
                status = ApiError.INTERNAL_FAILURE.httpStatus();
                errorType = ApiError.INTERNAL_FAILURE.wireName;
                response = JsonValues.object().put("__type", errorType).put("message", String.valueOf(e));
            }
            byte[] body = JsonValues.MAPPER.writeValueAsBytes(response);
            exchange.getResponseHeaders().set("Content-Type", CONTENT_TYPE);
            exchange.getResponseHeaders().set("x-amzn-RequestId", UUID.randomUUID().toString());
            if (errorType != null) {
                exchange.getResponseHeaders().set("x-amzn-ErrorType", errorType);
            }
            exchange.sendResponseHeaders(status, body.length);
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(body);
            }
        }
    }

    private ObjectNode dispatch(HttpExchange exchange) throws IOException {
        byte[] body = exchange.getRequestBody().readAllBytes();
        if (!"POST".equals(exchange.getRequestMethod())) {
            throw new SfnApiException(ApiError.VALIDATION, "Only POST requests are accepted");
        }
        String target = exchange.getRequestHeaders().getFirst("X-Amz-Target");
        if (target == null || !target.startsWith(TARGET_PREFIX)) {
            throw new SfnApiException(ApiError.UNKNOWN_OPERATION, "Missing or unknown X-Amz-Target: " + target);
        }
        return operations.find(target.substring(TARGET_PREFIX.length())).apply(Request.parse(body));
    }
}
