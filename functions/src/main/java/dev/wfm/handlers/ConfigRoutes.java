package dev.wfm.handlers;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.wfm.common.Json;
import dev.wfm.common.Refusal;
import dev.wfm.config.ConfigTransfer;
import dev.wfm.config.Diagrams;
import dev.wfm.config.ExtendedPropertyTables;
import dev.wfm.config.JobTemplates;
import dev.wfm.config.Lookups;
import dev.wfm.diagrams.DiagramJson;
import dev.wfm.diagrams.layout.DiagramSvg;
import dev.wfm.diagrams.layout.ProblemPicture;
import dev.wfm.http.ApiRequest;
import dev.wfm.http.ApiResponse;
import dev.wfm.http.Paging;
import dev.wfm.http.Route;
import dev.wfm.items.ItemService;
import dev.wfm.jobs.Actor;
import dev.wfm.security.Privilege;
import dev.wfm.security.Role;
import java.nio.charset.StandardCharsets;
import java.util.Map;

/**
 * The configuration routes of a workflow item. Anyone with a role in the item reads its
 * configuration; only its admins change it.
 */
public final class ConfigRoutes {

    private final ItemService items;
    private final Diagrams diagrams;
    private final JobTemplates templates;
    private final Lookups lookups;
    private final ExtendedPropertyTables propertyTables;
    private final ConfigTransfer transfer;

    public ConfigRoutes(ItemService items, Diagrams diagrams, JobTemplates templates, Lookups lookups,
                        ExtendedPropertyTables propertyTables, ConfigTransfer transfer) {
        this.items = items;
        this.diagrams = diagrams;
        this.templates = templates;
        this.lookups = lookups;
        this.propertyTables = propertyTables;
        this.transfer = transfer;
    }

