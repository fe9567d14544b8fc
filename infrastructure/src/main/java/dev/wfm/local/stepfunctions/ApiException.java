package dev.wfm.local.stepfunctions;

/** A request the API refuses; answered as {@code {"__type": ..., "message": ...}}. */
final class ApiException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    final ApiError error;

    ApiException(ApiError error, String message) {
        super(message, null, false, false);
        this.error = error;
    }

    /** The wording AWS uses for a missing or malformed member, so clients see familiar messages. */
    static ApiException constraint(String member, Object value, String constraint) {
        return new ApiException(ApiError.VALIDATION, "1 validation error detected: Value " + value + " at '" + member
                + "' failed to satisfy constraint: " + constraint);
    }
}
