package dev.wfm.http;

import dev.wfm.common.Refusal;
import java.util.List;
import java.util.Map;

/**
 * A refusal in the HTTP contract's terms, thrown by the packages that have not moved to
 * {@link Refusal} yet (see there); the edge answers both alike.
 */
public final class ApiException extends Refusal {
    public ApiException(ErrorCode code, String message, String target, List<ErrorDetail> details, Map<String, String> meta) {
        super(Refusal.Kind.valueOf(code.name()), message, target,
                details.stream().map(detail -> new Detail(detail.code(), detail.message(), detail.target())).toList(), meta);
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

    /** The refusal as this type, for callers that name errors by class (a Lambda function's error name). */
    public static ApiException of(Refusal refusal) {
        return refusal instanceof ApiException same ? same : new ApiException(ErrorCode.of(refusal.kind()), refusal.getMessage(),
                refusal.target(), refusal.details().stream().map(d -> new ErrorDetail(d.code(), d.message(), d.target())).toList(),
                refusal.meta());
    }

    public ErrorCode code() {
        return ErrorCode.of(kind());
    }
}
