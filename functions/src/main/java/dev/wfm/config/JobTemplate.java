package dev.wfm.config;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;

/**
 * A job template as jobs are created from it, read once from its stored document: the defaults a
 * new job takes (each null when the template sets none), the diagram it walks, at
 * {@code pinnedVersion} or (null) the latest, and the extended property tables its jobs carry.
 * {@code dueDate} is a JSONata template giving a new job's due date.
 */
public record JobTemplate(String jobTemplateId, String name, String diagramId, Integer pinnedVersion, String jobName,
                          String description, String priority, String jobStatus, Assignment assignment, Integer dueDays,
                          String dueDate, List<String> extendedPropertyTables) {
    public JobTemplate {
        extendedPropertyTables = List.copyOf(extendedPropertyTables);
    }

    /** The template of a stored (checked) document. */
    static JobTemplate of(JsonNode stored) {
        List<String> tables = new ArrayList<>();
        stored.path("extendedPropertyTables").forEach(table -> tables.add(table.asText()));
        return new JobTemplate(stored.path("jobTemplateId").asText(), stored.path("name").asText(), stored.path("diagramId").asText(),
                "pinned".equals(stored.path("diagramVersionPolicy").asText()) ? stored.path("diagramVersion").asInt() : null,
                stored.path("jobName").asText(null), stored.path("description").asText(null), stored.path("priority").asText(null),
                stored.path("jobStatus").asText(null), Assignment.read(stored, "template."),
                stored.has("dueDays") ? stored.path("dueDays").asInt() : null, stored.path("dueDate").asText(null), tables);
    }
}
