package dev.wfm.http;

/** The error codes of the HTTP contract, each with its status. */
public enum ErrorCode {
    INVALID_ARGUMENT(400),
    UNAUTHENTICATED(401),
    PERMISSION_DENIED(403),
    NOT_FOUND(404),
    CONFLICT(409),
    PAYLOAD_TOO_LARGE(413),
    /** An Idempotency-Key first used with another request: nothing is created, the first request is not answered. */
    IDEMPOTENCY_KEY_REUSED(422),
    INTERNAL(500);

    private final int status;

    ErrorCode(int status) {
        this.status = status;
    }

    public int status() {
        return status;
    }
}
