package dev.wfm.config;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.wfm.common.Ids;
import dev.wfm.common.Json;
import dev.wfm.common.JsonFields;
import dev.wfm.common.Refusal;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Predicate;
import java.util.function.Supplier;
import java.util.function.UnaryOperator;
import java.util.stream.Collectors;

/**
 * A configuration document checked whole before an import writes anything: its shape, and each
 * lookup (as a replace would check it, values still in use included), property table, diagram
 * version (as it would be published: valid, within size, compilable) and job template (against
 * the document's diagrams, lookups and tables, and the item's own), every problem at once. What
 * the import then writes is not refused for anything the document says.
 *
 * <p>The templates' new ids are chosen here, because the diagrams are written before the
 * templates that walk them while their createJob steps already name templates of the document:
 * the versions in the plan name the new ids.
 */
record ImportPlan(Map<String, ObjectNode> lookups, List<ObjectNode> tables, List<DiagramEntry> diagrams, List<TemplateEntry> templates) {
    /** A diagram of the document: its id there and its versions, oldest first, their createJob steps naming the templates' new ids. */
    record DiagramEntry(String diagramId, List<JsonNode> versions) {}

    /** A job template of the document: its id there, its id to be, and its body, which names the document's diagram id. */
    record TemplateEntry(String jobTemplateId, String newId, ObjectNode body) {}

    private static final List<String> LOOKUPS = List.of(Lookups.PRIORITIES, Lookups.JOB_STATUSES);

    /** Whether one of the document's templates is to have this id. */
    boolean bringsTemplate(String jobTemplateId) {
        return templates.stream().anyMatch(template -> template.newId().equals(jobTemplateId));
    }

