package dev.wfm.config;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.wfm.common.Ids;
import dev.wfm.common.Json;
import dev.wfm.http.ApiException;
import dev.wfm.http.JsonFields;
import dev.wfm.store.DocumentStore;
import java.util.ArrayList;
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
    /** Attempts at a write whose lookups a concurrent replace moved on. */
    private static final int ATTEMPTS = 5;

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
        for (int attempt = 1; ; attempt++) {
            Parsed parsed = parse(itemId, id, body);
            if (documents.writeAll(itemId, parsed.withPins(new DocumentStore.Create(KIND, id, parsed.template())))) {
                return id;
            }
            if (attempt == ATTEMPTS) {
                throw lookupsChanging(id);
            }
        }
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
        for (int attempt = 1; ; attempt++) {
            Parsed parsed = parse(itemId, jobTemplateId, body);
            if (documents.writeAll(itemId, parsed.withPins(new DocumentStore.Replace(KIND, jobTemplateId, expected, parsed.template())))) {
                return get(itemId, jobTemplateId);
            }
            if (find(itemId, jobTemplateId).revision() != expected) {
                throw ApiException.conflict("Job template '" + jobTemplateId + "' changed since revision " + expected
                        + "; read it again and reapply your change", "revision");
            }
            if (attempt == ATTEMPTS) {
                throw lookupsChanging(jobTemplateId);
            }
        }
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

    /** The templates that name any of {@code values} of a lookup: a Query of the item's templates. */
    static List<LookupUsers.Use> usingLookup(DocumentStore documents, String itemId, String lookup, Set<String> values) {
        String field = Lookups.jobField(lookup);
        return documents.list(itemId, KIND).stream()
                .filter(document -> values.contains(document.body().path(field).asText(null)))
                .map(document -> new LookupUsers.Use(document.body().path(field).asText(), document.id(),
                        "job template '" + document.body().path("name").asText() + "'"))
                .toList();
    }

    private static ApiException lookupsChanging(String jobTemplateId) {
        return ApiException.conflict("The lookups changed while job template '" + jobTemplateId + "' was saved; try again", "jobTemplateId");
    }

    private static ObjectNode view(DocumentStore.Document document) {
        return document.body().deepCopy().put("revision", document.revision());
    }

    private DocumentStore.Document find(String itemId, String jobTemplateId) {
        return documents.get(itemId, KIND, jobTemplateId)
                .orElseThrow(() -> ApiException.notFound("Job template '" + jobTemplateId + "' was not found", "jobTemplateId"));
    }

    /** A template as it will be stored, and the pins of the lookups whose values it was checked against. */
    private record Parsed(ObjectNode template, List<DocumentStore.Write> pins) {
        List<DocumentStore.Write> withPins(DocumentStore.Write write) {
            List<DocumentStore.Write> writes = new ArrayList<>(pins);
            writes.add(0, write);
            return writes;
        }
    }

    private Parsed parse(String itemId, String id, JsonNode body) {
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
        List<DocumentStore.Write> pins = new ArrayList<>();
        copyLookupValue(body, template, lookups.lookup(itemId, Lookups.PRIORITIES), pins);
        copyLookupValue(body, template, lookups.lookup(itemId, Lookups.JOB_STATUSES), pins);
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
        return new Parsed(template, pins);
    }

    private static void copyString(JsonNode body, ObjectNode target, String field, int maxLength) {
        String value = JsonFields.optionalString(body, field, maxLength);
        if (value != null) {
            target.put(field, value);
        }
    }

    /** A template names an open value: jobs start open. */
    private void copyLookupValue(JsonNode body, ObjectNode target, Lookup lookup, List<DocumentStore.Write> pins) {
        String field = Lookups.jobField(lookup.name());
        String value = JsonFields.optionalString(body, field, 100);
        if (value == null) {
            return;
        }
        if (!lookup.openValues().contains(value)) {
            throw ApiException.invalid("Expected " + field + " to be one of " + lookup.openValues() + ", but got '" + value + "'", field);
        }
        target.put(field, value);
        pins.addAll(lookups.pin(lookup));
    }
}
