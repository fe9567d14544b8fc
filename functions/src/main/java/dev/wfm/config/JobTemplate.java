package dev.wfm.config;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;

/**
 * A job template as jobs are created from it, read once from its stored document: the defaults a
 * new job takes (each null when the template sets none), the diagram it walks, at
 * {@code pinnedVersion} or (null) the latest, and the extended property tables its jobs carry.
 * {@code dueDate} is a JSONata template giving a new job's due date. {@code sharedWith} names the
 * groups whose workers see and use it; empty, every worker of the item does. With {@code autoClose},
 * a job of it closes itself once every child job its createJob steps created is closed.
 */
public record JobTemplate(String jobTemplateId, String name, String diagramId, Integer pinnedVersion, String jobName,
                          String description, String priority, String jobStatus, Assignment assignment, Integer dueDays,
                          String dueDate, List<String> extendedPropertyTables, List<String> sharedWith, boolean autoClose) {
    public JobTemplate {
        extendedPropertyTables = List.copyOf(extendedPropertyTables);
        sharedWith = List.copyOf(sharedWith);
    }

    /** Whether someone in {@code groups} sees and uses the template: managers and admins ({@code manages}) always do. */
    public boolean sharedWith(Collection<String> groups, boolean manages) {
        return manages || sharedWith.isEmpty() || groups.stream().anyMatch(sharedWith::contains);
    }

    /** The template of a stored (checked) document. */
    public static JobTemplate of(JsonNode stored) {
        List<String> tables = new ArrayList<>();
        stored.path("extendedPropertyTables").forEach(table -> tables.add(table.asText()));
        List<String> shared = new ArrayList<>();
        stored.path("sharedWith").forEach(group -> shared.add(group.asText()));
        return new JobTemplate(stored.path("jobTemplateId").asText(), stored.path("name").asText(), stored.path("diagramId").asText(),
                "pinned".equals(stored.path("diagramVersionPolicy").asText()) ? stored.path("diagramVersion").asInt() : null,
                stored.path("jobName").asText(null), stored.path("description").asText(null), stored.path("priority").asText(null),
                stored.path("jobStatus").asText(null), Assignment.read(stored, "template."),
                stored.has("dueDays") ? stored.path("dueDays").asInt() : null, stored.path("dueDate").asText(null), tables, shared,
                stored.path("autoClose").asBoolean(false));
    }
}