    static ImportPlan check(String itemId, JsonNode document, Diagrams diagrams, JobTemplates jobTemplates, Lookups lookups,
                            ExtendedPropertyTables propertyTables) {
        if (!ConfigTransfer.FORMAT.equals(document.path("format").asText())) {
            throw Refusal.invalid("Expected a configuration document of format " + ConfigTransfer.FORMAT, "format");
        }
        JsonFields.refuseUnknown(document, "", "format", "lookups", "lookupSettings", "extendedPropertyTables", "diagrams", "jobTemplates");
        List<Refusal.Detail> problems = new ArrayList<>();

        JsonNode lookupsNode = object(document, "lookups", problems);
        JsonNode settingsNode = object(document, "lookupSettings", problems);
        Map<String, ObjectNode> lookupBodies = new LinkedHashMap<>();
        Map<String, Lookup> lookupsToBe = new HashMap<>();
        for (String name : LOOKUPS) {
            JsonNode values = lookupsNode.get(name);
            JsonNode settings = settingsNode.get(name);
            boolean given = values != null && !values.isNull();
            if (!given) {
                if (settings != null && !settings.isNull()) {
                    problems.add(new Refusal.Detail("INVALID_FIELD", "lookupSettings." + name + " goes with the values of lookups." + name
                            + ", which the document does not give", "lookupSettings." + name));
                }
                continue;
            }
            ObjectNode body = Json.object();
            body.set("values", values);
            if (settings != null && !settings.isNull()) {
                String at = "lookupSettings." + name;
                Boolean read = attempt(problems, target -> target, () -> {
                    if (!settings.isObject()) {
                        throw Refusal.invalid(at + " must be an object {defaultValue?, closedValue?}", at);
                    }
                    JsonFields.refuseUnknown(settings, at, "defaultValue", "closedValue");
                    return true;
                });
                if (read == null) {
                    continue;
                }
                body.setAll((ObjectNode) settings);
            }
            Lookup checked = attempt(problems, target -> lookupTarget(name, target), () -> lookups.check(itemId, name, body));
            if (checked != null) {
                lookupBodies.put(name, body);
                lookupsToBe.put(name, checked);
            }
        }

        Set<String> itemTables = propertyTables.list(itemId).stream().map(table -> table.path("name").asText()).collect(Collectors.toSet());
        Set<String> documentTables = new HashSet<>();
        List<ObjectNode> tables = new ArrayList<>();
        JsonNode tableList = list(document, "extendedPropertyTables", problems);
        for (int i = 0; i < tableList.size(); i++) {
            JsonNode entry = tableList.get(i);
            ObjectNode table = attempt(problems, "extendedPropertyTables[" + i + "]", () -> {
                JsonFields.refuseUnknown(entry, "", "name", "relationship", "fields");
                ObjectNode parsed = ExtendedPropertyTables.parse(entry);
                String name = parsed.path("name").asText();
                if (itemTables.contains(name) || !documentTables.add(name)) {
                    throw Refusal.invalid("Extended property table '" + name + "' exists already (in the item, or earlier in the document)", "name");
                }
                return parsed;
            });
            if (table != null) {
                tables.add(table);
            }
        }

        Map<String, String> templateIds = new HashMap<>();
        JsonNode templateList = list(document, "jobTemplates", problems);
        for (int i = 0; i < templateList.size(); i++) {
            JsonNode entry = templateList.get(i);
            String at = "jobTemplates[" + i + "]";
            String oldId = entry.isObject() ? attempt(problems, at, () -> JsonFields.requiredString(entry, "jobTemplateId", JsonFields.MAX_ID_LENGTH))
                    : null; // the template's own check says it is not an object
            if (oldId != null && templateIds.putIfAbsent(oldId, Ids.newId()) != null) {
                problems.add(new Refusal.Detail("DUPLICATE_JOB_TEMPLATE", "Job template '" + oldId + "' appears twice", at + ".jobTemplateId"));
            }
        }
        Predicate<String> templateExists = templateId -> templateIds.containsValue(templateId) || jobTemplates.exists(itemId, templateId);

        Map<String, Integer> versionCounts = new HashMap<>();
        List<DiagramEntry> diagramEntries = new ArrayList<>();
        JsonNode diagramList = list(document, "diagrams", problems);
        for (int i = 0; i < diagramList.size(); i++) {
            String at = "diagrams[" + i + "]";
            JsonNode entry = diagramList.get(i);
            String diagramId = attempt(problems, at, () -> {
                JsonFields.refuseUnknown(entry, "", "diagramId", "versions");
                return JsonFields.requiredString(entry, "diagramId", JsonFields.MAX_ID_LENGTH);
            });
            JsonNode versions = entry.get("versions");
            if (versions == null || !versions.isArray() || versions.isEmpty()) {
                problems.add(new Refusal.Detail("INVALID_FIELD", "A diagram needs at least one version", at + ".versions"));
                continue;
            }
            List<JsonNode> versionList = new ArrayList<>();
            for (int v = 0; v < versions.size(); v++) {
                String prefix = at + ".versions[" + v + "].";
                JsonNode version = withTemplateIds(versions.get(v), templateIds);
                diagrams.publishProblems(itemId, version, templateExists).forEach(problem ->
                        problems.add(new Refusal.Detail(problem.code(), problem.message(), prefix + problem.target())));
                versionList.add(version);
            }
            if (diagramId != null && versionCounts.putIfAbsent(diagramId, versions.size()) != null) {
                problems.add(new Refusal.Detail("DUPLICATE_DIAGRAM", "Diagram '" + diagramId + "' appears twice", at + ".diagramId"));
            }
            diagramEntries.add(new DiagramEntry(diagramId, List.copyOf(versionList)));
        }

        JobTemplates.References references = new JobTemplates.References(
                diagramId -> Optional.ofNullable(versionCounts.get(diagramId)),
                lookupsToBe.containsKey(Lookups.PRIORITIES) ? lookupsToBe.get(Lookups.PRIORITIES) : lookups.lookup(itemId, Lookups.PRIORITIES),
                lookupsToBe.containsKey(Lookups.JOB_STATUSES) ? lookupsToBe.get(Lookups.JOB_STATUSES) : lookups.lookup(itemId, Lookups.JOB_STATUSES),
                table -> documentTables.contains(table) || itemTables.contains(table));
        List<TemplateEntry> templates = new ArrayList<>();
        for (int i = 0; i < templateList.size(); i++) {
            JsonNode entry = templateList.get(i);
            TemplateEntry template = attempt(problems, "jobTemplates[" + i + "]", () -> {
                if (!entry.isObject()) {
                    throw Refusal.invalid("A job template is an object", null);
                }
                ObjectNode body = entry.deepCopy();
                String oldId = body.path("jobTemplateId").asText();
                body.remove("jobTemplateId");
                JobTemplates.check(body, references);
                return new TemplateEntry(oldId, templateIds.get(oldId), body);
            });
            if (template != null) {
                templates.add(template);
            }
        }

        if (!problems.isEmpty()) {
            throw new Refusal(Refusal.Kind.INVALID_ARGUMENT, "The configuration has " + problems.size() + " problem(s); nothing was imported",
                    problems.get(0).target(), problems, Map.of());
        }
        return new ImportPlan(lookupBodies, tables, diagramEntries, templates);
    }

