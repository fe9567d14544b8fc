package dev.wfm.jobs.actions;

import com.fasterxml.jackson.annotation.JsonIgnore;
import dev.wfm.common.Refusal;
import dev.wfm.jobs.Rejection;

/** One step's outcome of an action: its status after it, or why it was refused. */
public record StepResponse(String stepId, String status, String code, String message, @JsonIgnore Refusal.Kind kind) {
    public static StepResponse done(String stepId, String status) {
        return new StepResponse(stepId, status, null, null, null);
    }

    public static StepResponse refused(String stepId, String status, Rejection rejection) {
        return new StepResponse(stepId, status, rejection.code(), rejection.message(), rejection.kind());
    }

    @JsonIgnore
    public boolean success() {
        return code == null;
    }
}
