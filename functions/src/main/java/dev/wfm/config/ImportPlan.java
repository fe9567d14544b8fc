package dev.wfm.config;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.wfm.common.Json;
import dev.wfm.http.ApiException;
import dev.wfm.http.ErrorCode;
import dev.wfm.http.ErrorDetail;
import dev.wfm.http.JsonFields;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Supplier;
import java.util.stream.Collectors;

/**
 * A configuration document checked whole before an import writes anything: its shape, and each
 * lookup, property table, diagram version (as it would be published: valid, within size,
 * compilable) and job template (against the document's diagrams, lookups and tables, and the
 * item's own), every problem at once. What the import then writes is not refused for anything
 * the document says.
 */
record ImportPlan(Map<String, ArrayNode> lookups, List<ObjectNode> tables, List<DiagramEntry> diagrams, List<TemplateEntry> templates) {
    /** A diagram of the document: its id there and its versions, oldest first. */
    record DiagramEntry(String diagramId, List<JsonNode> versions) {}

    /** A job template of the document: its id there and its body, which names the document's diagram id. */
    record TemplateEntry(String jobTemplateId, ObjectNode body) {}

    static ImportPlan check(String itemId, JsonNode document, Diagrams diagrams, Lookups lookups, ExtendedPropertyTables propertyTables) {
        if (!ConfigTransfer.FORMAT.equals(document.path("format").asText())) {
            throw ApiException.invalid("Expected a configuration document of format " + ConfigTransfer.FORMAT, "format");
        }
        JsonFields.refuseUnknown(document, "", "format", "lookups", "extendedPropertyTables", "diagrams", "jobTemplates");
        List<ErrorDetail> problems = new ArrayList<>();

        Map<String, ArrayNode> lookupValues = new LinkedHashMap<>();
        JsonNode lookupsNode = document.get("lookups");
        if (lookupsNode != null && !lookupsNode.isNull()) {
            attempt(problems, "", () -> {
                if (!lookupsNode.isObject()) {
                    throw ApiException.invalid("lookups must be an object {priorities?, jobStatuses?}", "lookups");
                }
                JsonFields.refuseUnknown(lookupsNode, "lookups", Lookups.PRIORITIES, Lookups.JOB_STATUSES);
                return null;
            });
            for (String name : List.of(Lookups.PRIORITIES, Lookups.JOB_STATUSES)) {
                JsonNode values = lookupsNode.get(name);
                if (values != null && !values.isNull()) {
                    attempt(problems, "lookups." + name, () -> lookupValues.put(name, Lookups.parseValues(values)));
                }
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
                    throw ApiException.invalid("Extended property table '" + name + "' exists already (in the item, or earlier in the document)", "name");
                }
                return parsed;
            });
            if (table != null) {
                tables.add(table);
            }
        }

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
                problems.add(new ErrorDetail("INVALID_FIELD", "A diagram needs at least one version", at + ".versions"));
                continue;
            }
            List<JsonNode> versionList = new ArrayList<>();
            for (int v = 0; v < versions.size(); v++) {
                String prefix = at + ".versions[" + v + "].";
                diagrams.publishProblems(versions.get(v)).forEach(problem ->
                        problems.add(new ErrorDetail(problem.code(), problem.message(), prefix + problem.target())));
                versionList.add(versions.get(v));
            }
            if (diagramId != null && versionCounts.putIfAbsent(diagramId, versions.size()) != null) {
                problems.add(new ErrorDetail("DUPLICATE_DIAGRAM", "Diagram '" + diagramId + "' appears twice", at + ".diagramId"));
            }
            diagramEntries.add(new DiagramEntry(diagramId, List.copyOf(versionList)));
        }

        JobTemplates.References references = new JobTemplates.References(
                diagramId -> Optional.ofNullable(versionCounts.get(diagramId)),
                lookupValues.containsKey(Lookups.PRIORITIES) ? valuesOf(lookupValues.get(Lookups.PRIORITIES)) : lookups.values(itemId, Lookups.PRIORITIES),
                lookupValues.containsKey(Lookups.JOB_STATUSES) ? valuesOf(lookupValues.get(Lookups.JOB_STATUSES)) : lookups.values(itemId, Lookups.JOB_STATUSES),
                table -> documentTables.contains(table) || itemTables.contains(table));
        List<TemplateEntry> templates = new ArrayList<>();
        JsonNode templateList = list(document, "jobTemplates", problems);
        for (int i = 0; i < templateList.size(); i++) {
            JsonNode entry = templateList.get(i);
            TemplateEntry template = attempt(problems, "jobTemplates[" + i + "]", () -> {
                if (!entry.isObject()) {
                    throw ApiException.invalid("A job template is an object", null);
                }
                ObjectNode body = entry.deepCopy();
                String oldId = body.path("jobTemplateId").asText();
                body.remove("jobTemplateId");
                JobTemplates.check(body, references);
                return new TemplateEntry(oldId, body);
            });
            if (template != null) {
                templates.add(template);
            }
        }

        if (!problems.isEmpty()) {
            throw new ApiException(ErrorCode.INVALID_ARGUMENT, "The configuration has " + problems.size() + " problem(s); nothing was imported",
                    problems.get(0).target(), problems, Map.of());
        }
        return new ImportPlan(lookupValues, tables, diagramEntries, templates);
    }

    /** The document's array {@code field}; empty when absent, and a problem when it is something else. */
    private static JsonNode list(JsonNode document, String field, List<ErrorDetail> problems) {
        JsonNode node = document.get(field);
        if (node == null || node.isNull()) {
            return Json.MAPPER.createArrayNode();
        }
        if (!node.isArray()) {
            problems.add(new ErrorDetail("INVALID_FIELD", "Expected " + field + " to be an array", field));
            return Json.MAPPER.createArrayNode();
        }
        return node;
    }

    /** The check's result, or null after recording its refusal at {@code at} (each of its details, or itself). */
    private static <T> T attempt(List<ErrorDetail> problems, String at, Supplier<T> check) {
        try {
            return check.get();
        } catch (ApiException refused) {
            if (refused.details().isEmpty()) {
                problems.add(new ErrorDetail(refused.code().name(), refused.getMessage(), within(at, refused.target())));
            } else {
                refused.details().forEach(detail -> problems.add(new ErrorDetail(detail.code(), detail.message(), within(at, detail.target()))));
            }
            return null;
        }
    }

    private static String within(String at, String target) {
        if (target == null || target.isEmpty()) {
            return at;
        }
        return at.isEmpty() ? target : at + "." + target;
    }

    private static Set<String> valuesOf(ArrayNode parsed) {
        Set<String> values = new HashSet<>();
        parsed.forEach(entry -> values.add(entry.path("value").asText()));
        return values;
    }
}
