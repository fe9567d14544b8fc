package dev.wfm.config;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.wfm.common.Json;
import dev.wfm.http.ApiException;
import dev.wfm.http.ApiRequest;
import dev.wfm.http.ApiResponse;
import dev.wfm.http.Route;
import dev.wfm.items.ItemService;
import dev.wfm.security.Role;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;

/**
 * The configuration routes of a workflow item. Anyone with a role in the item reads its
 * configuration; only its admins change it.
 */
public final class ConfigRoutes {
    private static final Set<Role> ANY_ROLE = EnumSet.allOf(Role.class);
    private static final Set<Role> ADMIN = EnumSet.of(Role.ADMIN);

    private final ItemService items;
    private final Diagrams diagrams;
    private final JobTemplates templates;
    private final Lookups lookups;
    private final ExtendedPropertyTables propertyTables;
    private final ConfigTransfer transfer;
    private final java.util.function.BiFunction<String, String, List<String>> jobsOfDiagram;

    public ConfigRoutes(ItemService items, Diagrams diagrams, JobTemplates templates, Lookups lookups,
                        ExtendedPropertyTables propertyTables, ConfigTransfer transfer,
                        java.util.function.BiFunction<String, String, List<String>> jobsOfDiagram) {
        this.jobsOfDiagram = jobsOfDiagram;
        this.items = items;
        this.diagrams = diagrams;
        this.templates = templates;
        this.lookups = lookups;
        this.propertyTables = propertyTables;
        this.transfer = transfer;
    }

    public Map<String, Route> routes() {
        return Map.ofEntries(
                Map.entry("POST /items/{itemId}/diagrams/validate", admin(request -> {
                    ObjectNode answer = Json.object();
                    ArrayNode errors = answer.putArray("errors");
                    diagrams.validate(request.jsonBody()).forEach(problem -> errors.addObject()
                            .put("code", problem.code()).put("message", problem.message()).put("target", problem.target()));
                    return ApiResponse.ok(answer);
                })),
                Map.entry("POST /items/{itemId}/diagrams", admin(request ->
                        ApiResponse.created(diagrams.create(itemId(request), request.jsonBody())))),
                Map.entry("GET /items/{itemId}/diagrams", reader(request ->
                        ApiResponse.ok(wrap("diagrams", diagrams.list(itemId(request)))))),
                Map.entry("GET /items/{itemId}/diagrams/{diagramId}", reader(request ->
                        ApiResponse.ok(diagrams.get(itemId(request), request.pathParameter("diagramId"), version(request))))),
                Map.entry("PUT /items/{itemId}/diagrams/{diagramId}", admin(request ->
                        ApiResponse.ok(diagrams.newVersion(itemId(request), request.pathParameter("diagramId"), request.jsonBody())))),
                Map.entry("DELETE /items/{itemId}/diagrams/{diagramId}", admin(request -> {
                    diagrams.delete(itemId(request), request.pathParameter("diagramId"), templates, jobsOfDiagram);
                    return new ApiResponse(204, null);
                })),
                Map.entry("GET /items/{itemId}/diagrams/{diagramId}/versions", reader(request ->
                        ApiResponse.ok(wrap("versions", diagrams.versions(itemId(request), request.pathParameter("diagramId")))))),
                Map.entry("GET /items/{itemId}/diagrams/{diagramId}/definition", reader(request ->
                        ApiResponse.ok(diagrams.definition(itemId(request), request.pathParameter("diagramId"), version(request))))),

                Map.entry("POST /items/{itemId}/job-templates", admin(request ->
                        ApiResponse.created(Json.object().put("jobTemplateId", templates.create(itemId(request), request.jsonBody()))))),
                Map.entry("GET /items/{itemId}/job-templates", reader(request ->
                        ApiResponse.ok(wrap("jobTemplates", templates.list(itemId(request)))))),
                Map.entry("GET /items/{itemId}/job-templates/{jobTemplateId}", reader(request ->
                        ApiResponse.ok(templates.get(itemId(request), request.pathParameter("jobTemplateId"))))),
                Map.entry("PUT /items/{itemId}/job-templates/{jobTemplateId}", admin(request ->
                        ApiResponse.ok(templates.update(itemId(request), request.pathParameter("jobTemplateId"), request.jsonBody())))),
                Map.entry("DELETE /items/{itemId}/job-templates/{jobTemplateId}", admin(request -> {
                    templates.delete(itemId(request), request.pathParameter("jobTemplateId"));
                    return new ApiResponse(204, null);
                })),

                Map.entry("GET /items/{itemId}/lookups/{lookupName}", reader(request ->
                        ApiResponse.ok(lookups.get(itemId(request), request.pathParameter("lookupName"))))),
                Map.entry("PUT /items/{itemId}/lookups/{lookupName}", admin(request ->
                        ApiResponse.ok(lookups.replace(itemId(request), request.pathParameter("lookupName"), request.jsonBody())))),

                Map.entry("POST /items/{itemId}/extended-property-tables", admin(request ->
                        ApiResponse.created(Json.object().put("name", propertyTables.create(itemId(request), request.jsonBody()))))),
                Map.entry("GET /items/{itemId}/extended-property-tables", reader(request ->
                        ApiResponse.ok(wrap("tables", propertyTables.list(itemId(request)))))),
                Map.entry("GET /items/{itemId}/extended-property-tables/{tableName}", reader(request ->
                        ApiResponse.ok(propertyTables.get(itemId(request), request.pathParameter("tableName"))))),
                Map.entry("PUT /items/{itemId}/extended-property-tables/{tableName}", admin(request ->
                        ApiResponse.ok(propertyTables.update(itemId(request), request.pathParameter("tableName"), request.jsonBody())))),
                Map.entry("DELETE /items/{itemId}/extended-property-tables/{tableName}", admin(request -> {
                    propertyTables.delete(itemId(request), request.pathParameter("tableName"), templates);
                    return new ApiResponse(204, null);
                })),

                Map.entry("GET /items/{itemId}/config", admin(request ->
                        ApiResponse.ok(transfer.export(itemId(request))))),
                Map.entry("POST /items/{itemId}/config/import", admin(request ->
                        ApiResponse.ok(transfer.importInto(itemId(request), request.jsonBody())))));
    }

    private Route reader(Route route) {
        return items.requiring(ANY_ROLE, route);
    }

    private Route admin(Route route) {
        return items.requiring(ADMIN, route);
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
                throw ApiException.invalid("Query parameter 'version' must be a positive whole number", "version");
            }
        }).orElse(null);
    }

    private static ObjectNode wrap(String field, List<ObjectNode> values) {
        ObjectNode answer = Json.object();
        values.forEach(answer.putArray(field)::add);
        return answer;
    }
}
