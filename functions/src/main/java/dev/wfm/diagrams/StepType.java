package dev.wfm.diagrams;

import java.util.Arrays;
import java.util.Optional;

/** The {@code type} of a step, as written in diagram JSON. */
public enum StepType {
    MANUAL("manual"),
    QUESTION("question"),
    WEB_REQUEST("webRequest"),
    WAIT("wait"),
    CREATE_JOB("createJob"),
    END("end");

    private final String json;

    StepType(String json) {
        this.json = json;
    }

    public String json() {
        return json;
    }

    public static Optional<StepType> fromJson(String value) {
        return Arrays.stream(values()).filter(t -> t.json.equals(value)).findFirst();
    }

    /** Done by the worker function, without a person. */
    public boolean automated() {
        return this == WEB_REQUEST || this == WAIT || this == CREATE_JOB;
    }
}
