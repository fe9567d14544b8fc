package dev.wfm.arcgis;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.wfm.common.Json;
import dev.wfm.common.JsonFields;
import dev.wfm.common.Refusal;
import dev.wfm.jobs.CurrentStep;
import dev.wfm.jobs.Hold;
import dev.wfm.jobs.Job;
import dev.wfm.jobs.RelatedRecord;
import dev.wfm.jobs.StepStatus;
import java.math.BigDecimal;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.stream.Stream;

/**
 * Jobs in ArcGIS Workflow Manager's shapes, both ways: its job object ({@code createdDate},
 * {@code jobTemplateName}, {@code parentJob}, extended properties as {@code [{tableName,
 * properties: [{propertyName, value}]}]}) from ours, and its create and update bodies
 * ({@code CreateJobOverrides}, {@code JobOverrides}) into ours. Its fields this product has no
 * counterpart for are refused by name, never dropped.
 */
public final class ArcGisJobs {
    /** Create fields taken as ours are; {@code extendedProperties} and {@code location} are reshaped. */
    private static final Set<String> CREATE_FIELDS = Set.of("numberOfJobs", "jobName", "startDate", "dueDate", "priority", "description",
            "assignedType", "assignedTo", "jobStatus");
    private static final Set<String> UPDATE_FIELDS = Set.of("allowRunningStepId", "jobName", "startDate", "dueDate", "priority",
            "description", "jobStatus");
    /** Its fields with nothing behind them here: refused, naming what to use instead where there is something. */
    private static final Map<String, String> UNSUPPORTED = Map.of(
            "ownedBy", "jobs have no owner here; the assignment is assignedType and assignedTo",
            "percentComplete", "progress is not kept as a number here",
            "notes", "use the job's comments (POST /items/{itemId}/jobs/{jobId}/comments)",
            "parentJob", "child jobs are made by createJob steps",
            "versions", "jobs have no data versions here");
    private static final int MAX_GEOMETRY = 1024 * 1024;

    private ArcGisJobs() {}

    /**
     * The job as that product's GET answers it. {@code extended} and {@code related}: the job's
     * extended properties (ours, {@code {table: {field: value}}}) and related records when asked for
     * ({@code extProps=true}), else null.
     */
    public static ObjectNode job(Job job, String jobTemplateName, String diagramName, boolean withHolds, ObjectNode extended,
                                 List<RelatedRecord> related) {
        ObjectNode node = Json.object().put("jobId", job.jobId()).put("jobName", job.jobName())
                .put("jobTemplateId", job.jobTemplateId()).put("jobTemplateName", jobTemplateName)
                .put("diagramId", job.diagramId()).put("diagramName", diagramName).put("diagramVersion", job.diagramVersion())
                .put("description", job.description()).put("priority", job.priority()).put("jobStatus", job.jobStatus())
                .put("closed", job.closed()).put("createdBy", job.createdBy()).put("createdDate", job.created())
                .put("startDate", job.startDate()).put("dueDate", job.dueDate()).put("revision", job.revision());
        if (job.closure() != null) {
            node.put("closedBy", job.closure().closedBy()).put("endDate", job.closure().closedDate());
        }
        if (job.parentJobId() != null) {
            node.put("parentJob", job.parentJobId());
        }
        ArrayNode steps = node.putArray("currentSteps");
        for (CurrentStep step : job.currentSteps()) {
            steps.addObject().put("stepId", step.stepId()).put("stepName", step.stepName())
                    .put("assignedType", step.assignedType()).put("assignedTo", step.assignedTo())
                    .put("manualHold", job.holds().stream().anyMatch(hold -> hold.stepId().equals(step.stepId())))
                    .put("dependencies", job.dependencies().stream().anyMatch(on -> on.stepId().equals(step.stepId())))
                    .put("status", job.paused() ? "Paused" : step.status().name())
                    .put("running", step.status() == StepStatus.Working);
        }
        if (withHolds) {
            ArrayNode holds = node.putArray("holds");
            for (Hold hold : job.holds()) {
                ObjectNode shown = holds.addObject().put("jobId", job.jobId()).put("stepId", hold.stepId()).put("holdId", hold.holdId())
                        .put("setBy", hold.createdBy()).put("setDate", hold.created());
                if (hold.scheduledRelease() != null) {
                    shown.put("scheduledRelease", hold.scheduledRelease());
                }
            }
        }
        if (extended != null) {
            ArrayNode tables = node.putArray("extendedProperties");
            Set<String> names = new TreeSet<>();
            extended.fieldNames().forEachRemaining(names::add);
            names.forEach(tableName -> tables.addObject().put("tableName", tableName).set("properties", properties(extended.path(tableName))));
        }
        if (related != null) {
            ArrayNode tables = node.putArray("relatedProperties");
            Map<String, ArrayNode> entries = new TreeMap<>();
            for (RelatedRecord record : related) {
                entries.computeIfAbsent(record.tableName(), name -> Json.MAPPER.createArrayNode()).addObject()
                        .put("id", record.recordId()).set("properties", properties(record.properties()));
            }
            entries.forEach((tableName, list) -> tables.addObject().put("tableName", tableName).set("entries", list));
        }
        return node;
    }

    /** {@code {field: value}} as {@code [{propertyName, value}]}, in the order the fields were set. */
    private static ArrayNode properties(JsonNode values) {
        ArrayNode list = Json.MAPPER.createArrayNode();
        values.fields().forEachRemaining(field -> list.addObject().put("propertyName", field.getKey()).set("value", field.getValue()));
        return list;
    }

