package dev.wfm.handlers;

import dev.wfm.common.Json;
import dev.wfm.common.Settings;
import dev.wfm.http.ApiResponse;
import dev.wfm.http.HttpFunction;
import dev.wfm.http.Route;
import dev.wfm.items.ItemRoutes;
import dev.wfm.items.ItemService;
import dev.wfm.items.ItemStore;
import dev.wfm.store.Table;
import java.time.Clock;
import java.util.HashMap;
import java.util.Map;

/** The configuration API function: health, workflow items and (later) the item's configuration. */
public final class ConfigApiHandler extends HttpFunction {
    public ConfigApiHandler() {
        super(routes(Table.fromEnvironment()));
    }

    private static Map<String, Route> routes(Table table) {
        var items = new ItemService(new ItemStore(table), Settings.optional("SYSTEM_ADMIN_GROUP", "admins"), Clock.systemUTC());
        Map<String, Route> routes = new HashMap<>(new ItemRoutes(items).routes());
        routes.put("GET /health", request -> ApiResponse.ok(Json.object().put("status", "ok")));
        return routes;
    }
}
