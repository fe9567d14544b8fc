package dev.wfm.http;

import java.util.List;
import java.util.Map;

/** A request that cannot be served, carried to the edge where it becomes the contract's error body. */
public final class ApiException extends RuntimeException {
    private final ErrorCode code;
    private final String target;
    private final List<ErrorDetail> details;
    private final Map<String, String> meta;

    public ApiException(ErrorCode code, String message, String target, List<ErrorDetail> details, Map<String, String> meta) {
        super(message);
        this.code = code;
        this.target = target;
        this.details = List.copyOf(details);
        this.meta = Map.copyOf(meta);
    }

    public static ApiException invalid(String message, String target) {
        return new ApiException(ErrorCode.INVALID_ARGUMENT, message, target, List.of(), Map.of());
    }

    public static ApiException notFound(String message, String target) {
        return new ApiException(ErrorCode.NOT_FOUND, message, target, List.of(), Map.of());
    }

    public static ApiException denied(String message) {
        return new ApiException(ErrorCode.PERMISSION_DENIED, message, null, List.of(), Map.of());
    }

    public static ApiException conflict(String message, String target) {
        return new ApiException(ErrorCode.CONFLICT, message, target, List.of(), Map.of());
    }

    public ErrorCode code() {
        return code;
    }

    public String target() {
        return target;
    }

    public List<ErrorDetail> details() {
        return details;
    }

    public Map<String, String> meta() {
        return meta;
    }
}
