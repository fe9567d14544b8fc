package dev.wfm.local.lambda;

import java.util.Objects;

/** The invocation failed before the function could answer; a Task state fails with {@link #errorCode()}. */
public class LambdaInvokeException extends Exception {

    private static final long serialVersionUID = 1L;

    private final String errorCode;

    /** @param errorCode the error name Retry and Catch see, e.g. "Lambda.ResourceNotFoundException" */
    public LambdaInvokeException(String errorCode, String message) {
        super(message);
        this.errorCode = Objects.requireNonNull(errorCode, "errorCode");
    }

    public LambdaInvokeException(String errorCode, String message, Throwable cause) {
        super(message, cause);
        this.errorCode = Objects.requireNonNull(errorCode, "errorCode");
    }

    public String errorCode() {
        return errorCode;
    }
}
