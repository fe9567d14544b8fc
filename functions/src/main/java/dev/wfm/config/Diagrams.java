package dev.wfm.config;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.wfm.common.Ids;
import dev.wfm.common.Json;
import dev.wfm.common.Refusal;
import dev.wfm.diagrams.AslCompiler;
import dev.wfm.diagrams.CompileTargets;
import dev.wfm.diagrams.Diagram;
import dev.wfm.diagrams.DiagramJson;
import dev.wfm.diagrams.DiagramValidator;
import dev.wfm.diagrams.Problem;
import dev.wfm.diagrams.Step;
import dev.wfm.outbound.SecretHeaders;
import dev.wfm.store.DocumentStore;
import dev.wfm.store.Keys;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.BiFunction;
import java.util.function.Predicate;
import java.util.function.UnaryOperator;

/**
 * Workflow diagrams and their versions. Publishing validates the diagram (every problem at
 * once, the job templates of its createJob steps among them), compiles it to ASL, creates the version's state machine, and only then stores the
 * version, so a stored version always has a machine to run on. Older versions stay for the jobs
 * that run on them. Secret header values of web requests are stored sealed ({@link SecretHeaders}).
 * <pre>
 *   DIAGRAM#{diagramId}                    head: name, latestVersion, created, updated
 *   DIAGRAM_VERSION#{diagramId}#{v:6}      the diagram as drawn, its state machine ARN
 * </pre>
 */
public final class Diagrams {
    static final String KIND = "DIAGRAM";
    static final String VERSION_KIND = "DIAGRAM_VERSION";
    /** Step Functions' limit on a state machine definition. */
    public static final int MAX_DEFINITION_BYTES = 1024 * 1024;
    /** A version is one DynamoDB item (400 KB at most, with its keys and attributes). */
    public static final int MAX_DIAGRAM_BYTES = 350 * 1024;

    private final JobTemplates templates;
    private final BiFunction<String, String, List<String>> jobsUsing;
    private final DocumentStore documents;
    private final StateMachines stateMachines;
    private final CompileTargets targets;
    private final SecretHeaders secretHeaders;
    private final Clock clock;

    /**
     * {@code templates} and {@code jobsUsing} ({@code (itemId, diagramId) -> jobIds}) say who still
     * uses a diagram, which then cannot be deleted.
     */
    public Diagrams(DocumentStore documents, StateMachines stateMachines, CompileTargets targets, JobTemplates templates,
                    BiFunction<String, String, List<String>> jobsUsing, SecretHeaders secretHeaders, Clock clock) {
        this.secretHeaders = secretHeaders;
        this.templates = templates;
        this.jobsUsing = jobsUsing;
        this.documents = documents;
        this.stateMachines = stateMachines;
        this.targets = targets;
        this.clock = clock;
    }

    /** Every problem of the diagram in the item; empty when it can be published. */
    public List<Refusal.Detail> validate(String itemId, JsonNode body) {
        return validate(body, templatesOf(itemId));
    }

    /** Every problem of the diagram, its createJob steps' templates checked with {@code templateExists}. */
    List<Refusal.Detail> validate(JsonNode body, Predicate<String> templateExists) {
        return read(body, templateExists).problems().stream().map(Diagrams::detail).toList();
    }

    /**
     * The diagram with every problem it has in the item, to be drawn; refused when there is nothing
     * to draw (its JSON shape is wrong, every such problem a detail) or it is past a diagram's size.
     */
    public DiagramJson.Result drawable(String itemId, JsonNode body) {
        requireFits(body);
        DiagramJson.Result result = read(body, templatesOf(itemId));
        if (result.diagram() == null) {
            List<Refusal.Detail> details = result.problems().stream().map(Diagrams::detail).toList();
            throw new Refusal(Refusal.Kind.INVALID_ARGUMENT, "The diagram cannot be drawn until its JSON shape is right: "
                    + details.size() + " problem(s); see details", "diagram", details, Map.of());
        }
        return result;
    }

    public ObjectNode create(String itemId, JsonNode body) {
        return create(itemId, body, templatesOf(itemId));
    }