    public Map<String, Route> routes() {
        return Map.ofEntries(
                Map.entry("POST /items/{itemId}/diagrams/validate", items.allowed(Privilege.MANAGE_DIAGRAMS, request -> {
                    ObjectNode answer = Json.object();
                    ArrayNode errors = answer.putArray("errors");
                    diagrams.validate(itemId(request), request.jsonBody()).forEach(problem -> errors.addObject()
                            .put("code", problem.code()).put("message", problem.message()).put("target", problem.target()));
                    return ApiResponse.ok(answer);
                })),
                Map.entry("POST /items/{itemId}/diagrams/picture", items.allowed(Privilege.MANAGE_DIAGRAMS, request -> {
                    DiagramJson.Result drawable = diagrams.drawable(itemId(request), request.jsonBody());
                    return ApiResponse.ok(new ApiResponse.Binary(ProblemPicture.render(drawable.diagram(), drawable.problems())
                            .getBytes(StandardCharsets.UTF_8), DiagramSvg.CONTENT_TYPE, null));
                })),
                Map.entry("POST /items/{itemId}/diagrams", items.allowed(Privilege.MANAGE_DIAGRAMS, request ->
                        ApiResponse.created(diagrams.create(itemId(request), request.jsonBody())))),
                Map.entry("GET /items/{itemId}/diagrams", items.reader(request ->
                        ApiResponse.ok(Paging.listed(request, "diagrams", diagrams.list(itemId(request)), d -> d.path("diagramId").asText())))),
                Map.entry("GET /items/{itemId}/diagrams/{diagramId}", items.reader(request ->
                        ApiResponse.ok(diagrams.shown(itemId(request), request.pathParameter("diagramId"), version(request),
                                items.isAdmin(request.identity(), itemId(request)))))),
                Map.entry("PUT /items/{itemId}/diagrams/{diagramId}", items.allowed(Privilege.MANAGE_DIAGRAMS, request ->
                        ApiResponse.ok(diagrams.newVersion(itemId(request), request.pathParameter("diagramId"), request.jsonBody())))),
                Map.entry("DELETE /items/{itemId}/diagrams/{diagramId}", items.allowed(Privilege.MANAGE_DIAGRAMS, request -> {
                    diagrams.delete(itemId(request), request.pathParameter("diagramId"));
                    return ApiResponse.noContent();
                })),
                Map.entry("GET /items/{itemId}/diagrams/{diagramId}/versions", items.reader(request ->
                        ApiResponse.ok(Paging.listed(request, "versions", diagrams.versions(itemId(request), request.pathParameter("diagramId")),
                                v -> String.format("%010d", v.path("version").asInt()))))),
                Map.entry("GET /items/{itemId}/diagrams/{diagramId}/definition", items.reader(request ->
                        ApiResponse.ok(diagrams.definition(itemId(request), request.pathParameter("diagramId"), version(request))))),

                Map.entry("POST /items/{itemId}/job-templates", items.allowed(Privilege.MANAGE_TEMPLATES, request ->
                        ApiResponse.created(Json.object().put("jobTemplateId", templates.create(itemId(request), request.jsonBody()))))),
                Map.entry("GET /items/{itemId}/job-templates", items.reader(request -> {
                    Actor actor = actor(request);
                    return ApiResponse.ok(Paging.listed(request, "jobTemplates", templates.list(itemId(request), actor.groups(), actor.manages()),
                            t -> t.path("jobTemplateId").asText()));
                })),
                Map.entry("GET /items/{itemId}/job-templates/{jobTemplateId}", items.reader(request -> {
                    Actor actor = actor(request);
                    return ApiResponse.ok(templates.get(itemId(request), request.pathParameter("jobTemplateId"), actor.groups(), actor.manages()));
                })),
                Map.entry("PUT /items/{itemId}/job-templates/{jobTemplateId}", items.allowed(Privilege.MANAGE_TEMPLATES, request ->
                        ApiResponse.ok(templates.update(itemId(request), request.pathParameter("jobTemplateId"), request.jsonBody())))),
                Map.entry("DELETE /items/{itemId}/job-templates/{jobTemplateId}", items.allowed(Privilege.MANAGE_TEMPLATES, request -> {
                    templates.delete(itemId(request), request.pathParameter("jobTemplateId"));
                    return ApiResponse.noContent();
                })),

                Map.entry("GET /items/{itemId}/lookups/{lookupName}", items.reader(request ->
                        ApiResponse.ok(lookups.get(itemId(request), request.pathParameter("lookupName"))))),
                Map.entry("PUT /items/{itemId}/lookups/{lookupName}", items.allowed(Privilege.MANAGE_LOOKUPS, request ->
                        ApiResponse.ok(lookups.replace(itemId(request), request.pathParameter("lookupName"), request.jsonBody())))),

                Map.entry("POST /items/{itemId}/extended-property-tables", items.allowed(Privilege.MANAGE_LOOKUPS, request ->
                        ApiResponse.created(Json.object().put("name", propertyTables.create(itemId(request), request.jsonBody()))))),
                Map.entry("GET /items/{itemId}/extended-property-tables", items.reader(request ->
                        ApiResponse.ok(Paging.listed(request, "tables", propertyTables.list(itemId(request)), t -> t.path("name").asText())))),
                Map.entry("GET /items/{itemId}/extended-property-tables/{tableName}", items.reader(request ->
                        ApiResponse.ok(propertyTables.get(itemId(request), request.pathParameter("tableName"))))),
                Map.entry("PUT /items/{itemId}/extended-property-tables/{tableName}", items.allowed(Privilege.MANAGE_LOOKUPS, request ->
                        ApiResponse.ok(propertyTables.update(itemId(request), request.pathParameter("tableName"), request.jsonBody())))),
                Map.entry("DELETE /items/{itemId}/extended-property-tables/{tableName}", items.allowed(Privilege.MANAGE_LOOKUPS, request -> {
                    propertyTables.delete(itemId(request), request.pathParameter("tableName"), templates);
                    return ApiResponse.noContent();
                })),

                Map.entry("GET /items/{itemId}/config", items.allowed(Privilege.EXPORT_CONFIGURATION, request ->
                        ApiResponse.ok(transfer.export(itemId(request))))),
                // an import writes diagrams, templates, lookups and property tables
                Map.entry("POST /items/{itemId}/config/import", items.allowed(Privilege.MANAGE_DIAGRAMS, items.allowed(Privilege.MANAGE_TEMPLATES,
                        items.allowed(Privilege.MANAGE_LOOKUPS, request -> ApiResponse.ok(transfer.importInto(itemId(request), request.jsonBody())))))));
    }

    /** The caller as the item knows them: their groups and roles (their sharing of job templates follows from those). */
    private Actor actor(ApiRequest request) {
        return items.require(request.identity(), itemId(request), Role.ANY).actor(request.identity());
    }

    private static String itemId(ApiRequest request) {
        return request.pathParameter("itemId");
    }

    private static Integer version(ApiRequest request) {
        return request.queryParameter("version").map(text -> {
            try {
                int version = Integer.parseInt(text);
                if (version < 1) {
                    throw new NumberFormatException();
                }
                return version;
            } catch (NumberFormatException e) {
                throw Refusal.invalid("Query parameter 'version' must be a positive whole number", "version");
            }
        }).orElse(null);
    }

}
