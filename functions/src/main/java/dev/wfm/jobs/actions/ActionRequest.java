package dev.wfm.jobs.actions;

import com.fasterxml.jackson.databind.JsonNode;
import dev.wfm.common.JsonFields;
import dev.wfm.common.Refusal;
import dev.wfm.config.Assignment;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/** A parsed action request; no stepIds means every current step. */
public record ActionRequest(ActionType type, List<String> stepIds, String returnCode, String comment,
                            Assignment assignment, Instant scheduledRelease) {
    /** A return code travels in a Step Functions task result (256 KB at most), with the job. */
    private static final int MAX_RETURN_CODE = 4000;

    public static ActionRequest parse(JsonNode body) {
        JsonFields.refuseUnknown(body, "", "type", "stepIds", "stepId", "returnCode", "comment", "assignedType", "assignedTo",
                "scheduledRelease");
        String typeText = JsonFields.requiredString(body, "type", 40);
        ActionType type = Arrays.stream(ActionType.values()).filter(t -> t.name().equals(typeText)).findFirst()
                .orElseThrow(() -> Refusal.invalid("Unknown action type '" + typeText + "'; expected one of "
                        + Arrays.toString(ActionType.values()), "type"));
        List<String> stepIds = new ArrayList<>(JsonFields.stringList(body.get("stepIds"), "stepIds"));
        String stepId = JsonFields.optionalString(body, "stepId", 64);
        if (stepId != null && !stepIds.contains(stepId)) {
            stepIds.add(stepId);
        }
        if (type == ActionType.SetCurrentStep && stepIds.size() != 1) {
            throw Refusal.invalid("SetCurrentStep needs exactly one step, in stepId or stepIds", "stepId");
        }
        Instant release = null;
        String releaseText = JsonFields.optionalString(body, "scheduledRelease", 40);
        if (releaseText != null) {
            try {
                release = Instant.parse(releaseText);
            } catch (DateTimeParseException e) {
                throw Refusal.invalid("scheduledRelease must be an ISO-8601 UTC time such as 2026-12-01T08:00:00Z", "scheduledRelease");
            }
        }
        Assignment assignment = type == ActionType.Assign ? Assignment.read(body, "") : null;
        if (type == ActionType.Assign && assignment == null) {
            throw Refusal.invalid("Assign needs assignedType (User, Group or Unassigned) and, for a user or group, assignedTo", "assignedType");
        }
        JsonNode returnCode = body.get("returnCode");
        if (returnCode != null && !returnCode.isNull() && (!returnCode.isValueNode() || returnCode.asText().length() > MAX_RETURN_CODE)) {
            throw Refusal.invalid("returnCode must be a string of at most " + MAX_RETURN_CODE + " characters", "returnCode");
        }
        return new ActionRequest(type, List.copyOf(stepIds),
                returnCode == null || returnCode.isNull() ? null : returnCode.asText(),
                JsonFields.optionalString(body, "comment", 4000), assignment, release);
    }
}