    /** Creates the diagram, its createJob steps' templates checked with {@code templateExists}. */
    ObjectNode create(String itemId, JsonNode body, Predicate<String> templateExists) {
        Diagram diagram = requireValid(body, templateExists);
        ObjectNode drawn = storable(itemId, body);
        String diagramId = Ids.newId(clock.instant());
        String arn = publish(itemId, diagramId, 1, diagram);
        ObjectNode head = Json.object()
                .put("diagramId", diagramId)
                .put("name", diagram.name())
                .put("latestVersion", 1)
                .put("created", clock.instant().toString())
                .put("updated", clock.instant().toString());
        boolean written = documents.writeAll(itemId, List.of(
                new DocumentStore.Create(KIND, diagramId, head),
                new DocumentStore.Create(VERSION_KIND, Keys.diagramVersion(diagramId, 1), version(diagramId, 1, drawn, arn))));
        if (!written) {
            throw new IllegalStateException("fresh diagram id " + diagramId + " already taken");
        }
        return Json.object().put("diagramId", diagramId).put("version", 1);
    }

    /**
     * Stores and publishes the next version. Two concurrent publishers cannot take the same
     * number: each publishes a machine of its own, and the version record and the head move on in
     * one transaction conditional on the head read; the loser deletes its machine and gets 409.
     */
    public ObjectNode newVersion(String itemId, String diagramId, JsonNode body) {
        return newVersion(itemId, diagramId, body, templatesOf(itemId));
    }

    /** Publishes the next version, its createJob steps' templates checked with {@code templateExists}. */
    ObjectNode newVersion(String itemId, String diagramId, JsonNode body, Predicate<String> templateExists) {
        DocumentStore.Document head = head(itemId, diagramId);
        Diagram diagram = requireValid(body, templateExists);
        ObjectNode drawn = storable(itemId, body);
        int version = head.body().path("latestVersion").asInt() + 1;
        String arn = publish(itemId, diagramId, version, diagram);
        ObjectNode updatedHead = head.body().deepCopy()
                .put("name", diagram.name())
                .put("latestVersion", version)
                .put("updated", clock.instant().toString());
        boolean written = documents.writeAll(itemId, List.of(
                new DocumentStore.Replace(KIND, diagramId, head.revision(), updatedHead),
                new DocumentStore.Create(VERSION_KIND, Keys.diagramVersion(diagramId, version), version(diagramId, version, drawn, arn))));
        if (!written) {
            stateMachines.delete(arn);
            throw Refusal.conflict("Diagram '" + diagramId + "' got a new version while this one was published; read it again and retry", "diagramId");
        }
        return Json.object().put("diagramId", diagramId).put("version", version);
    }

    /**
     * The diagram as drawn and stored, at a version (the latest by default), with {@code version}
     * and {@code diagramId}; secret header values sealed (see {@link #shown}).
     */
    public ObjectNode get(String itemId, String diagramId, Integer version) {
        return get(versionRecord(itemId, diagramId, version), diagramId);
    }

    private static ObjectNode get(DocumentStore.Document stored, String diagramId) {
        ObjectNode diagram = stored.body().path("diagram").deepCopy();
        diagram.put("diagramId", diagramId);
        diagram.put("version", stored.body().path("version").asInt());
        return diagram;
    }

    /** A published version (the latest when {@code version} is null), as jobs walk it: NOT_FOUND as {@link #get} refuses. */
    public PublishedDiagram published(String itemId, String diagramId, Integer version) {
        DocumentStore.Document stored = versionRecord(itemId, diagramId, version);
        return new PublishedDiagram(diagramId, stored.body().path("version").asInt(), DiagramJson.read(get(stored, diagramId)).diagram(),
                stored.body().path("stateMachineArn").asText());
    }

    public List<ObjectNode> list(String itemId) {
        return documents.list(itemId, KIND).stream().map(DocumentStore.Document::body).toList();
    }

    public List<ObjectNode> versions(String itemId, String diagramId) {
        head(itemId, diagramId);
        List<ObjectNode> versions = new ArrayList<>();
        for (DocumentStore.Document document : documents.list(itemId, VERSION_KIND)) {
            if (document.id().startsWith(Keys.diagramVersionPrefix(diagramId))) {
                ObjectNode body = document.body();
                versions.add(Json.object()
                        .put("version", body.path("version").asInt())
                        .put("name", body.path("diagram").path("name").asText())
                        .put("published", body.path("published").asText())
                        .put("stateMachineArn", body.path("stateMachineArn").asText()));
            }
        }
        return versions;
    }

    /** The Amazon States Language the version runs, as the Step Functions service holds it. */
    public JsonNode definition(String itemId, String diagramId, Integer version) {
        String arn = versionRecord(itemId, diagramId, version).body().path("stateMachineArn").asText();
        try {
            return Json.read(stateMachines.definition(arn));
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new IllegalStateException("state machine " + arn + " holds no JSON definition", e);
        }
    }

