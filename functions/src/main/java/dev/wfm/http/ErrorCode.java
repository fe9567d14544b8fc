package dev.wfm.http;

import dev.wfm.common.Refusal;

/**
 * The error codes of the HTTP contract, each with its status: the one place a refusal's kind
 * becomes a status code ({@link #of}).
 */
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

    /** The code a refusal of this kind is answered with: the kinds are named as the codes they are. */
    public static ErrorCode of(Refusal.Kind kind) {
        return switch (kind) {
            case INVALID_ARGUMENT -> INVALID_ARGUMENT;
            case UNAUTHENTICATED -> UNAUTHENTICATED;
            case PERMISSION_DENIED -> PERMISSION_DENIED;
            case NOT_FOUND -> NOT_FOUND;
            case CONFLICT -> CONFLICT;
            case PAYLOAD_TOO_LARGE -> PAYLOAD_TOO_LARGE;
            case IDEMPOTENCY_KEY_REUSED -> IDEMPOTENCY_KEY_REUSED;
        };
    }
}
