package dev.wfm.jobs;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.wfm.common.Json;
import java.time.Instant;

/** Jobs as the HTTP contract shows them. */
public final class JobViews {
    private JobViews() {}

    /** The job at {@code now}: its SLA clock's live values are read at that moment. */
    public static ObjectNode job(Job job, boolean withHolds, Instant now) {
        ObjectNode node = Json.object()
                .put("jobId", job.jobId())
                .put("jobName", job.jobName())
                .put("jobTemplateId", job.jobTemplateId())
                .put("diagramId", job.diagramId())
                .put("diagramVersion", job.diagramVersion())
                .put("priority", job.priority())
                .put("jobStatus", job.jobStatus())
                .put("closed", job.closed())
                .put("paused", job.paused())
                .put("assignedType", job.assignedType())
                .put("assignedTo", job.assignedTo())
                .put("description", job.description())
                .put("dueDate", job.dueDate())
                .put("startDate", job.startDate())
                .put("createdBy", job.createdBy())
                .put("created", job.created())
                .put("updated", job.updated())
                .put("revision", job.revision());
        job.effectiveDueDate(now).ifPresent(due -> node.put("effectiveDueDate", due.toString()));
        if (job.sla() != null) {
            node.put("activeSeconds", job.sla().activeMillis(now) / 1000).put("heldSeconds", job.sla().heldMillis(now) / 1000);
        }
        node.put("overdue", job.overdue(now));
        if (job.parentJobId() != null) {
            node.put("parentJobId", job.parentJobId());
        }
        if (!job.outputs().isEmpty()) {
            node.set("outputs", job.outputs());
        }
        if (job.closure() != null) {
            node.put("closedBy", job.closure().closedBy()).put("closedDate", job.closure().closedDate());
        }
        ArrayNode steps = node.putArray("currentSteps");
        for (CurrentStep step : job.currentSteps()) {
            ObjectNode entry = steps.addObject()
                    .put("stepId", step.stepId())
                    .put("stepName", step.stepName())
                    .put("stepType", step.stepType())
                    .put("status", job.paused() ? "Paused" : step.status().name())
                    .put("assignedType", step.assignedType())
                    .put("assignedTo", step.assignedTo())
                    .put("since", step.since());
            if (step.started() != null) {
                entry.put("started", step.started());
            }
            if (step.claimedFrom() != null) {
                entry.put("claimedFrom", step.claimedFrom());
            }
            if (step.error() != null) {
                entry.put("error", step.error());
            }
            if (step.answers() != null) {
                step.answers().forEach(entry.putArray("answers")::add);
            }
        }
        if (withHolds) {
            ArrayNode holds = node.putArray("holds");
            job.holds().forEach(hold -> holds.add(Json.MAPPER.valueToTree(hold)));
        }
        if (!job.owedCalls().isEmpty()) {
            node.put("pendingExecutionCalls", job.owedCalls().size());
        }
        return node;
    }

    /**
     * Related records as the update takes them: {@code [{tableName, entries: [{id, properties:
     * {field: value}}]}]}, tables in name order, records oldest first.
     */
    public static ArrayNode related(java.util.List<RelatedRecord> records) {
        ArrayNode view = Json.MAPPER.createArrayNode();
        java.util.Map<String, ArrayNode> entries = new java.util.TreeMap<>();
        for (RelatedRecord record : records) {
            ObjectNode entry = entries.computeIfAbsent(record.tableName(), name -> Json.MAPPER.createArrayNode()).addObject();
            entry.put("id", record.recordId()).set("properties", record.properties());
        }
        entries.forEach((tableName, list) -> view.addObject().put("tableName", tableName).set("entries", list));
        return view;
    }
}
