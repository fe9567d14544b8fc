package dev.wfm.config;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.wfm.common.Ids;
import dev.wfm.common.Json;
import dev.wfm.common.JsonFields;
import dev.wfm.common.JsonataTemplates;
import dev.wfm.common.Refusal;
import dev.wfm.security.Identity;
import dev.wfm.store.DocumentStore;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;
import java.util.function.Predicate;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * Job templates: the defaults a new job takes (name, priority, status, assignment, description,
 * due days or a due date expression), the diagram it walks and which version (always the latest, or a pinned one), and
 * the extended property tables its jobs carry.
 */
public final class JobTemplates {
    static final String KIND = "TEMPLATE";
    public static final int MAX_DUE_DAYS = 3650;
    static final int MAX_DUE_DATE_EXPRESSION = 2000;
    private static final Set<String> FIELDS = Set.of("name", "diagramId", "diagramVersionPolicy", "diagramVersion", "jobName",
            "description", "priority", "jobStatus", "assignedType", "assignedTo", "dueDays", "dueDate", "extendedPropertyTables", "sharedWith", "autoClose");
    /** A PUT replaces the template; what a GET answers beyond FIELDS is accepted back, so a read, change, write round trip works. */
    private static final Set<String> REPLACE_FIELDS = Stream.concat(FIELDS.stream(), Stream.of("jobTemplateId", "revision"))
            .collect(Collectors.toUnmodifiableSet());
    /** Attempts at a write whose lookups a concurrent replace moved on. */
    private static final int ATTEMPTS = 5;

    private final DocumentStore documents;
    private final Lookups lookups;
    private final TemplateUsers users;

    /** {@code users} say who names a template besides the item's diagram versions: it cannot be deleted while any does. */
    public JobTemplates(DocumentStore documents, Lookups lookups, TemplateUsers users) {
        this.documents = documents;
        this.lookups = lookups;
        this.users = users;
    }

    /** What a template may name: diagrams (with their latest version), the lookups' values, extended property tables. */
    record References(Function<String, Optional<Integer>> latestVersion, Lookup priorities, Lookup statuses, Predicate<String> tables) {}

    public String create(String itemId, JsonNode body) {
        return create(itemId, Ids.newId(), body);
    }

    /** Creates the template under an id chosen beforehand (an import's diagrams name it already). */
    String create(String itemId, String id, JsonNode body) {
        JsonFields.refuseUnknown(body, "", FIELDS);
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
                .orElseThrow(() -> missing(jobTemplateId, target));
    }

    private static Refusal notFound(String jobTemplateId) {
        return Refusal.notFound("Job template '" + jobTemplateId + "' was not found", "jobTemplateId");
    }

    private static Refusal missing(String jobTemplateId, String target) {
        return Refusal.invalid("Job template '" + jobTemplateId + "' does not exist in this workflow item", target);
    }

    /** The template a request refers to, as jobs are created from it (refused as {@link #referenced} refuses). */
    public JobTemplate template(String itemId, String jobTemplateId, String target) {
        return JobTemplate.of(referenced(itemId, jobTemplateId, target));
    }

    /**
     * As {@link #template(String, String, String)}, for someone in {@code groups}: a template not
     * shared with them is refused as one that does not exist (they do not see it).
     */
    public JobTemplate template(String itemId, String jobTemplateId, String target, Collection<String> groups, boolean manages) {
        JobTemplate template = template(itemId, jobTemplateId, target);
        if (!template.sharedWith(groups, manages)) {
            throw missing(jobTemplateId, target);
        }
        return template;
    }

    /** The template of a job; NOT_FOUND when there is none. */
    public JobTemplate template(String itemId, String jobTemplateId) {
        return JobTemplate.of(get(itemId, jobTemplateId));
    }

    public boolean exists(String itemId, String jobTemplateId) {
        return documents.get(itemId, KIND, jobTemplateId).isPresent();
    }

    public List<ObjectNode> list(String itemId) {
        return documents.list(itemId, KIND).stream()
                .map(JobTemplates::view)
                .toList();
    }

    /** The templates someone in {@code groups} sees (managers and admins: {@code manages}, all of them). */
    public List<ObjectNode> list(String itemId, Collection<String> groups, boolean manages) {
        return list(itemId).stream().filter(template -> JobTemplate.of(template).sharedWith(groups, manages)).toList();
    }

    /** The template, if someone in {@code groups} sees it; NOT_FOUND as for a template that does not exist otherwise. */
    public ObjectNode get(String itemId, String jobTemplateId, Collection<String> groups, boolean manages) {
        ObjectNode template = get(itemId, jobTemplateId);
        if (!JobTemplate.of(template).sharedWith(groups, manages)) {
            throw notFound(jobTemplateId);
        }
        return template;
    }

