package dev.wfm.arcgis;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.wfm.common.Json;
import dev.wfm.common.JsonFields;
import dev.wfm.common.Refusal;
import dev.wfm.search.JobField;
import dev.wfm.search.SearchField;
import dev.wfm.search.SearchRequest;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Supplier;

/**
 * Job search in ArcGIS Workflow Manager's shapes: its {@code JobQuery} as our search body, and our
 * answer as its {@code JobQueryResult}: {@code fields: [{name, fieldType}]}, each row an array of
 * values in that order under {@code results}, and {@code nextStart} -1 on the last page.
 */
public final class ArcGisSearch {
    /** Its page size when a search names none (ours is 100). */
    static final int DEFAULT_NUM = 50;
    /** Its default columns, with the job's id first so a row names its job. */
    static final List<String> DEFAULT_FIELDS = List.of("jobId", "jobName", "priority", "dueDate", "currentStep");
    private static final Set<String> FIELDS = Set.of("q", "search", "fields", "displayNames", "sortFields", "start", "num");
    private static final Set<String> STATISTICS_FIELDS = Set.of("q", "search", "groupBy");
    private static final Set<String> UNSUPPORTED = Set.of("spatialExtent", "hasLocation", "returnAllRelatedProperties");

    private ArcGisSearch() {}

    /** Its search body as ours; {@code displayNames}, one per field, only label the answer's fields. */
    public static ObjectNode searchBody(JsonNode given) {
        refuse(given, FIELDS);
        ObjectNode body = Json.object();
        for (String name : List.of("q", "search", "sortFields", "start")) {
            if (given.has(name)) {
                body.set(name, given.get(name));
            }
        }
        // its documented combination {"search": "edits", "q": "AND priority='High'"}: the q goes on from the search
        String q = given.path("q").asText("");
        if (given.hasNonNull("search") && q.regionMatches(true, 0, "AND ", 0, 4)) {
            body.put("q", q.substring(4).strip());
        }
        body.set("num", given.hasNonNull("num") ? given.get("num") : Json.MAPPER.getNodeFactory().numberNode(DEFAULT_NUM));
        ArrayNode fields = body.putArray("fields");
        List<String> named = JsonFields.stringList(given.get("fields"), "fields");
        (named.isEmpty() ? DEFAULT_FIELDS : named).forEach(fields::add);
        List<String> labels = displayNames(given);
        if (!labels.isEmpty() && labels.size() != fields.size()) {
            throw Refusal.invalid("displayNames must name one label for each of the " + fields.size() + " fields", "displayNames");
        }
        return body;
    }

    /** Its statistics body as ours ({@code groupBy} may be absent: then the answer is the total alone). */
    public static ObjectNode statisticsBody(JsonNode given) {
        refuse(given, STATISTICS_FIELDS);
        return given.deepCopy();
    }

    private static void refuse(JsonNode given, Set<String> known) {
        given.fieldNames().forEachRemaining(name -> {
            if (UNSUPPORTED.contains(name)) {
                throw Refusal.invalid("Field '" + name + "' is not supported by this server; a spatial search is POST "
                        + "/items/{itemId}/jobs/search with geometry and spatialRel", name);
            }
        });
        JsonFields.refuseUnknown(given, "", known);
    }

    private static List<String> displayNames(JsonNode given) {
        return JsonFields.stringList(given.get("displayNames"), "displayNames");
    }

    /**
     * Our answer ({@code results} as objects by field name) as its {@code JobQueryResult}. {@code
     * names}: the fields as the caller named them (its aliases kept); {@code extendedTypes}: the item's
     * one-to-one extended property fields' declared types, to tell Integer from Double (read only for such a field).
     */
    public static ObjectNode answer(JsonNode given, SearchRequest query, ObjectNode ours, Supplier<Map<String, String>> extendedTypes) {
        List<String> names = JsonFields.stringList(given.get("fields"), "fields");
        if (names.isEmpty()) {
            names = DEFAULT_FIELDS;
        }
        List<String> labels = displayNames(given);
        ObjectNode answer = Json.object();
        if (query.q() != null) {
            answer.put("q", query.q());
        }
        ArrayNode fields = answer.putArray("fields");
        List<SearchField> searched = query.fields();
        for (int i = 0; i < searched.size(); i++) {
            ObjectNode field = fields.addObject().put("name", names.get(i)).put("fieldType", fieldType(searched.get(i), extendedTypes));
            if (!labels.isEmpty()) {
                field.put("displayName", labels.get(i));
            }
        }
        ArrayNode rows = answer.putArray("results");
        for (JsonNode found : ours.path("results")) {
            ArrayNode row = rows.addArray();
            searched.forEach(field -> row.add(found.get(field.fieldName())));
        }
        answer.put("start", ours.path("start").asInt()).put("num", rows.size())
                .put("nextStart", ours.has("nextStart") ? ours.path("nextStart").asInt() : -1)
                .put("total", ours.path("total").asInt());
        return answer;
    }

    /** Its field types: String, Integer, Double, Boolean, DateTime. */
    static String fieldType(SearchField field, Supplier<Map<String, String>> extendedTypes) {
        return switch (field.type()) {
            case STRING -> "String";
            case BOOLEAN -> "Boolean";
            case DATE -> "DateTime";
            // a job's own numbers (its diagram version, its seconds active and held) are whole
            case NUMBER -> field instanceof JobField || "integer".equals(extendedTypes.get().get(field.fieldName())) ? "Integer" : "Double";
        };
    }
}
