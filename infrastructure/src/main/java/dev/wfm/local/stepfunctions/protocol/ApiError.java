package dev.wfm.local.stepfunctions.protocol;

/** The error names of the Step Functions API; the SDK maps each to its exception class. */
enum ApiError {
    EXECUTION_ALREADY_EXISTS("ExecutionAlreadyExists"),
    EXECUTION_DOES_NOT_EXIST("ExecutionDoesNotExist"),
    INVALID_ARN("InvalidArn"),
    INVALID_DEFINITION("InvalidDefinition"),
    INVALID_EXECUTION_INPUT("InvalidExecutionInput"),
    INVALID_NAME("InvalidName"),
    INVALID_OUTPUT("InvalidOutput"),
    INVALID_TOKEN("InvalidToken"),
    STATE_MACHINE_ALREADY_EXISTS("StateMachineAlreadyExists"),
    STATE_MACHINE_DOES_NOT_EXIST("StateMachineDoesNotExist"),
    TASK_TIMED_OUT("TaskTimedOut"),
    VALIDATION("ValidationException"),
    SERIALIZATION("SerializationException"),
    UNKNOWN_OPERATION("UnknownOperationException"),
    INTERNAL_FAILURE("InternalFailure");

    final String wireName;

    ApiError(String wireName) {
        this.wireName = wireName;
    }

    int httpStatus() {
        return this == INTERNAL_FAILURE ? 500 : 400;
    }
}
