package dev.wfm.handlers;

import dev.wfm.http.HttpFunction;

/** ArcGIS Workflow Manager's REST routes under /{orgId}/{itemId}/..., for that product's existing clients ({@link ArcGisRoutes}). */
public final class ArcGisApiHandler extends HttpFunction {
    public ArcGisApiHandler() {
        super(Services.get().arcGisRoutes.routes());
    }
}
