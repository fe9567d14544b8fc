package dev.wfm.handlers;

import dev.wfm.http.HttpFunction;
import dev.wfm.http.Route;
import java.util.HashMap;
import java.util.Map;

/** Reads and updates jobs; close, reopen, delete, upgrade, pause, resume; batch updates; history, comments, location and diagram; saved searches. */
public final class JobApiHandler extends HttpFunction {
    public JobApiHandler() {
        super(routes(Services.get()));
    }

    private static Map<String, Route> routes(Services services) {
        Map<String, Route> routes = new HashMap<>(services.jobRoutes.jobRoutes());
        routes.putAll(services.locationRoutes.routes());
        routes.putAll(services.jobDiagramRoutes.routes());
        routes.putAll(services.savedSearchRoutes.routes());
        routes.putAll(services.batchRoutes.routes());
        return routes;
    }
}
