package dev.wfm.local.stepfunctions.definition;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** A failure inside an execution, under the name Retry and Catch match on. */
public final class StatesError extends Exception {

    private static final long serialVersionUID = 1L;

    static final String ALL = "States.ALL";
    static final String TASK_FAILED = "States.TaskFailed";
    public static final String TIMEOUT = "States.Timeout";
    public static final String HEARTBEAT_TIMEOUT = "States.HeartbeatTimeout";
    public static final String RUNTIME = "States.Runtime";
    public static final String QUERY_EVALUATION_ERROR = "States.QueryEvaluationError";
    public static final String NO_CHOICE_MATCHED = "States.NoChoiceMatched";
    public static final String DATA_LIMIT_EXCEEDED = "States.DataLimitExceeded";

    /** Every predefined name; a definition naming another "States." error is invalid, as in AWS. */
    static final Set<String> PREDEFINED = Set.of(ALL, TASK_FAILED, TIMEOUT, HEARTBEAT_TIMEOUT, RUNTIME,
            QUERY_EVALUATION_ERROR, NO_CHOICE_MATCHED, DATA_LIMIT_EXCEEDED, "States.BranchFailed", "States.Permissions",
            "States.ResultPathMatchFailure", "States.ParameterPathFailure", "States.IntrinsicFailure",
            "States.ExceedToleratedFailureThreshold", "States.ItemReaderFailed", "States.ResultWriterFailed");

    // AWS: terminal errors that no wildcard catches.
    private static final Set<String> UNCATCHABLE_BY_WILDCARD = Set.of(RUNTIME, DATA_LIMIT_EXCEEDED);

    private final String error;
    private final String cause;

    /** @param error null only for a Fail state that names no error */
    public StatesError(String error, String cause) {
        super(error + ": " + cause, null, false, false);
        this.error = error;
        this.cause = cause;
    }

    public String error() {
        return error;
    }

    public String cause() {
        return cause;
    }

    /** {@code $states.errorOutput} in a Catch. */
    public Map<String, Object> errorOutput() {
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("Error", error);
        out.put("Cause", cause);
        return out;
    }

    /** Whether a Retrier's or Catcher's ErrorEquals applies to this error. */
    public boolean matchesAny(List<String> errorEquals) {
        for (String name : errorEquals) {
            if (matches(name)) {
                return true;
            }
        }
        return false;
    }

    private boolean matches(String name) {
        if (error == null) {
            // A Fail state without Error.
            return name.equals(ALL);
        }
        if (name.equals(error)) {
            return true;
        }
        if (UNCATCHABLE_BY_WILDCARD.contains(error)) {
            return false;
        }
        return switch (name) {
            case ALL -> true;
            // AWS: States.TaskFailed matches any error except a timeout.
            case TASK_FAILED -> !error.equals(TIMEOUT) && !error.equals(HEARTBEAT_TIMEOUT);
            case TIMEOUT -> error.equals(HEARTBEAT_TIMEOUT);
            default -> false;
        };
    }
}
