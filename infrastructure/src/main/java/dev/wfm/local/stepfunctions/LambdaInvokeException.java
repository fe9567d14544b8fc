package dev.wfm.local.stepfunctions;

/** The invoke itself failed (unknown function, throttled, ...): the task fails with {@link #errorCode()}. */
public class LambdaInvokeException extends Exception {
    private final String errorCode;

    public LambdaInvokeException(String errorCode, String message) {
        super(message);
        this.errorCode = errorCode;
    }

    public String errorCode() {
        return errorCode;
    }
}
