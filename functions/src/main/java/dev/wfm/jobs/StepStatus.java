package dev.wfm.jobs;

/** The status of a job's step, as the contract names them. */
public enum StepStatus {
    /** Current, not started. */
    Ready,
    /** Current and being worked on. */
    Working,
    /** Current, but on hold: nobody may run or finish it until the hold is released. */
    Held,
    /** An automated step that failed; a person retries it (Run) or skips it (Finish). */
    Failed,
    /** Done; finished steps are in the history, not among the current steps. */
    Finished
}
