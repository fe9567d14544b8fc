package dev.wfm.diagrams;

/** Why a diagram was rejected. Clients may switch on these; never rename one. */
public enum ProblemCode {
    // Reading JSON
    UNKNOWN_STEP_TYPE,
    INVALID_FIELD,
    UNKNOWN_FIELD,
    // Steps and start
    DUPLICATE_STEP_ID,
    ILLEGAL_STEP_ID,
    MISSING_START,
    UNKNOWN_START,
    INVALID_EXPRESSION,
    UNKNOWN_JOB_TEMPLATE,
    // Paths and routing
    UNKNOWN_PATH_ENDPOINT,
    DUPLICATE_PATH,
    INVALID_CONDITION,
    ANSWER_WITHOUT_PATH,
    RETURN_CODE_NOT_AN_ANSWER,
    MULTIPLE_DEFAULT_PATHS,
    END_STEP_HAS_PATHS,
    // The flow as a whole
    UNREACHABLE_STEP,
    DEAD_END,
    LOOP_WITHOUT_EXIT,
    UNSTRUCTURED_FORK_JOIN,
    LOOP_LEAVES_PARALLEL_BRANCH
}
