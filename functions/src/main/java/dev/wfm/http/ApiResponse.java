package dev.wfm.http;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.wfm.common.Json;
import java.util.List;
import java.util.Map;

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

    public static ApiResponse error(ApiException error) {
        ObjectNode body = Json.object();
        body.put("code", error.code().name());
        body.put("message", error.getMessage());
        if (error.target() != null) {
            body.put("target", error.target());
        }
        if (!error.details().isEmpty()) {
            ArrayNode details = body.putArray("details");
            for (ErrorDetail detail : error.details()) {
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
        return new ApiResponse(error.code().status(), body);
    }

    public static ApiResponse error(ErrorCode code, String message) {
        return error(new ApiException(code, message, null, List.of(), Map.of()));
    }
}