    /** Deletes every version and its state machine; refused while a job template or a job uses the diagram. */
    public void delete(String itemId, String diagramId) {
        head(itemId, diagramId);
        List<String> users = templates.usingDiagram(itemId, diagramId);
        if (!users.isEmpty()) {
            throw Refusal.conflict("Diagram '" + diagramId + "' is used by job templates " + users + "; change or delete them first", "diagramId");
        }
        List<String> jobs = jobsUsing.apply(itemId, diagramId);
        if (!jobs.isEmpty()) {
            throw Refusal.conflict("Diagram '" + diagramId + "' is walked by " + jobs.size() + " job(s), e.g. '" + jobs.get(0)
                    + "'; delete those jobs first", "diagramId");
        }
        deleteVersions(itemId, Keys.diagramVersionPrefix(diagramId));
        documents.delete(itemId, KIND, diagramId);
    }

    /**
     * Deletes the state machine of every version of the item's diagrams, and the version's
     * document after it (an item being deleted: nothing is checked); how many there were.
     */
    public int deleteAllVersions(String itemId) {
        return deleteVersions(itemId, "");
    }

    private int deleteVersions(String itemId, String idPrefix) {
        int deleted = 0;
        for (DocumentStore.Document version : documents.list(itemId, VERSION_KIND)) {
            if (version.id().startsWith(idPrefix)) {
                stateMachines.delete(version.body().path("stateMachineArn").asText());
                documents.delete(itemId, VERSION_KIND, version.id());
                deleted++;
            }
        }
        return deleted;
    }

    /**
     * The createJob steps of any version of the item's diagrams that name job template
     * {@code jobTemplateId} (old versions too: jobs still walk them): a Query of the item's versions.
     */
    static List<TemplateUsers.Use> versionsNaming(DocumentStore documents, String itemId, String jobTemplateId) {
        List<TemplateUsers.Use> uses = new ArrayList<>();
        for (DocumentStore.Document version : documents.list(itemId, VERSION_KIND)) {
            Diagram diagram = DiagramJson.read(version.body().path("diagram")).diagram();
            if (diagram == null) {
                continue;
            }
            String diagramId = version.body().path("diagramId").asText();
            diagram.steps().stream()
                    .filter(step -> step instanceof Step.CreateJob create && jobTemplateId.equals(create.jobTemplateId()))
                    .forEach(step -> uses.add(new TemplateUsers.Use(diagramId, "createJob step '" + step.id() + "' of diagram '"
                            + diagram.name() + "' version " + version.body().path("version").asInt())));
        }
        return uses;
    }

    private String publish(String itemId, String diagramId, int version, Diagram diagram) {
        if (targets == null) {
            throw new IllegalStateException("STEP_ACTIVATION_FUNCTION_ARN and STEP_WORKER_FUNCTION_ARN must be set to publish diagrams");
        }
        String definition = AslCompiler.compile(diagram, targets);
        int size = definition.getBytes(StandardCharsets.UTF_8).length;
        if (size > MAX_DEFINITION_BYTES) {
            throw new Refusal(Refusal.Kind.PAYLOAD_TOO_LARGE, "The diagram compiles to a " + size + "-byte state machine; Step Functions accepts "
                    + MAX_DEFINITION_BYTES + ". Split it into smaller diagrams linked by createJob steps.", "steps", List.of(), Map.of());
        }
        return stateMachines.publish(stateMachines.name(itemId, diagramId, version), definition);
    }

    /**
     * Every reason the diagram could not be published (its problems, its size as given and as
     * stored, its compiled size), found without creating anything: an import checks all its
     * diagrams so before it writes.
     */
    List<Refusal.Detail> publishProblems(String itemId, JsonNode body, Predicate<String> templateExists) {
        if (!fits(body)) {
            return List.of(tooLarge());
        }
        DiagramJson.Result result = read(body, templateExists);
        if (!result.problems().isEmpty()) {
            return result.problems().stream().map(Diagrams::detail).toList();
        }
        if (!fits(drawn(itemId, body))) {
            return List.of(tooLarge());
        }
        if (targets == null) {
            return List.of();
        }
        int size = AslCompiler.compile(result.diagram(), targets).getBytes(StandardCharsets.UTF_8).length;
        return size <= MAX_DEFINITION_BYTES ? List.of() : List.of(new Refusal.Detail("DEFINITION_TOO_LARGE", "The diagram compiles to a "
                + size + "-byte state machine; Step Functions accepts " + MAX_DEFINITION_BYTES, "steps"));
    }

