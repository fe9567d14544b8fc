package dev.wfm.handlers;

import dev.wfm.common.Json;
import dev.wfm.common.Settings;
import dev.wfm.expressions.ExpressionEvaluator;
import dev.wfm.expressions.WebRequestEvaluator;
import dev.wfm.http.ApiResponse;
import dev.wfm.http.HttpFunction;
import dev.wfm.http.Route;
import dev.wfm.logs.ServerLogs;
import dev.wfm.store.AwsClients;
import java.time.Clock;
import java.util.HashMap;
import java.util.Map;

/**
 * The configuration API function: health, workflow items, diagrams, templates, lookups, property
 * tables, lookup tables, schedules and tasks, notification rules, business calendars, trying expressions, and the server logs.
 */
public final class ConfigApiHandler extends HttpFunction {
    public ConfigApiHandler() {
        super(routes(Services.get()));
    }

    private static Map<String, Route> routes(Services services) {
        Map<String, Route> routes = new HashMap<>(new ItemRoutes(services.items, services.itemDeletion).routes());
        routes.putAll(new ConfigRoutes(services.items, services.diagrams, services.templates, services.lookups,
                services.propertyTables, services.transfer).routes());
        routes.put("GET /health", request -> ApiResponse.ok(Json.object().put("status", "ok")));
        routes.putAll(new ScheduleRoutes(services.items, services.scheduling).routes());
        routes.putAll(new CalendarRoutes(services.items, services.calendars).routes());
        routes.putAll(new LookupTableRoutes(services.items, services.lookupTables).routes());
        routes.putAll(new NotificationRoutes(services.items, services.notifications).routes());
        routes.putAll(new EvaluationRoutes(services.items, new ExpressionEvaluator(services.jobs),
                new WebRequestEvaluator(services.jobs, services.outbound, services.secretHeaders)).routes());
        routes.putAll(new LogRoutes(services.items, new ServerLogs(AwsClients::logs, Settings.optional("LOG_GROUP_NAME", null)),
                Clock.systemUTC()).routes());
        return routes;
    }
}
