package dev.wfm.config;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.wfm.common.Ids;
import dev.wfm.common.Json;
import dev.wfm.http.ApiException;
import dev.wfm.http.JsonFields;
import dev.wfm.store.DocumentStore;
import java.util.List;
import java.util.Set;

/**
 * Job templates: the defaults a new job takes (name, priority, status, assignment, description,
 * due days), the diagram it walks and which version (always the latest, or a pinned one), and
 * the extended property tables its jobs carry.
 */
public final class JobTemplates {
    static final String KIND = "TEMPLATE";
    public static final int MAX_DUE_DAYS = 3650;

    private final DocumentStore documents;
    private final Lookups lookups;

    public JobTemplates(DocumentStore documents, Lookups lookups) {
        this.documents = documents;
        this.lookups = lookups;
    }

    public String create(String itemId, JsonNode body) {
        return create(itemId, Ids.newId(), body);
    }

    /** Creates the template under an id chosen beforehand (an import's diagrams name it already). */
    String create(String itemId, String id, JsonNode body) {
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

    public boolean exists(String itemId, String jobTemplateId) {
        return documents.get(itemId, KIND, jobTemplateId).isPresent();
    }

    public List<ObjectNode> list(String itemId) {
        return documents.list(itemId, KIND).stream()
                .map(JobTemplates::view)
                .toList();
    }

    /** Replaces the template; {@code revision}, when given, must be the current one. */
    public ObjectNode update(String itemId, String jobTemplateId, JsonNode body) {
        DocumentStore.Document current = find(itemId, jobTemplateId);
        long expected = body.hasNonNull("revision") ? body.get("revision").asLong() : current.revision();
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

    private ObjectNode parse(String itemId, String id, JsonNode body) {
        ObjectNode template = Json.object().put("jobTemplateId", id);
        template.put("name", JsonFields.requiredString(body, "name", 200));
        String diagramId = JsonFields.requiredString(body, "diagramId", 64);
        ObjectNode diagram = documents.get(itemId, Diagrams.KIND, diagramId)
                .orElseThrow(() -> ApiException.invalid("Diagram '" + diagramId + "' does not exist in this workflow item", "diagramId"))
                .body();
        template.put("diagramId", diagramId);
        String policy = JsonFields.optionalString(body, "diagramVersionPolicy", 10);
        if (policy == null || policy.equals("latest")) {
            template.put("diagramVersionPolicy", "latest");
        } else if (policy.equals("pinned")) {
            JsonNode version = body.get("diagramVersion");
            int latest = diagram.path("latestVersion").asInt();
            if (version == null || !version.canConvertToInt() || version.asInt() < 1 || version.asInt() > latest) {
                throw ApiException.invalid("A pinned template needs diagramVersion between 1 and " + latest, "diagramVersion");
            }
            template.put("diagramVersionPolicy", "pinned").put("diagramVersion", version.asInt());
        } else {
            throw ApiException.invalid("Expected diagramVersionPolicy 'latest' or 'pinned', but got '" + policy + "'", "diagramVersionPolicy");
        }
        copyString(body, template, "jobName", 500);
        copyString(body, template, "description", 4000);
        copyLookupValue(body, template, "priority", lookups.values(itemId, Lookups.PRIORITIES));
        copyLookupValue(body, template, "jobStatus", lookups.values(itemId, Lookups.JOB_STATUSES));
        Assignment assignment = Assignment.read(body, "");
        if (assignment != null) {
            assignment.write(template);
        }
        JsonNode dueDays = body.get("dueDays");
        if (dueDays != null && !dueDays.isNull()) {
            if (!dueDays.canConvertToInt() || !dueDays.isIntegralNumber() || dueDays.asInt() < 0 || dueDays.asInt() > MAX_DUE_DAYS) {
                throw ApiException.invalid("Field 'dueDays' must be a whole number from 0 to " + MAX_DUE_DAYS, "dueDays");
            }
            template.put("dueDays", dueDays.asInt());
        }
        List<String> tables = JsonFields.stringList(body.get("extendedPropertyTables"), "extendedPropertyTables");
        for (String table : tables) {
            if (documents.get(itemId, ExtendedPropertyTables.KIND, table).isEmpty()) {
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
