package dev.wfm.handlers;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.wfm.arcgis.ArcGisActions;
import dev.wfm.arcgis.ArcGisDiagrams;
import dev.wfm.arcgis.ArcGisErrors;
import dev.wfm.arcgis.ArcGisJobs;
import dev.wfm.arcgis.ArcGisSearch;
import dev.wfm.common.Json;
import dev.wfm.common.JsonFields;
import dev.wfm.common.Refusal;
import dev.wfm.config.Diagrams;
import dev.wfm.config.JobTemplates;
import dev.wfm.http.ApiRequest;
import dev.wfm.http.ApiResponse;
import dev.wfm.http.Route;
import dev.wfm.items.ItemService;
import dev.wfm.jobs.Actor;
import dev.wfm.jobs.Job;
import dev.wfm.jobs.JobStore;
import dev.wfm.jobs.JobUnitOfWork;
import dev.wfm.jobs.actions.ActionRequest;
import dev.wfm.jobs.actions.StepActions;
import dev.wfm.jobs.lifecycle.JobLifecycle;
import dev.wfm.jobs.lifecycle.JobUpdates;
import dev.wfm.search.ExtendedFields;
import dev.wfm.search.JobSearch;
import dev.wfm.search.SearchRequest;
import dev.wfm.security.Identity;
import dev.wfm.security.Privilege;
import dev.wfm.security.Role;
import dev.wfm.security.TokenVerifier;
import dev.wfm.webhooks.WebhookDelivery;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;
import java.util.function.Supplier;

/**
 * ArcGIS Workflow Manager's REST routes, under {@code /{orgId}/{itemId}/...} as that product serves
 * them, so its existing clients work against this one: each is one of our routes or domain calls
 * with the request and the answer reshaped ({@link dev.wfm.arcgis}), so every check (the item's
 * roles and privileges, a template's sharing, a job's state) is the one our own routes make.
 *
 * <p>They have no JWT authorizer in front: that product's clients send the token as {@code ?token=}
 * (or {@code Authorization: Bearer} or {@code X-Esri-Authorization: Bearer}), so the token is
 * verified here as the authorizer would ({@link TokenVerifier}). {@code executeWebhook} is a
 * webhook and is verified as one. Errors are in that product's shape ({@link ArcGisErrors}).
 */
public final class ArcGisRoutes {
    private static final String ORG = "/{orgId}/{itemId}";
    /** That product's bulk limit is its own; ours is that of the bulk routes. */
    private static final int MAX_MANAGED = 100;
    /** An update re-reads the job's revision when another change lands in between; that product has no revisions to send. */
    private static final int UPDATE_ATTEMPTS = 3;
    private static final Set<String> COMMON_QUERY = Set.of("token", "f");

    private final String organizationId;
    private final Supplier<TokenVerifier> tokens;
    private final ItemService items;
    private final JobUnitOfWork unitOfWork;
    private final JobStore jobs;
    private final JobTemplates templates;
    private final Diagrams diagrams;
    private final JobUpdates updates;
    private final JobLifecycle lifecycle;
    private final StepActions actions;
    private final JobSearch search;
    private final Route create;
    private final Route statistics;
    private final WebhookDelivery webhooks;
    private final Function<String, Map<String, String>> fieldTypes;
    private final Clock clock;

    /**
     * {@code organizationId}: the org segment this deployment answers to (ArcGIS Enterprise's
     * {@code workflow} by default); {@code create} and {@code statistics}: our own creation
     * (locations included) and statistics routes; {@code fieldTypes}: an item's one-to-one extended
     * property fields, {@code table.field -> type}.
     */
    public ArcGisRoutes(String organizationId, Supplier<TokenVerifier> tokens, ItemService items, JobUnitOfWork unitOfWork, JobStore jobs,
                        JobTemplates templates, Diagrams diagrams, JobUpdates updates, JobLifecycle lifecycle, StepActions actions,
                        JobSearch search, Route create, Route statistics, WebhookDelivery webhooks,
                        Function<String, Map<String, String>> fieldTypes, Clock clock) {
        this.organizationId = organizationId;
        this.tokens = tokens;
        this.items = items;
        this.unitOfWork = unitOfWork;
        this.jobs = jobs;
        this.templates = templates;
        this.diagrams = diagrams;
        this.updates = updates;
        this.lifecycle = lifecycle;
        this.actions = actions;
        this.search = search;
        this.create = create;
        this.statistics = statistics;
        this.webhooks = webhooks;
        this.fieldTypes = fieldTypes;
        this.clock = clock;
    }