    private static Refusal.Detail tooLarge() {
        return new Refusal.Detail("DIAGRAM_TOO_LARGE", "A diagram is limited to " + MAX_DIAGRAM_BYTES + " bytes of JSON, as given and as stored", "diagram");
    }

    private static boolean fits(JsonNode body) {
        return Json.write(body).getBytes(StandardCharsets.UTF_8).length <= MAX_DIAGRAM_BYTES;
    }

    private Predicate<String> templatesOf(String itemId) {
        return templateId -> templates.exists(itemId, templateId);
    }

    private Diagram requireValid(JsonNode body, Predicate<String> templateExists) {
        requireFits(body);
        DiagramJson.Result result = read(body, templateExists);
        if (!result.problems().isEmpty()) {
            List<Refusal.Detail> details = result.problems().stream().map(Diagrams::detail).toList();
            throw new Refusal(Refusal.Kind.INVALID_ARGUMENT, "The diagram has " + details.size() + " problem(s); see details", "diagram", details, Map.of());
        }
        return result.diagram();
    }

    private static void requireFits(JsonNode body) {
        if (!fits(body)) {
            throw new Refusal(Refusal.Kind.PAYLOAD_TOO_LARGE, "A diagram is limited to " + MAX_DIAGRAM_BYTES + " bytes of JSON", "body", List.of(), Map.of());
        }
    }

    private static DiagramJson.Result read(JsonNode body, Predicate<String> templateExists) {
        DiagramJson.Result parsed = DiagramJson.read(body);
        if (!parsed.problems().isEmpty() || parsed.diagram() == null) {
            return parsed;
        }
        return new DiagramJson.Result(parsed.diagram(), DiagramValidator.validate(parsed.diagram(), templateExists));
    }

    private DocumentStore.Document head(String itemId, String diagramId) {
        return documents.get(itemId, KIND, diagramId)
                .orElseThrow(() -> Refusal.notFound("Diagram '" + diagramId + "' was not found", "diagramId"));
    }

    private DocumentStore.Document versionRecord(String itemId, String diagramId, Integer version) {
        int wanted = version != null ? version : head(itemId, diagramId).body().path("latestVersion").asInt();
        return documents.get(itemId, VERSION_KIND, Keys.diagramVersion(diagramId, wanted))
                .orElseThrow(() -> Refusal.notFound("Diagram '" + diagramId + "' has no version " + wanted, version != null ? "version" : "diagramId"));
    }

    /** The diagram as a person reads it: secret header values readable for the item's admins, left out for everyone else. */
    public ObjectNode shown(String itemId, String diagramId, Integer version, boolean admin) {
        ObjectNode diagram = get(itemId, diagramId, version);
        return withHeaders(diagram, headers -> admin ? secretHeaders.opened(itemId, headers) : SecretHeaders.masked(headers));
    }

    private ObjectNode version(String diagramId, int version, ObjectNode drawn, String stateMachineArn) {
        ObjectNode record = Json.object().put("diagramId", diagramId).put("version", version)
                .put("stateMachineArn", stateMachineArn).put("published", clock.instant().toString());
        record.set("diagram", drawn);
        return record;
    }

    /** The diagram as stored: secret header values sealed, without the diagramId and version a GET adds. */
    private ObjectNode drawn(String itemId, JsonNode body) {
        ObjectNode drawn = withHeaders(body.deepCopy(), headers -> secretHeaders.sealed(itemId, headers));
        drawn.remove(List.of("diagramId", "version"));
        return drawn;
    }

    /** {@link #drawn}, refused (413) before anything is published when sealing made it larger than a diagram may be. */
    private ObjectNode storable(String itemId, JsonNode body) {
        ObjectNode drawn = drawn(itemId, body);
        if (!fits(drawn)) {
            throw new Refusal(Refusal.Kind.PAYLOAD_TOO_LARGE, "A diagram is limited to " + MAX_DIAGRAM_BYTES + " bytes of JSON as stored, "
                    + "its secret header values sealed (which makes them about a third longer)", "body", List.of(), Map.of());
        }
        return drawn;
    }

    /** The diagram with the headers of each step's request rewritten. */
    private static ObjectNode withHeaders(ObjectNode diagram, UnaryOperator<JsonNode> rewrite) {
        for (JsonNode step : diagram.path("steps")) {
            if (step.path("request").path("headers").isObject()) {
                ObjectNode request = (ObjectNode) step.get("request");
                request.set("headers", rewrite.apply(request.get("headers")));
            }
        }
        return diagram;
    }

    private static Refusal.Detail detail(Problem problem) {
        return new Refusal.Detail(problem.code(), problem.message(), problem.target());
    }
}
