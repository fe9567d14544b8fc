package dev.wfm.handlers;

import dev.wfm.http.HttpFunction;

/** Reads and updates jobs; close, reopen, delete, upgrade, pause, resume; history and comments. */
public final class JobApiHandler extends HttpFunction {
    public JobApiHandler() {
        super(Services.get().jobRoutes.jobRoutes());
    }
}
