package dev.wfm.config;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.wfm.common.Ids;
import dev.wfm.common.Json;
import dev.wfm.http.ApiException;
import dev.wfm.http.JsonFields;
import dev.wfm.store.DocumentStore;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;
import java.util.function.Predicate;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * Job templates: the defaults a new job takes (name, priority, status, assignment, description,
 * due days), the diagram it walks and which version (always the latest, or a pinned one), and
 * the extended property tables its jobs carry.
 */
public final class JobTemplates {
    static final String KIND = "TEMPLATE";
    public static final int MAX_DUE_DAYS = 3650;
    private static final Set<String> FIELDS = Set.of("name", "diagramId", "diagramVersionPolicy", "diagramVersion", "jobName",
            "description", "priority", "jobStatus", "assignedType", "assignedTo", "dueDays", "extendedPropertyTables");
    /** A PUT replaces the template; what a GET answers beyond FIELDS is accepted back, so a read, change, write round trip works. */
    private static final Set<String> REPLACE_FIELDS = Stream.concat(FIELDS.stream(), Stream.of("jobTemplateId", "revision"))
            .collect(Collectors.toUnmodifiableSet());

    private final DocumentStore documents;
    private final Lookups lookups;

    public JobTemplates(DocumentStore documents, Lookups lookups) {
        this.documents = documents;
        this.lookups = lookups;
    }

    /** What a template may name: diagrams (with their latest version), lookup values, extended property tables. */
    record References(Function<String, Optional<Integer>> latestVersion, Set<String> priorities, Set<String> statuses,
                      Predicate<String> tables) {}

    public String create(String itemId, JsonNode body) {
        JsonFields.refuseUnknown(body, "", FIELDS);
        String id = Ids.newId();
        documents.create(itemId, KIND, id, parse(itemId, id, body));
        return id;
    }

    public ObjectNode get(String itemId, String jobTemplateId) {
        return view(find(itemId, jobTemplateId));
    }

    /** The template a request refers to: one that does not exist is the request's mistake (400 at {@code target}). */
    public ObjectNode referenced(String itemId, String jobTemplateId, String target) {
        return documents.get(itemId, KIND, jobTemplateId)
                .map(JobTemplates::view)
                .orElseThrow(() -> ApiException.invalid("Job template '" + jobTemplateId + "' does not exist in this workflow item", target));
    }

    public List<ObjectNode> list(String itemId) {
        return documents.list(itemId, KIND).stream()
                .map(JobTemplates::view)
                .toList();
    }

    /** Replaces the template; {@code revision}, when given, must be the current one. */
    public ObjectNode update(String itemId, String jobTemplateId, JsonNode body) {
        DocumentStore.Document current = find(itemId, jobTemplateId);
        JsonFields.refuseUnknown(body, "", REPLACE_FIELDS);
        String sentId = JsonFields.optionalString(body, "jobTemplateId", JsonFields.MAX_ID_LENGTH);
        if (sentId != null && !sentId.equals(jobTemplateId)) {
            throw ApiException.invalid("The body names job template '" + sentId + "', not '" + jobTemplateId + "'; an id cannot change", "jobTemplateId");
        }
        Long revision = JsonFields.optionalLong(body, "revision", 0, Long.MAX_VALUE);
        long expected = revision != null ? revision : current.revision();
        if (!documents.replace(itemId, KIND, jobTemplateId, expected, parse(itemId, jobTemplateId, body))) {
            throw ApiException.conflict("Job template '" + jobTemplateId + "' changed since revision " + expected
                    + "; read it again and reapply your change", "revision");
        }
        return get(itemId, jobTemplateId);
    }

    public void delete(String itemId, String jobTemplateId) {
        find(itemId, jobTemplateId);
        documents.delete(itemId, KIND, jobTemplateId);
    }

    /** Ids of the templates that walk a diagram: a diagram they use cannot be deleted. */
    public List<String> usingDiagram(String itemId, String diagramId) {
        return documents.list(itemId, KIND).stream()
                .filter(document -> diagramId.equals(document.body().path("diagramId").asText()))
                .map(DocumentStore.Document::id)
                .toList();
    }

