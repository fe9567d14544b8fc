package dev.wfm.handlers;

import dev.wfm.http.HttpFunction;

/** Creates jobs from templates and starts their executions. */
public final class JobCreationHandler extends HttpFunction {
    public JobCreationHandler() {
        super(Services.get().jobRoutes.creationRoutes());
    }
}