    /** Replaces the template; {@code revision}, when given, must be the current one. */
    public ObjectNode update(String itemId, String jobTemplateId, JsonNode body) {
        DocumentStore.Document current = find(itemId, jobTemplateId);
        JsonFields.refuseUnknown(body, "", REPLACE_FIELDS);
        String sentId = JsonFields.optionalString(body, "jobTemplateId", JsonFields.MAX_ID_LENGTH);
        if (sentId != null && !sentId.equals(jobTemplateId)) {
            throw Refusal.invalid("The body names job template '" + sentId + "', not '" + jobTemplateId + "'; an id cannot change", "jobTemplateId");
        }
        Long revision = JsonFields.optionalLong(body, "revision", 0, Long.MAX_VALUE);
        long expected = revision != null ? revision : current.revision();
        for (int attempt = 1; ; attempt++) {
            Parsed parsed = parse(itemId, jobTemplateId, body);
            if (documents.writeAll(itemId, parsed.withPins(new DocumentStore.Replace(KIND, jobTemplateId, expected, parsed.template())))) {
                return get(itemId, jobTemplateId);
            }
            if (find(itemId, jobTemplateId).revision() != expected) {
                throw Refusal.conflict("Job template '" + jobTemplateId + "' changed since revision " + expected
                        + "; read it again and reapply your change", "revision");
            }
            if (attempt == ATTEMPTS) {
                throw lookupsChanging(jobTemplateId);
            }
        }
    }

    /**
     * Deletes the template; refused (409, naming them) while a createJob step of any version of
     * the item's diagrams, a schedule, a task or a webhook names it, which would fail without it.
     */
    public void delete(String itemId, String jobTemplateId) {
        DocumentStore.Document template = find(itemId, jobTemplateId);
        List<TemplateUsers.Use> uses = new ArrayList<>(Diagrams.versionsNaming(documents, itemId, jobTemplateId));
        uses.addAll(users.using(itemId, jobTemplateId));
        if (!uses.isEmpty()) {
            throw inUse(template, uses);
        }
        discard(itemId, jobTemplateId);
    }

    /** Deletes a template whatever names it: an import undoing what it wrote, its diagrams naming the template among them. */
    void discard(String itemId, String jobTemplateId) {
        documents.delete(itemId, KIND, jobTemplateId);
    }

