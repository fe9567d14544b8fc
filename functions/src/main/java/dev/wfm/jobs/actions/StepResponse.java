package dev.wfm.jobs.actions;

import com.fasterxml.jackson.annotation.JsonIgnore;
import dev.wfm.common.Refusal;
import dev.wfm.jobs.Rejection;
import java.util.List;
import java.util.Map;

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

    /**
     * The refusal of an action every step of which was refused: the first step's, at its step, with
     * each step's refusal in the details.
     */
    public static Refusal refusal(List<StepResponse> responses, String jobId) {
        StepResponse first = responses.get(0);
        List<Refusal.Detail> details = responses.stream().map(r -> new Refusal.Detail(r.code(), r.message(), r.stepId())).toList();
        return new Refusal(first.kind() == null ? Refusal.Kind.CONFLICT : first.kind(), first.message(), first.stepId(), details,
                Map.of("jobId", jobId));
    }
}
