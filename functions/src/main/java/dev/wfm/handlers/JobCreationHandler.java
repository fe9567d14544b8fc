package dev.wfm.handlers;

import dev.wfm.http.HttpFunction;

/** Creates jobs from templates (with their location, when given) and starts their executions. */
public final class JobCreationHandler extends HttpFunction {
    public JobCreationHandler() {
        super(Services.get().locationRoutes.withLocations(Services.get().jobRoutes.creationRoutes()));
    }
}