    private static ObjectNode view(DocumentStore.Document document) {
        return document.body().deepCopy().put("revision", document.revision());
    }

    private DocumentStore.Document find(String itemId, String jobTemplateId) {
        return documents.get(itemId, KIND, jobTemplateId)
                .orElseThrow(() -> ApiException.notFound("Job template '" + jobTemplateId + "' was not found", "jobTemplateId"));
    }

    /** Checks a template's body as a create does, against {@code references} instead of the item's records; writes nothing. */
    static void check(JsonNode body, References references) {
        JsonFields.refuseUnknown(body, "", FIELDS);
        parse("", body, references);
    }

    /** The references of a template of this item, as stored. */
    References references(String itemId) {
        return new References(
                diagramId -> documents.get(itemId, Diagrams.KIND, diagramId).map(diagram -> diagram.body().path("latestVersion").asInt()),
                lookups.values(itemId, Lookups.PRIORITIES), lookups.values(itemId, Lookups.JOB_STATUSES),
                table -> documents.get(itemId, ExtendedPropertyTables.KIND, table).isPresent());
    }

    private ObjectNode parse(String itemId, String id, JsonNode body) {
        return parse(id, body, references(itemId));
    }

    /** The template as stored, checked against what it may name; nothing is written. */
    static ObjectNode parse(String id, JsonNode body, References references) {
        ObjectNode template = Json.object().put("jobTemplateId", id);
        template.put("name", JsonFields.requiredString(body, "name", 200));
        String diagramId = JsonFields.requiredString(body, "diagramId", 64);
        int latest = references.latestVersion().apply(diagramId)
                .orElseThrow(() -> ApiException.invalid("Diagram '" + diagramId + "' does not exist in this workflow item", "diagramId"));
        template.put("diagramId", diagramId);
        String policy = JsonFields.optionalString(body, "diagramVersionPolicy", 10);
        if (policy == null || policy.equals("latest")) {
            template.put("diagramVersionPolicy", "latest");
        } else if (policy.equals("pinned")) {
            Integer version = body.hasNonNull("diagramVersion") ? JsonFields.optionalInt(body, "diagramVersion", 1, latest) : null;
            if (version == null) {
                throw ApiException.invalid("A pinned template needs diagramVersion between 1 and " + latest, "diagramVersion");
            }
            template.put("diagramVersionPolicy", "pinned").put("diagramVersion", version);
        } else {
            throw ApiException.invalid("Expected diagramVersionPolicy 'latest' or 'pinned', but got '" + policy + "'", "diagramVersionPolicy");
        }
        copyString(body, template, "jobName", 500);
        copyString(body, template, "description", 4000);
        copyLookupValue(body, template, "priority", references.priorities());
        copyLookupValue(body, template, "jobStatus", references.statuses());
        Assignment assignment = Assignment.read(body, "");
        if (assignment != null) {
            assignment.write(template);
        }
        Integer dueDays = JsonFields.optionalInt(body, "dueDays", 0, MAX_DUE_DAYS);
        if (dueDays != null) {
            template.put("dueDays", dueDays);
        }
        List<String> tables = JsonFields.stringList(body.get("extendedPropertyTables"), "extendedPropertyTables");
        for (String table : tables) {
            if (!references.tables().test(table)) {
                throw ApiException.invalid("Extended property table '" + table + "' is not defined in this workflow item", "extendedPropertyTables");
            }
        }
        tables.forEach(template.putArray("extendedPropertyTables")::add);
        return template;
    }

    private static void copyString(JsonNode body, ObjectNode target, String field, int maxLength) {
        String value = JsonFields.optionalString(body, field, maxLength);
        if (value != null) {
            target.put(field, value);
        }
    }

    private static void copyLookupValue(JsonNode body, ObjectNode target, String field, Set<String> allowed) {
        String value = JsonFields.optionalString(body, field, 100);
        if (value == null) {
            return;
        }
        if (!allowed.contains(value)) {
            throw ApiException.invalid("Expected " + field + " to be one of " + allowed.stream().sorted().toList() + ", but got '" + value + "'", field);
        }
        target.put(field, value);
    }
}
