package dev.wfm.http;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.wfm.common.Json;
import dev.wfm.common.Refusal;

/** A status and a JSON body (or none), or a {@link Binary} body such as a file. */
public record ApiResponse(int status, Object body) {
    /**
     * Bytes sent as they are, with their type; {@code fileName}, when given, becomes a
     * {@code Content-Disposition: attachment} header.
     */
    public record Binary(byte[] content, String contentType, String fileName) {}

    /** Sends the client elsewhere, such as to a pre-signed URL: a body of its own is not needed. */
    public record Redirect(String location) {}

    /** 307: the same request, at {@code location}. */
    public static ApiResponse redirect(String location) {
        return new ApiResponse(307, new Redirect(location));
    }

    public static ApiResponse ok(Object body) {
        return new ApiResponse(200, body);
    }

    public static ApiResponse created(Object body) {
        return new ApiResponse(201, body);
    }

    public static ApiResponse noContent() {
        return new ApiResponse(204, null);
    }

    public static ApiResponse accepted(Object body) {
        return new ApiResponse(202, body);
    }

    /** The contract's error model for a refusal, with the status of its kind. */
    public static ApiResponse error(Refusal error) {
        ErrorCode code = ErrorCode.of(error.kind());
        ObjectNode body = error(code, error.getMessage(), error.target());
        if (!error.details().isEmpty()) {
            ArrayNode details = body.putArray("details");
            for (Refusal.Detail detail : error.details()) {
                ObjectNode entry = details.addObject();
                entry.put("code", detail.code());
                entry.put("message", detail.message());
                if (detail.target() != null) {
                    entry.put("target", detail.target());
                }
            }
        }
        if (!error.meta().isEmpty()) {
            ObjectNode meta = body.putObject("meta");
            error.meta().forEach(meta::put);
        }
        return new ApiResponse(code.status(), body);
    }

    public static ApiResponse error(ErrorCode code, String message) {
        return new ApiResponse(code.status(), error(code, message, null));
    }

    private static ObjectNode error(ErrorCode code, String message, String target) {
        ObjectNode body = Json.object();
        body.put("code", code.name());
        body.put("message", message);
        if (target != null) {
            body.put("target", target);
        }
        return body;
    }
}
