package dev.wfm.jobs.actions;

/** The step actions of {@code POST /items/{itemId}/jobs/{jobId}/action}. */
public enum ActionType {
    Run, Finish, Stop, SetCurrentStep, Hold, ReleaseHold, RefreshStatus, Assign, Claim, GiveBack
}
