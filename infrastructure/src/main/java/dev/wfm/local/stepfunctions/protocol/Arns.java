package dev.wfm.local.stepfunctions.protocol;

import java.util.regex.Pattern;

/** ARNs of the local service: one fixed region and account. */
final class Arns {

    static final String REGION = "us-east-1";
    static final String ACCOUNT = "000000000000";
    private static final String PREFIX = "arn:aws:states:";
    private static final int MAX_NAME_LENGTH = 80;
    // AWS forbids whitespace, brackets, wildcards, these punctuation marks and control characters.
    private static final Pattern FORBIDDEN = Pattern.compile("[\\s<>{}\\[\\]?*\"#%\\\\^|~`$&,;:/\\x00-\\x1f\\x7f-\\x9f]");

    /** The parts of an execution ARN. */
    record ExecutionName(String stateMachineName, String executionName) {}

    private Arns() {}

    static String stateMachine(String name) {
        return PREFIX + REGION + ":" + ACCOUNT + ":stateMachine:" + name;
    }

    static String execution(String stateMachineName, String executionName) {
        return PREFIX + REGION + ":" + ACCOUNT + ":execution:" + stateMachineName + ":" + executionName;
    }

    static void checkName(String name, String what) {
        if (name.isEmpty() || name.length() > MAX_NAME_LENGTH || FORBIDDEN.matcher(name).find()) {
            throw new SfnApiException(ApiError.INVALID_NAME, "Invalid " + what + " name: '" + name + "'");
        }
    }

    /** Rejects what is not a state machine ARN at all; whether it exists is the caller's question. */
    static String stateMachineName(String arn) {
        String[] parts = arn.split(":", -1);
        if (parts.length != 7 || !arn.startsWith(PREFIX) || !parts[5].equals("stateMachine") || parts[6].isEmpty()) {
            throw new SfnApiException(ApiError.INVALID_ARN, "Invalid Arn: 'Resource type not valid in this context: " + arn + "'");
        }
        return parts[6];
    }

    static ExecutionName executionName(String arn) {
        String[] parts = arn.split(":", -1);
        if (parts.length != 8 || !arn.startsWith(PREFIX) || !parts[5].equals("execution")
                || parts[6].isEmpty() || parts[7].isEmpty()) {
            throw new SfnApiException(ApiError.INVALID_ARN, "Invalid Arn: 'Resource type not valid in this context: " + arn + "'");
        }
        return new ExecutionName(parts[6], parts[7]);
    }
}
