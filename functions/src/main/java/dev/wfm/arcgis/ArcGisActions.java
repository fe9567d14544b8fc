package dev.wfm.arcgis;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.wfm.common.Json;
import dev.wfm.common.JsonFields;
import dev.wfm.common.Refusal;
import dev.wfm.jobs.actions.StepResponse;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Step actions in ArcGIS Workflow Manager's shapes: its {@code JobActionBody} ({@code type} one of
 * its seven actions, {@code stepIds}, {@code holdScheduledRelease}) as ours, and our step
 * responses as its {@code stepResponses: [{stepId, status, statusDescription}]}, each refusal's
 * code mapped to the one of its statuses that means the same (a refusal it has none for, such as
 * INVALID_RELEASE, keeps our code).
 */
public final class ArcGisActions {
    /** Its actions; ours has Assign, Claim and GiveBack too, which its clients never send. */
    static final Set<String> TYPES = Set.of("Finish", "Run", "Stop", "SetCurrentStep", "Hold", "ReleaseHold", "RefreshStatus");
    private static final Map<String, String> STATUSES = Map.ofEntries(
            Map.entry("JOB_CLOSED", "JobClosed"),
            Map.entry("STEP_NOT_CURRENT", "StepNotCurrent"),
            Map.entry("NO_CURRENT_STEP", "NoActiveStep"),
            Map.entry("END_STEP", "NoActiveStep"),
            Map.entry("NOT_ASSIGNED", "AssignedToDifferentUser"),
            Map.entry("NOT_IN_GROUP", "AssignedToDifferentUser"),
            Map.entry("NOT_YOUR_CLAIM", "AssignedToDifferentUser"),
            Map.entry("NOT_PERMITTED", "AssignedToDifferentUser"),
            Map.entry("STEP_RUNNING", "AlreadyExecuting"),
            Map.entry("STEP_WORKING", "AlreadyExecuting"),
            Map.entry("STEP_HELD", "Held"),
            Map.entry("STEP_DEPENDENT", "Held"),
            Map.entry("JOB_PAUSED", "Held"),
            Map.entry("STEP_NOT_HELD", "NotHeld"),
            Map.entry("STEP_NOT_WORKING", "NotRunning"),
            Map.entry("UNKNOWN_STEP", "StepNotInDiagram"),
            Map.entry("STEP_NOT_IN_VERSION", "StepNotInDiagram"),
            Map.entry("INVALID_RETURN_CODE", "NoMatchingPaths"));

    private ArcGisActions() {}

    /** Its action body as ours: {@code {type, stepIds?, scheduledRelease?}}. */
    public static ObjectNode actionBody(JsonNode given) {
        JsonFields.refuseUnknown(given, "", "type", "stepIds", "holdScheduledRelease", "dependentJobId", "dependentStepId");
        if (given.hasNonNull("dependentJobId") || given.hasNonNull("dependentStepId")) {
            throw Refusal.invalid("A hold on another job's step is a dependency here: POST /items/{itemId}/jobs/{jobId}/dependencies",
                    given.hasNonNull("dependentJobId") ? "dependentJobId" : "dependentStepId");
        }
        String type = JsonFields.requiredString(given, "type", 40);
        if (!TYPES.contains(type)) {
            throw Refusal.invalid("Unknown action type '" + type + "'; expected one of " + TYPES.stream().sorted().toList(), "type");
        }
        ObjectNode body = Json.object().put("type", type);
        if (given.has("stepIds")) {
            body.set("stepIds", given.get("stepIds"));
        }
        if (given.hasNonNull("holdScheduledRelease")) {
            if (!type.equals("Hold")) {
                throw Refusal.invalid("holdScheduledRelease belongs to a Hold", "holdScheduledRelease");
            }
            body.set("scheduledRelease", given.get("holdScheduledRelease"));
        }
        return body;
    }

    /** {@code {success, stepResponses: [{stepId, status, statusDescription}]}}: Success, or the status its refusal means. */
    public static ObjectNode answer(List<StepResponse> responses) {
        ObjectNode answer = Json.object().put("success", responses.stream().allMatch(StepResponse::success));
        ArrayNode steps = answer.putArray("stepResponses");
        for (StepResponse response : responses) {
            steps.addObject().put("stepId", response.stepId()).put("status", status(response))
                    .put("statusDescription", response.success() ? "Step " + response.stepId() + " is " + response.status() : response.message());
        }
        return answer;
    }

    static String status(StepResponse response) {
        if (response.success()) {
            return "Success";
        }
        // a step in another status than the action needs (STEP_NOT_READY, ...) is not where the action applies
        return STATUSES.getOrDefault(response.code(), response.code().startsWith("STEP_NOT_") ? "StepNotCurrent" : response.code());
    }
}