    public Map<String, Route> routes() {
        return Map.of(
                "POST " + ORG + "/jobTemplates/{jobTemplateId}/job", signedIn(this::createJobs),
                "GET " + ORG + "/jobs/{jobId}", signedIn(this::job, "extProps", "holds"),
                "POST " + ORG + "/jobs/{jobId}/update", signedIn(this::update),
                "POST " + ORG + "/jobs/{jobId}/action", signedIn(this::act),
                "POST " + ORG + "/jobs/manage", signedIn(this::manage),
                "POST " + ORG + "/jobs/search", signedIn(this::search),
                "POST " + ORG + "/jobs/statistics", signedIn(this::statistics),
                "GET " + ORG + "/diagrams/{diagramId}/{diagramVersion}", signedIn(this::diagram),
                // Survey123 sends the submitter's token in the payload it posts
                "POST " + ORG + "/webhooks/createJobFromSurveyResponse/{jobTemplateId}", answered(Set.of(), call ->
                        survey(new Call(call.request(), identity(call.request(), ArcGisRoutes::surveyToken), call.itemId()))),
                "POST " + ORG + "/jobTemplates/{jobTemplateId}/automatedCreation/{automationId}/executeWebhook",
                answered(Set.of(), this::executeWebhook));
    }

    /** A request of that product, its caller named by its token, for {@code itemId}. */
    private record Call(ApiRequest request, Identity identity, String itemId) {
        String path(String name) {
            return request.pathParameter(name);
        }

        JsonNode body() {
            return request.jsonBody();
        }

        boolean flag(String name) {
            return request.queryParameter(name).map(value -> value.equalsIgnoreCase("true")).orElse(false);
        }
    }

    @FunctionalInterface
    private interface Handler {
        ApiResponse handle(Call call);
    }

    /** A route whose caller must send a valid token; {@code query}: its own query parameters besides token and f. */
    private Route signedIn(Handler handler, String... query) {
        return answered(Set.of(query), call -> handler.handle(new Call(call.request(), identity(call.request(), request -> Optional.empty()),
                call.itemId())));
    }

    /** The org checked, the query checked, refusals in that product's error shape. */
    private Route answered(Set<String> query, Handler handler) {
        return request -> {
            try {
                if (!request.pathParameter("orgId").equals(organizationId)) {
                    throw Refusal.notFound("No organization '" + request.pathParameter("orgId") + "' is served here", "orgId");
                }
                for (String name : request.query().keySet()) {
                    if (!COMMON_QUERY.contains(name) && !query.contains(name)) {
                        throw Refusal.invalid("Unknown query parameter '" + name + "'", name);
                    }
                }
                String format = request.queryParameter("f").orElse("json");
                if (!format.equals("json") && !format.equals("pjson")) {
                    throw Refusal.invalid("Answers are JSON: f may be json or pjson, not '" + format + "'", "f");
                }
                return handler.handle(new Call(request, request.identity(), request.pathParameter("itemId")));
            } catch (Refusal refusal) {
                return ArcGisErrors.answer(refusal);
            }
        };
    }

    /**
     * The caller named by a valid token of the issuer: {@code ?token=}, {@code Authorization: Bearer},
     * {@code X-Esri-Authorization: Bearer}, or where the route's clients put it ({@code elsewhere}).
     */
    private Identity identity(ApiRequest request, Function<ApiRequest, Optional<String>> elsewhere) {
        Optional<String> token = request.queryParameter("token")
                .or(() -> bearer(request, "authorization"))
                .or(() -> bearer(request, "x-esri-authorization"))
                .or(() -> elsewhere.apply(request));
        return token.flatMap(value -> tokens.get().verify(value)).orElseThrow(() -> new Refusal(Refusal.Kind.UNAUTHENTICATED,
                "A valid token is required: ?token=, Authorization: Bearer or X-Esri-Authorization: Bearer", "token", List.of(), Map.of()));
    }

    private static Optional<String> bearer(ApiRequest request, String header) {
        return request.header(header).filter(value -> value.regionMatches(true, 0, "Bearer ", 0, 7)).map(value -> value.substring(7).strip());
    }

    private static Optional<String> surveyToken(ApiRequest request) {
        try {
            return Optional.of(request.jsonBody().path("portalInfo").path("token")).filter(JsonNode::isTextual).map(JsonNode::asText);
        } catch (Refusal notJson) {
            return Optional.empty();
        }
    }