    /** The document's object {@code field}; empty when absent, and a problem when it is something else. */
    private static JsonNode object(JsonNode document, String field, List<Refusal.Detail> problems) {
        JsonNode node = document.get(field);
        if (node == null || node.isNull()) {
            return Json.object();
        }
        if (!node.isObject()) {
            problems.add(new Refusal.Detail("INVALID_FIELD", "Expected " + field + " to be an object {" + String.join("?, ", LOOKUPS) + "?}", field));
            return Json.object();
        }
        node.fieldNames().forEachRemaining(name -> {
            if (!LOOKUPS.contains(name)) {
                problems.add(new Refusal.Detail("UNKNOWN_FIELD", "Unknown lookup '" + name + "'; expected one of " + LOOKUPS, field + "." + name));
            }
        });
        return node;
    }

    /** The diagram with its createJob steps naming the new ids of the templates the document brings. */
    private static JsonNode withTemplateIds(JsonNode diagram, Map<String, String> templateIds) {
        JsonNode copy = diagram.deepCopy();
        for (JsonNode step : copy.path("steps")) {
            String named = step.path("jobTemplateId").asText(null);
            if (step.isObject() && "createJob".equals(step.path("type").asText()) && templateIds.containsKey(named)) {
                ((ObjectNode) step).put("jobTemplateId", templateIds.get(named));
            }
        }
        return copy;
    }

    /** The document's array {@code field}; empty when absent, and a problem when it is something else. */
    private static JsonNode list(JsonNode document, String field, List<Refusal.Detail> problems) {
        JsonNode node = document.get(field);
        if (node == null || node.isNull()) {
            return Json.MAPPER.createArrayNode();
        }
        if (!node.isArray()) {
            problems.add(new Refusal.Detail("INVALID_FIELD", "Expected " + field + " to be an array", field));
            return Json.MAPPER.createArrayNode();
        }
        return node;
    }

    /** The check's result, or null after recording its refusal at {@code at} (each of its details, or itself). */
    private static <T> T attempt(List<Refusal.Detail> problems, String at, Supplier<T> check) {
        return attempt(problems, target -> within(at, target), check);
    }

    /** The check's result, or null after recording its refusal, each target placed in the document by {@code place}. */
    private static <T> T attempt(List<Refusal.Detail> problems, UnaryOperator<String> place, Supplier<T> check) {
        try {
            return check.get();
        } catch (Refusal refused) {
            if (refused.details().isEmpty()) {
                problems.add(new Refusal.Detail(refused.kind().name(), refused.getMessage(), place.apply(refused.target())));
            } else {
                refused.details().forEach(detail -> problems.add(new Refusal.Detail(detail.code(), detail.message(), place.apply(detail.target()))));
            }
            return null;
        }
    }

    /**
     * Where a lookup replace's target is in the document: its values are {@code lookups.{name}},
     * its default and closed values {@code lookupSettings.{name}}; a value in use is the lookup's.
     */
    private static String lookupTarget(String name, String target) {
        if (target != null && target.startsWith("values")) {
            return "lookups." + name + target.substring("values".length());
        }
        if ("defaultValue".equals(target) || "closedValue".equals(target)) {
            return "lookupSettings." + name + "." + target;
        }
        return "lookups." + name;
    }

    private static String within(String at, String target) {
        if (target == null || target.isEmpty()) {
            return at;
        }
        return at.isEmpty() ? target : at + "." + target;
    }
}
