package dev.wfm.handlers;

import dev.wfm.common.Json;
import dev.wfm.config.LookupTables;
import dev.wfm.http.ApiResponse;
import dev.wfm.http.Paging;
import dev.wfm.http.Route;
import dev.wfm.items.ItemService;
import dev.wfm.security.Privilege;
import java.util.Map;

/** The item's own lookup tables (value lists for extended property fields): read by everyone with a role, changed by admins. */
public final class LookupTableRoutes {
    private static final String TABLES = "/items/{itemId}/lookup-tables";
    private static final String TABLE = TABLES + "/{lookupTableName}";

    private final ItemService items;
    private final LookupTables tables;

    public LookupTableRoutes(ItemService items, LookupTables tables) {
        this.items = items;
        this.tables = tables;
    }

    public Map<String, Route> routes() {
        return Map.of(
                "POST " + TABLES, items.allowed(Privilege.MANAGE_LOOKUPS, request -> ApiResponse.created(Json.object().put("name",
                        tables.create(request.pathParameter("itemId"), request.jsonBody())))),
                "GET " + TABLES, items.reader(request -> ApiResponse.ok(Paging.listed(request, "lookupTables",
                        tables.list(request.pathParameter("itemId")), table -> table.path("name").asText()))),
                "GET " + TABLE, items.reader(request -> ApiResponse.ok(
                        tables.get(request.pathParameter("itemId"), request.pathParameter("lookupTableName")))),
                "PUT " + TABLE, items.allowed(Privilege.MANAGE_LOOKUPS, request -> ApiResponse.ok(
                        tables.replace(request.pathParameter("itemId"), request.pathParameter("lookupTableName"), request.jsonBody()))),
                "DELETE " + TABLE, items.allowed(Privilege.MANAGE_LOOKUPS, request -> {
                    tables.delete(request.pathParameter("itemId"), request.pathParameter("lookupTableName"));
                    return ApiResponse.noContent();
                }));
    }
}