    private Actor actor(Call call) {
        return items.require(call.identity(), call.itemId(), Role.ANY).actor(call.identity());
    }

    /** Our route's request for the same caller and item: {@code body} as JSON, the sender's Idempotency-Key kept. */
    private static ApiRequest ours(Call call, String routeKey, JsonNode body) {
        Map<String, String> headers = new HashMap<>();
        headers.put("content-type", "application/json");
        call.request().header("Idempotency-Key").ifPresent(key -> headers.put("idempotency-key", key));
        return new ApiRequest(routeKey, Map.of("itemId", call.itemId()), Map.of(), headers, Json.write(body).getBytes(StandardCharsets.UTF_8),
                call.identity(), call.request().domainName());
    }

    /** {@code CreateJobOverrides} → {@code {jobIds, autoExecuted}}. */
    private ApiResponse createJobs(Call call) {
        JsonNode given = call.body();
        ObjectNode body = ArcGisJobs.createBody(given, call.path("jobTemplateId"), fieldTypesFor(call, given));
        JsonNode created = (JsonNode) create.handle(ours(call, "POST /items/{itemId}/jobs", body)).body();
        return ApiResponse.ok(created);
    }

    /** The item's extended field definitions when the body sets extended properties (only then are they read). */
    private Map<String, String> fieldTypesFor(Call call, JsonNode given) {
        return given.hasNonNull("extendedProperties") ? fieldTypes.apply(call.itemId()) : Map.of();
    }

    /** {@code ?extProps=true} adds extended and related properties, {@code ?holds=true} the holds. */
    private ApiResponse job(Call call) {
        actor(call);
        Job job = unitOfWork.load(call.itemId(), call.path("jobId"));
        boolean extended = call.flag("extProps");
        return ApiResponse.ok(ArcGisJobs.job(job, templateName(job), diagrams.get(job.itemId(), job.diagramId(), job.diagramVersion())
                        .path("name").asText(), call.flag("holds"), extended ? job.extendedProperties() : null,
                extended ? jobs.relatedRecords(job.itemId(), job.jobId()) : null));
    }

    /** A job outlives its template: a deleted template's name is null, as that product shows one it cannot read. */
    private String templateName(Job job) {
        try {
            return templates.get(job.itemId(), job.jobTemplateId()).path("name").asText();
        } catch (Refusal deleted) {
            return null;
        }
    }

    /**
     * {@code JobOverrides} → {@code {success: true}}: only the properties named change. That
     * product sends no revision, so the job's is read here; a change landing between the read and
     * the write is read again (the write is conditional, so nothing is lost either way).
     */
    private ApiResponse update(Call call) {
        Actor actor = actor(call);
        String jobId = call.path("jobId");
        JsonNode given = call.body();
        Map<String, String> types = fieldTypesFor(call, given);
        for (int attempt = 1; ; attempt++) {
            Job job = unitOfWork.load(call.itemId(), jobId);
            try {
                updates.update(call.itemId(), jobId, actor, ArcGisJobs.updateBody(given, job.revision(), types));
                return ApiResponse.ok(Json.object().put("success", true));
            } catch (Refusal refused) {
                boolean stale = refused.kind() == Refusal.Kind.CONFLICT && "revision".equals(refused.target());
                if (!stale || attempt == UPDATE_ATTEMPTS) {
                    throw refused;
                }
            }
        }
    }

    /** {@code {type, stepIds?, holdScheduledRelease?}} → {@code {success, stepResponses: [{stepId, status, statusDescription}]}}. */
    private ApiResponse act(Call call) {
        Actor actor = actor(call);
        ActionRequest action = ActionRequest.parse(ArcGisActions.actionBody(call.body()));
        return ApiResponse.ok(ArcGisActions.answer(actions.act(call.itemId(), call.path("jobId"), actor, action)));
    }

