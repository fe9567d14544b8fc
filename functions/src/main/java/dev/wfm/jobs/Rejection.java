package dev.wfm.jobs;

import dev.wfm.http.ErrorCode;

/**
 * Why a command was refused, in the voice of the style guide: what was expected, what was found,
 * what to do. {@code code} is the contract's step code (STEP_NOT_CURRENT, ...), {@code status}
 * the HTTP error class it belongs to.
 */
public record Rejection(String code, ErrorCode status, String message) {
    public static Rejection conflict(String code, String message) {
        return new Rejection(code, ErrorCode.CONFLICT, message);
    }

    public static Rejection invalid(String code, String message) {
        return new Rejection(code, ErrorCode.INVALID_ARGUMENT, message);
    }

    public static Rejection denied(String code, String message) {
        return new Rejection(code, ErrorCode.PERMISSION_DENIED, message);
    }
}