    /**
     * {@code CreateJobOverrides} as our create body for {@code jobTemplateId}. {@code fieldTypes}:
     * the item's one-to-one extended property fields ({@code table.field -> type}), so values that
     * product sends as text ({@code "12"}, {@code "true"}) are typed as the field is.
     */
    public static ObjectNode createBody(JsonNode given, String jobTemplateId, Map<String, String> fieldTypes) {
        ObjectNode body = taken(given, CREATE_FIELDS, Set.of("extendedProperties", "location"), fieldTypes).put("jobTemplateId", jobTemplateId);
        if (given.hasNonNull("location")) {
            body.set("location", location(given.get("location")));
        }
        return body;
    }

    /** {@code JobOverrides} as our update body at {@code revision}: only the properties it names change. */
    public static ObjectNode updateBody(JsonNode given, long revision, Map<String, String> fieldTypes) {
        ObjectNode body = taken(given, UPDATE_FIELDS, Set.of("extendedProperties", "relatedProperties"), fieldTypes).put("revision", revision);
        if (given.hasNonNull("relatedProperties")) {
            body.set("relatedProperties", given.get("relatedProperties"));
        }
        return body;
    }

    /** Whether the update names extended or related properties (which only a fresh read shows). */
    public static boolean changesProperties(JsonNode given) {
        return given.hasNonNull("extendedProperties") || given.hasNonNull("relatedProperties");
    }

    private static void refuseUnsupported(JsonNode given, Set<String> taken, Set<String> reshaped) {
        given.fieldNames().forEachRemaining(name -> {
            String instead = UNSUPPORTED.get(name);
            if (instead != null) {
                throw Refusal.invalid("Field '" + name + "' is not supported by this server: " + instead, name);
            }
            if (!taken.contains(name) && !reshaped.contains(name)) {
                throw Refusal.invalid("Unknown field '" + name + "'; expected one of "
                        + Stream.concat(taken.stream(), reshaped.stream()).sorted().toList(), name);
            }
        });
    }

    /** The fields ours takes as they are, and its extended properties typed; anything else of {@code given} but {@code reshaped} refused. */
    private static ObjectNode taken(JsonNode given, Set<String> fields, Set<String> reshaped, Map<String, String> fieldTypes) {
        refuseUnsupported(given, fields, reshaped);
        ObjectNode body = Json.object();
        fields.forEach(field -> {
            if (given.has(field)) {
                body.set(field, given.get(field));
            }
        });
        if (given.hasNonNull("extendedProperties")) {
            body.set("extendedProperties", typed(given.get("extendedProperties"), fieldTypes));
        }
        return body;
    }

    /**
     * {@code [{identifier: "table.field", value, dataType?, uniqueId?}]} as ours takes it, {@code
     * [{identifier, value}]}, a textual value of a number or boolean field typed as the field is
     * (anything it cannot be is left for the field's own check to refuse).
     */
    static JsonNode typed(JsonNode given, Map<String, String> fieldTypes) {
        if (!given.isArray()) {
            throw Refusal.invalid("extendedProperties must be an array of {identifier, value}", "extendedProperties");
        }
        ArrayNode changes = Json.MAPPER.createArrayNode();
        for (int i = 0; i < given.size(); i++) {
            JsonNode entry = given.get(i);
            String target = "extendedProperties[" + i + "]";
            if (!entry.isObject()) {
                throw Refusal.invalid(target + " must be an object {identifier, value}", target);
            }
            JsonFields.refuseUnknown(entry, target, "identifier", "value", "dataType", "uniqueId");
            String identifier = JsonFields.requiredString(entry, "identifier", 200);
            JsonNode value = entry.path("value");
            changes.addObject().put("identifier", identifier).set("value", value.isMissingNode() ? Json.MAPPER.nullNode()
                    : typedValue(fieldTypes.get(identifier), value));
        }
        return changes;
    }

    private static JsonNode typedValue(String type, JsonNode value) {
        if (type == null || !value.isTextual()) {
            return value;
        }
        String text = value.asText().strip();
        try {
            return switch (type) {
                case "integer" -> Json.MAPPER.getNodeFactory().numberNode(new BigDecimal(text).toBigIntegerExact());
                case "double" -> Json.MAPPER.getNodeFactory().numberNode(new BigDecimal(text));
                case "boolean" -> text.equalsIgnoreCase("true") || text.equalsIgnoreCase("false")
                        ? Json.MAPPER.getNodeFactory().booleanNode(Boolean.parseBoolean(text)) : value;
                default -> value;
            };
        } catch (ArithmeticException | NumberFormatException notANumber) {
            return value;
        }
    }

    /** {@code {geometryType?, geometry: "<Esri JSON geometry as a string>"}} as the geometry ours takes. */
    private static JsonNode location(JsonNode given) {
        if (!given.isObject()) {
            throw Refusal.invalid("location must be {geometryType, geometry}, geometry an Esri JSON geometry as a string", "location");
        }
        JsonFields.refuseUnknown(given, "location", "geometryType", "geometry");
        JsonNode geometry = given.path("geometry");
        if (geometry.isObject()) {
            return geometry;
        }
        String text = JsonFields.requiredString(given, "geometry", MAX_GEOMETRY);
        try {
            return Json.read(text);
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw Refusal.invalid("location.geometry is not an Esri JSON geometry: it is not JSON", "location.geometry");
        }
    }
}