    /** {@code {type: Close, Reopen, Delete or Upgrade, jobIds}} → {@code {success}}, with each job's result when one failed. */
    private ApiResponse manage(Call call) {
        Actor actor = actor(call);
        JsonNode body = call.body();
        JsonFields.refuseUnknown(body, "", "type", "jobIds");
        String type = JsonFields.requiredString(body, "type", 40);
        List<String> jobIds = JsonFields.stringList(body.get("jobIds"), "jobIds");
        if (jobIds.isEmpty() || jobIds.size() > MAX_MANAGED) {
            throw Refusal.invalid("jobIds must name 1 to " + MAX_MANAGED + " jobs", "jobIds");
        }
        String itemId = call.itemId();
        List<JobLifecycle.Result> results = switch (type) {
            case "Close" -> privileged(actor, Privilege.CLOSE_JOBS, () -> lifecycle.close(itemId, jobIds, actor));
            case "Reopen" -> privileged(actor, Privilege.REOPEN_CLOSED_JOBS, () -> lifecycle.reopen(itemId, jobIds, null, actor));
            case "Delete" -> privileged(actor, Privilege.DELETE_JOBS, () -> lifecycle.delete(itemId, jobIds));
            case "Upgrade" -> privileged(actor, Privilege.UPGRADE_JOBS, () -> lifecycle.upgrade(itemId, jobIds, actor));
            default -> throw Refusal.invalid("Unknown type '" + type + "'; expected one of [Close, Delete, Reopen, Upgrade]", "type");
        };
        boolean success = results.stream().allMatch(JobLifecycle.Result::success);
        ObjectNode answer = Json.object().put("success", success);
        if (!success) {
            results.forEach(result -> answer.withArray("results").add(Json.MAPPER.valueToTree(result)));
        }
        return ApiResponse.ok(answer);
    }

    private static List<JobLifecycle.Result> privileged(Actor actor, Privilege privilege, Supplier<List<JobLifecycle.Result>> command) {
        actor.require(privilege);
        return command.get();
    }

    /** {@code JobQuery} → {@code JobQueryResult}: typed fields, rows as arrays, nextStart -1 at the end. */
    private ApiResponse search(Call call) {
        actor(call);
        JsonNode given = call.body();
        ObjectNode body = ArcGisSearch.searchBody(given);
        // the item's extended field definitions are read once, and only when the search names such a field
        Map<String, Map<String, String>> read = new HashMap<>(1);
        Supplier<Map<String, String>> definitions = () -> read.computeIfAbsent(call.itemId(), fieldTypes);
        SearchRequest query = SearchRequest.read(body, ExtendedFields.typesFor(body, definitions), clock.instant());
        return ApiResponse.ok(ArcGisSearch.answer(given, query, SearchRoutes.results(search, call.itemId(), query), definitions));
    }

    /** {@code {q?, search?, groupBy?}} → {@code {total, groupBy, groupedValues: [{value, count}]}}; without groupBy, the total alone. */
    private ApiResponse statistics(Call call) {
        ObjectNode body = ArcGisSearch.statisticsBody(call.body());
        if (body.hasNonNull("groupBy")) {
            return ApiResponse.ok(statistics.handle(ours(call, "POST /items/{itemId}/jobs/statistics", body)).body());
        }
        // the total of any grouping is the jobs' count: grouped by closed, the job counts answer it when they can
        JsonNode grouped = (JsonNode) statistics.handle(ours(call, "POST /items/{itemId}/jobs/statistics", body.put("groupBy", "closed"))).body();
        return ApiResponse.ok(Json.object().put("total", grouped.path("total").asInt()));
    }

    /** A diagram version (-1: the latest) in that product's shape; secret header values shown to the item's admins only. */
    private ApiResponse diagram(Call call) {
        actor(call);
        Integer version = ArcGisDiagrams.version(call.path("diagramVersion"));
        return ApiResponse.ok(ArcGisDiagrams.diagram(diagrams.shown(call.itemId(), call.path("diagramId"), version,
                items.isAdmin(call.identity(), call.itemId()))));
    }

    /** A Survey123 submission → {@code {jobIds}}: created as the submitter, once per submission. */
    private ApiResponse survey(Call call) {
        Actor actor = actor(call);
        List<String> jobIds = webhooks.survey(call.itemId(), call.path("jobTemplateId"), actor, call.body());
        ObjectNode answer = Json.object();
        jobIds.forEach(answer.putArray("jobIds")::add);
        return ApiResponse.ok(answer);
    }

    /** The webhook {@code automationId} of the template, verified as {@code POST /hooks/{webhookId}} verifies it → {@code {jobIds}}. */
    private ApiResponse executeWebhook(Call call) {
        WebhookDelivery.Delivered delivered = webhooks.deliver(call.itemId(), call.path("jobTemplateId"), call.path("automationId"),
                call.request());
        return ApiResponse.ok(WebhookDelivery.answer(delivered));
    }
}
