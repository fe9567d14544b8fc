package dev.wfm.handlers;

import com.fasterxml.jackson.databind.JsonNode;
import dev.wfm.common.Json;
import dev.wfm.common.JsonFields;
import dev.wfm.http.ApiRequest;
import dev.wfm.http.ApiResponse;
import dev.wfm.http.Paging;
import dev.wfm.http.Route;
import dev.wfm.items.ItemService;
import dev.wfm.items.WorkflowItem;
import dev.wfm.search.JobSearch;
import dev.wfm.search.SavedSearches;
import dev.wfm.security.Role;
import java.util.Map;

/** Saved searches: anyone with a role in the item saves, lists, runs and deletes their own or those shared with them. */
public final class SavedSearchRoutes {
    private final ItemService items;
    private final SavedSearches saved;
    private final JobSearch search;

    public SavedSearchRoutes(ItemService items, SavedSearches saved, JobSearch search) {
        this.items = items;
        this.saved = saved;
        this.search = search;
    }

    public Map<String, Route> routes() {
        return Map.of(
                "POST /items/{itemId}/searches", request -> ApiResponse.created(
                        saved.create(member(request).itemId(), request.identity(), request.jsonBody())),
                "GET /items/{itemId}/searches", this::list,
                "GET /items/{itemId}/searches/{searchId}", request -> ApiResponse.ok(
                        saved.get(member(request).itemId(), request.pathParameter("searchId"), request.identity())),
                "DELETE /items/{itemId}/searches/{searchId}", this::delete,
                "POST /items/{itemId}/searches/{searchId}/run", this::run);
    }

    private ApiResponse list(ApiRequest request) {
        return ApiResponse.ok(Paging.array(request, saved.visible(member(request).itemId(), request.identity()),
                search -> search.path("searchId").asText()));
    }

    private ApiResponse delete(ApiRequest request) {
        WorkflowItem item = member(request);
        saved.delete(item.itemId(), request.pathParameter("searchId"), request.identity(),
                item.rolesOf(request.identity()).contains(Role.ADMIN));
        return ApiResponse.noContent();
    }

    private ApiResponse run(ApiRequest request) {
        String itemId = member(request).itemId();
        String body = request.body();
        JsonNode paging = body == null || body.isBlank() ? Json.object() : request.jsonBody();
        JsonFields.refuseUnknown(paging, "", "start", "num", "nextToken", "explain");
        var definition = saved.get(itemId, request.pathParameter("searchId"), request.identity());
        return ApiResponse.ok(SearchRoutes.results(search, itemId, saved.runRequest(itemId, definition, paging)));
    }

    private WorkflowItem member(ApiRequest request) {
        return items.require(request.identity(), request.pathParameter("itemId"), Role.ANY);
    }
}
