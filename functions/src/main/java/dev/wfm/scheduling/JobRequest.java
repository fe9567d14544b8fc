package dev.wfm.scheduling;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.wfm.common.Json;
import dev.wfm.common.Refusal;
import dev.wfm.jobs.JobCreation;
import java.util.Iterator;
import java.util.Map;
import java.util.Set;

/**
 * The jobs a schedule or a createJobs task makes: a template, how many, and overrides of the
 * job fields a create request accepts. Checked when saved, so a tick rarely meets a bad one.
 */
final class JobRequest {
    static final Set<String> OVERRIDABLE = Set.of("jobName", "priority", "jobStatus", "assignedType", "assignedTo",
            "description", "dueDate", "startDate");

    private JobRequest() {}

    /** overrides: an object of job fields with string values; empty when absent. */
    static ObjectNode overrides(JsonNode node, String target) {
        if (node == null || node.isNull()) {
            return Json.object();
        }
        if (!node.isObject()) {
            throw Refusal.invalid(target + " must be an object of job fields such as {\"jobName\": \"Weekly check\"}", target);
        }
        for (Iterator<Map.Entry<String, JsonNode>> fields = node.fields(); fields.hasNext(); ) {
            Map.Entry<String, JsonNode> field = fields.next();
            if (!OVERRIDABLE.contains(field.getKey())) {
                throw Refusal.invalid(target + " may set " + String.join(", ", OVERRIDABLE.stream().sorted().toList())
                        + ", not '" + field.getKey() + "'", target + "." + field.getKey());
            }
            if (!field.getValue().isTextual()) {
                throw Refusal.invalid(target + "." + field.getKey() + " must be a string", target + "." + field.getKey());
            }
        }
        return ((ObjectNode) node).deepCopy();
    }

    /**
     * Checks the jobs a run will create exactly as {@code POST /jobs} checks its body, when they are
     * saved: a value that would fail every run (say, an unknown priority) is refused now, at
     * {@code target} (overrides.priority...).
     */
    static void check(JobCreation creation, String itemId, String jobTemplateId, int numberOfJobs, ObjectNode overrides, String target) {
        try {
            creation.check(itemId, body(jobTemplateId, numberOfJobs, overrides));
        } catch (Refusal refused) {
            throw new Refusal(refused.kind(), target + ": " + refused.getMessage(),
                    refused.target() == null ? target : target + "." + refused.target(), refused.details(), refused.meta());
        }
    }

    /** The body of the create-jobs request a run makes. */
    static ObjectNode body(String jobTemplateId, int numberOfJobs, JsonNode overrides) {
        ObjectNode body = Json.object();
        if (overrides != null && overrides.isObject()) {
            body.setAll((ObjectNode) overrides.deepCopy());
        }
        body.put("jobTemplateId", jobTemplateId);
        body.put("numberOfJobs", numberOfJobs);
        return body;
    }
}
