package dev.wfm.config;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.wfm.common.Json;
import dev.wfm.common.Log;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;

/**
 * Export of an item's whole configuration as one JSON document, and import of it into another
 * item. Diagrams keep all their versions (templates may be pinned to one); ids are new in the
 * target item and the references follow them: the templates' diagrams, and the templates that
 * createJob steps name. The whole document is checked before anything is written.
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

    /**
     * Imports a configuration document; answers the id mapping {@code {diagrams: {old: new},
     * jobTemplates: {old: new}}}. The whole document is checked first ({@link ImportPlan}): one
     * that is refused writes nothing. Should a write fail after that (a concurrent change, an
     * outage), what this import wrote is undone, newest first, so a retry starts from the same place.
     */
    public ObjectNode importInto(String itemId, JsonNode document) {
        ImportPlan plan = ImportPlan.check(itemId, document, diagrams, templates, lookups, propertyTables);
        List<Runnable> undo = new ArrayList<>();
        try {
            return write(itemId, plan, undo);
        } catch (RuntimeException failed) {
            for (int i = undo.size() - 1; i >= 0; i--) {
                try {
                    undo.get(i).run();
                } catch (RuntimeException alsoFailed) {
                    Log.warn("Undoing part of a failed import failed", alsoFailed, "itemId", itemId);
                }
            }
            throw failed;
        }
    }

    private ObjectNode write(String itemId, ImportPlan plan, List<Runnable> undo) {
        plan.lookups().forEach((name, replacement) -> {
            ObjectNode before = lookups.get(itemId, name);
            long written = lookups.replace(itemId, name, replacement).path("revision").asLong();
            undo.add(() -> lookups.replace(itemId, name, before.put("revision", written)));
        });
        for (ObjectNode table : plan.tables()) {
            String name = propertyTables.create(itemId, table);
            undo.add(() -> propertyTables.delete(itemId, name, templates));
        }
        // a version's createJob steps may name a template of the document, written after the diagrams
        Predicate<String> templateExists = templateId -> plan.bringsTemplate(templateId) || templates.exists(itemId, templateId);
        Map<String, String> diagramIds = new HashMap<>();
        ObjectNode mapping = Json.object();
        ObjectNode diagramMapping = mapping.putObject("diagrams");
        for (ImportPlan.DiagramEntry entry : plan.diagrams()) {
            String newId = diagrams.create(itemId, entry.versions().get(0), templateExists).path("diagramId").asText();
            undo.add(() -> diagrams.delete(itemId, newId));
            for (int v = 1; v < entry.versions().size(); v++) {
                diagrams.newVersion(itemId, newId, entry.versions().get(v), templateExists);
            }
            diagramIds.put(entry.diagramId(), newId);
            diagramMapping.put(entry.diagramId(), newId);
        }
        ObjectNode templateMapping = mapping.putObject("jobTemplates");
        for (ImportPlan.TemplateEntry template : plan.templates()) {
            ObjectNode copy = template.body().deepCopy();
            copy.put("diagramId", diagramIds.get(template.body().path("diagramId").asText()));
            String newId = templates.create(itemId, template.newId(), copy);
            undo.add(() -> templates.discard(itemId, newId));
            templateMapping.put(template.jobTemplateId(), newId);
        }
        return mapping;
    }

    private static ObjectNode withoutRevision(ObjectNode node) {
        ObjectNode copy = node.deepCopy();
        copy.remove("revision");
        return copy;
    }
}
