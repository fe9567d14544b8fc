package dev.wfm.handlers;

import dev.wfm.http.HttpFunction;

/** Step actions: Run, Finish, Stop, SetCurrentStep, Hold, ReleaseHold, RefreshStatus, Assign. */
public final class StepActionsHandler extends HttpFunction {
    public StepActionsHandler() {
        super(Services.get().jobRoutes.actionRoutes());
    }
}