    private static Refusal inUse(DocumentStore.Document template, List<TemplateUsers.Use> uses) {
        String users = uses.stream().limit(3).map(TemplateUsers.Use::what).collect(Collectors.joining(", "))
                + (uses.size() > 3 ? " and " + (uses.size() - 3) + " more" : "");
        String named = "job template '" + template.body().path("name").asText() + "'";
        List<Refusal.Detail> details = uses.stream()
                .map(use -> new Refusal.Detail("TEMPLATE_IN_USE", use.what() + " names " + named, use.id()))
                .toList();
        return new Refusal(Refusal.Kind.CONFLICT, "Expected " + named + " to be unused before it is deleted, but " + users
                + (uses.size() == 1 ? " names" : " name") + " it. Change or delete those first.", "jobTemplateId", details, Map.of());
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

    private static Refusal lookupsChanging(String jobTemplateId) {
        return Refusal.conflict("The lookups changed while job template '" + jobTemplateId + "' was saved; try again", "jobTemplateId");
    }

    private static ObjectNode view(DocumentStore.Document document) {
        return document.body().deepCopy().put("revision", document.revision());
    }

    private DocumentStore.Document find(String itemId, String jobTemplateId) {
        return documents.get(itemId, KIND, jobTemplateId)
                .orElseThrow(() -> notFound(jobTemplateId));
    }

    /** Checks a template's body as a create does, against {@code references} instead of the item's records; writes nothing. */
    static void check(JsonNode body, References references) {
        JsonFields.refuseUnknown(body, "", FIELDS);
        parse("", body, references);
    }

    /** The references of a template of this item, as stored now. */
    References references(String itemId) {
        return new References(
                diagramId -> documents.get(itemId, Diagrams.KIND, diagramId).map(diagram -> diagram.body().path("latestVersion").asInt()),
                lookups.lookup(itemId, Lookups.PRIORITIES), lookups.lookup(itemId, Lookups.JOB_STATUSES),
                table -> documents.get(itemId, ExtendedPropertyTables.KIND, table).isPresent());
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
        return parse(id, body, references(itemId));
    }

    /** The template as stored, checked against what it may name; nothing is written. */
    private static Parsed parse(String id, JsonNode body, References references) {
        ObjectNode template = Json.object().put("jobTemplateId", id);
        template.put("name", JsonFields.requiredString(body, "name", 200));
        String diagramId = JsonFields.requiredString(body, "diagramId", 64);
        int latest = references.latestVersion().apply(diagramId)
                .orElseThrow(() -> Refusal.invalid("Diagram '" + diagramId + "' does not exist in this workflow item", "diagramId"));
        template.put("diagramId", diagramId);
        String policy = JsonFields.optionalString(body, "diagramVersionPolicy", 10);
        if (policy == null || policy.equals("latest")) {
            template.put("diagramVersionPolicy", "latest");
        } else if (policy.equals("pinned")) {
            Integer version = body.hasNonNull("diagramVersion") ? JsonFields.optionalInt(body, "diagramVersion", 1, latest) : null;
            if (version == null) {
                throw Refusal.invalid("A pinned template needs diagramVersion between 1 and " + latest, "diagramVersion");
            }
            template.put("diagramVersionPolicy", "pinned").put("diagramVersion", version);
        } else {
            throw Refusal.invalid("Expected diagramVersionPolicy 'latest' or 'pinned', but got '" + policy + "'", "diagramVersionPolicy");
        }
        copyText(body, template, "jobName", 500);
        copyText(body, template, "description", 4000);
        List<DocumentStore.Write> pins = new ArrayList<>();
        copyLookupValue(body, template, references.priorities(), pins);
        copyLookupValue(body, template, references.statuses(), pins);
        Assignment assignment = Assignment.read(body, "");
        if (assignment != null) {
            assignment.write(template);
        }
        Integer dueDays = JsonFields.optionalInt(body, "dueDays", 0, MAX_DUE_DAYS);
        if (dueDays != null) {
            template.put("dueDays", dueDays);
        }
        String dueDate = dueDateExpression(body);
        if (dueDate != null) {
            if (dueDays != null) {
                throw Refusal.invalid("A template sets dueDays or a dueDate expression, not both", "dueDate");
            }
            template.put("dueDate", dueDate);
        }
        List<String> tables = JsonFields.stringList(body.get("extendedPropertyTables"), "extendedPropertyTables");
        for (String table : tables) {
            if (!references.tables().test(table)) {
                throw Refusal.invalid("Extended property table '" + table + "' is not defined in this workflow item", "extendedPropertyTables");
            }
        }
        tables.forEach(template.putArray("extendedPropertyTables")::add);
        if (JsonFields.optionalBoolean(body, "autoClose", false)) {
            template.put("autoClose", true);
        }
        List<String> shared = Identity.groupNames(body.get("sharedWith"), "sharedWith");
        if (!shared.isEmpty()) {
            shared.forEach(template.putArray("sharedWith")::add);
        }
        return new Parsed(template, pins);
    }

    /**
     * A template's {@code dueDate}: a JSONata template {@code {% ... %}} evaluated as a job is
     * created ({@code $job}: its properties), so it must parse.
     */
    private static String dueDateExpression(JsonNode body) {
        String expression = JsonFields.optionalString(body, "dueDate", MAX_DUE_DATE_EXPRESSION);
        if (expression == null) {
            return null;
        }
        if (!JsonataTemplates.isTemplate(expression)) {
            throw Refusal.invalid("A template's dueDate is a JSONata expression written {% ... %}, evaluated with $job as a job is"
                    + " created; a fixed due date belongs on the job", "dueDate");
        }
        try {
            JsonataTemplates.parsed(expression);
        } catch (RuntimeException e) {
            throw Refusal.invalid("The dueDate expression does not parse: " + e.getMessage(), "dueDate");
        }
        return expression;
    }

    /** A text that may embed expressions ({@code "Inspect {% $job.extendedProperties.permit.number %}"}), evaluated as a job is created: they must parse. */
    private static void copyText(JsonNode body, ObjectNode target, String field, int maxLength) {
        String value = JsonFields.optionalString(body, field, maxLength);
        if (value != null) {
            JsonataTemplates.checkEmbedded(value, field);
            target.put(field, value);
        }
    }

    /** A template names an open value: jobs start open. */
    private static void copyLookupValue(JsonNode body, ObjectNode target, Lookup lookup, List<DocumentStore.Write> pins) {
        String field = Lookups.jobField(lookup.name());
        String value = JsonFields.optionalString(body, field, 100);
        if (value == null) {
            return;
        }
        if (JsonataTemplates.hasExpressions(value)) {
            JsonataTemplates.checkEmbedded(value, field); // its value is checked against the lookup as each job is created
            target.put(field, value);
            return;
        }
        if (!lookup.openValues().contains(value)) {
            throw Refusal.invalid("Expected " + field + " to be one of " + lookup.openValues() + ", but got '" + value + "'", field);
        }
        target.put(field, value);
        pins.addAll(Lookups.pin(lookup));
    }
}
