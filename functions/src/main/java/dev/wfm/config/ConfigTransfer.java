package dev.wfm.config;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.wfm.common.Ids;
import dev.wfm.common.Json;
import dev.wfm.http.ApiException;
import dev.wfm.http.ErrorCode;
import dev.wfm.http.ErrorDetail;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Predicate;

/**
 * Export of an item's whole configuration as one JSON document, and import of it into another
 * item. Diagrams keep all their versions (templates may be pinned to one); ids are new in the
 * target item and the references follow them: the templates' diagrams, and the templates that
 * createJob steps name (a template's new id is chosen before the diagrams are written, because
 * the diagrams must be written before the templates that walk them). Every diagram version is
 * validated before anything is written.
 */
public final class ConfigTransfer {
    public static final String FORMAT = "wfm-config/1";

    private final Diagrams diagrams;
    private final JobTemplates templates;
    private final Lookups lookups;
    private final ExtendedPropertyTables propertyTables;

    public ConfigTransfer(Diagrams diagrams, JobTemplates templates, Lookups lookups, ExtendedPropertyTables propertyTables) {
        this.diagrams = diagrams;
        this.templates = templates;
        this.lookups = lookups;
        this.propertyTables = propertyTables;
    }

    public ObjectNode export(String itemId) {
        ObjectNode document = Json.object().put("format", FORMAT);
        ObjectNode lookupNode = document.putObject("lookups");
        ObjectNode settingsNode = document.putObject("lookupSettings");
        for (String name : List.of(Lookups.PRIORITIES, Lookups.JOB_STATUSES)) {
            ObjectNode lookup = lookups.get(itemId, name);
            lookupNode.set(name, lookup.path("values"));
            ObjectNode settings = settingsNode.putObject(name).put("defaultValue", lookup.path("defaultValue").asText());
            if (lookup.hasNonNull("closedValue")) {
                settings.put("closedValue", lookup.path("closedValue").asText());
            }
        }
        ArrayNode tables = document.putArray("extendedPropertyTables");
        propertyTables.list(itemId).forEach(table -> tables.add(withoutRevision(table)));
        ArrayNode diagramList = document.putArray("diagrams");
        for (ObjectNode head : diagrams.list(itemId)) {
            String diagramId = head.path("diagramId").asText();
            ObjectNode entry = diagramList.addObject().put("diagramId", diagramId);
            ArrayNode versions = entry.putArray("versions");
            for (ObjectNode version : diagrams.versions(itemId, diagramId)) {
                ObjectNode drawn = diagrams.shown(itemId, diagramId, version.path("version").asInt(), true);
                drawn.remove(List.of("diagramId", "version"));
                versions.add(drawn);
            }
        }
        ArrayNode templateList = document.putArray("jobTemplates");
        templates.list(itemId).forEach(template -> templateList.add(withoutRevision(template)));
        return document;
    }

    /** Imports a configuration document; answers the id mapping {@code {diagrams: {old: new}, jobTemplates: {old: new}}}. */
    public ObjectNode importInto(String itemId, JsonNode document) {
        if (!FORMAT.equals(document.path("format").asText())) {
            throw ApiException.invalid("Expected a configuration document of format " + FORMAT, "format");
        }
        List<ErrorDetail> problems = new ArrayList<>();
        JsonNode templateList = document.path("jobTemplates");
        Map<String, String> templateIds = new HashMap<>();
        templateList.forEach(template -> templateIds.put(template.path("jobTemplateId").asText(), Ids.newId()));
        Predicate<String> templateExists = templateId -> templateIds.containsValue(templateId) || templates.exists(itemId, templateId);
        JsonNode diagramList = document.path("diagrams");
        for (int i = 0; i < diagramList.size(); i++) {
            JsonNode versions = diagramList.get(i).path("versions");
            if (!versions.isArray() || versions.isEmpty()) {
                problems.add(new ErrorDetail("INVALID_FIELD", "A diagram needs at least one version", "diagrams[" + i + "].versions"));
            }
            for (int v = 0; v < versions.size(); v++) {
                String prefix = "diagrams[" + i + "].versions[" + v + "].";
                diagrams.validate(withTemplateIds(versions.get(v), templateIds), templateExists).forEach(problem ->
                        problems.add(new ErrorDetail(problem.code(), problem.message(), prefix + problem.target())));
            }
        }
        Set<String> documentDiagrams = new HashSet<>();
        diagramList.forEach(entry -> documentDiagrams.add(entry.path("diagramId").asText()));
        for (int i = 0; i < templateList.size(); i++) {
            String diagramId = templateList.get(i).path("diagramId").asText();
            if (!documentDiagrams.contains(diagramId)) {
                problems.add(new ErrorDetail("UNKNOWN_DIAGRAM", "The template names diagram '" + diagramId
                        + "', which the document does not contain", "jobTemplates[" + i + "].diagramId"));
            }
        }
        if (!problems.isEmpty()) {
            throw new ApiException(ErrorCode.INVALID_ARGUMENT, "The configuration has " + problems.size() + " problem(s); nothing was imported",
                    "diagrams", problems, Map.of());
        }
        for (String name : List.of(Lookups.PRIORITIES, Lookups.JOB_STATUSES)) {
            JsonNode values = document.path("lookups").get(name);
            if (values != null) {
                ObjectNode replacement = Json.object();
                replacement.set("values", values);
                JsonNode settings = document.path("lookupSettings").path(name);
                for (String setting : List.of("defaultValue", "closedValue")) {
                    if (settings.has(setting)) {
                        replacement.set(setting, settings.get(setting));
                    }
                }
                lookups.replace(itemId, name, replacement);
            }
        }
        for (JsonNode table : document.path("extendedPropertyTables")) {
            propertyTables.create(itemId, table);
        }
        Map<String, String> diagramIds = new HashMap<>();
        ObjectNode mapping = Json.object();
        ObjectNode diagramMapping = mapping.putObject("diagrams");
        for (JsonNode entry : diagramList) {
            JsonNode versions = entry.path("versions");
            String newId = diagrams.create(itemId, withTemplateIds(versions.get(0), templateIds), templateExists)
                    .path("diagramId").asText();
            for (int v = 1; v < versions.size(); v++) {
                diagrams.newVersion(itemId, newId, withTemplateIds(versions.get(v), templateIds), templateExists);
            }
            diagramIds.put(entry.path("diagramId").asText(), newId);
            diagramMapping.put(entry.path("diagramId").asText(), newId);
        }
        ObjectNode templateMapping = mapping.putObject("jobTemplates");
        for (JsonNode template : templateList) {
            ObjectNode copy = template.deepCopy();
            copy.put("diagramId", diagramIds.get(template.path("diagramId").asText()));
            String oldId = template.path("jobTemplateId").asText();
            templateMapping.put(oldId, templates.create(itemId, templateIds.get(oldId), copy));
        }
        return mapping;
    }

    /** The diagram with its createJob steps naming the new ids of the templates the document brings. */
    private static JsonNode withTemplateIds(JsonNode diagram, Map<String, String> templateIds) {
        JsonNode copy = diagram.deepCopy();
        for (JsonNode step : copy.path("steps")) {
            String named = step.path("jobTemplateId").asText(null);
            if ("createJob".equals(step.path("type").asText()) && templateIds.containsKey(named)) {
                ((ObjectNode) step).put("jobTemplateId", templateIds.get(named));
            }
        }
        return copy;
    }

    private static ObjectNode withoutRevision(ObjectNode node) {
        ObjectNode copy = node.deepCopy();
        copy.remove("revision");
        return copy;
    }
}
