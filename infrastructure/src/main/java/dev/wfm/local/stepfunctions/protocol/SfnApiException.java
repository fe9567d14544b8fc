package dev.wfm.local.stepfunctions.protocol;

/**
 * A request the local Step Functions API refuses; answered as {@code {"__type": ..., "message": ...}},
 * which the SDK turns into its exception classes.
 */
final class SfnApiException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    final ApiError error;

    SfnApiException(ApiError error, String message) {
        super(message, null, false, false);
        this.error = error;
    }

    /** The wording AWS uses for a missing or malformed member, so clients see familiar messages. */
    static SfnApiException constraint(String member, Object value, String constraint) {
        return new SfnApiException(ApiError.VALIDATION, "1 validation error detected: Value " + value + " at '" + member
                + "' failed to satisfy constraint: " + constraint);
    }
}
