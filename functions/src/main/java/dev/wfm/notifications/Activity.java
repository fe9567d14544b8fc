package dev.wfm.notifications;

import dev.wfm.jobs.events.JobEvent.CommentAdded;
import dev.wfm.jobs.events.JobEvent.CurrentStepSet;
import dev.wfm.jobs.events.JobEvent.HoldReleasedOnSchedule;
import dev.wfm.jobs.events.JobEvent.JobAssigned;
import dev.wfm.jobs.events.JobEvent.JobClosed;
import dev.wfm.jobs.events.JobEvent.JobCompleted;
import dev.wfm.jobs.events.JobEvent.JobCreated;
import dev.wfm.jobs.events.JobEvent.JobOverdue;
import dev.wfm.jobs.events.JobEvent.StepAssigned;
import dev.wfm.jobs.events.JobEvent.StepBecameCurrent;
import dev.wfm.jobs.events.JobEvent.StepClaimed;
import dev.wfm.jobs.events.JobEvent.StepFinished;
import dev.wfm.jobs.events.JobEvent.StepGivenBack;
import dev.wfm.jobs.events.JobEvent.StepHeld;
import dev.wfm.jobs.events.JobEvent.StepHoldReleased;
import dev.wfm.jobs.events.JobEvent.StepStartedAutomatically;
import dev.wfm.jobs.events.JobEvent.WebRequestFinished;
import dev.wfm.jobs.events.JobEvent;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;

/**
 * What a notification rule is {@code on}: a kind of job activity, named as rules write it. Which
 * events are which activity is decided here, in {@link #of}, and nowhere else.
 */
public enum Activity {
    JOB_CREATED("jobCreated"),
    STEP_BECAME_CURRENT("stepBecameCurrent"),
    STEP_FINISHED("stepFinished"),
    JOB_ASSIGNED("jobAssigned"),
    HOLD_ADDED("holdAdded"),
    HOLD_RELEASED("holdReleased"),
    COMMENT_ADDED("commentAdded"),
    JOB_CLOSED("jobClosed"),
    JOB_OVERDUE("jobOverdue");

    private final String json;

    Activity(String json) {
        this.json = json;
    }

    public String json() {
        return json;
    }

    public static Optional<Activity> fromJson(String name) {
        return Arrays.stream(values()).filter(activity -> activity.json.equals(name)).findFirst();
    }

    public static List<String> names() {
        return Arrays.stream(values()).map(Activity::json).toList();
    }

    /**
     * The activity an event is, if any: a step became current (by its execution, started at once
     * as autoRun, or made current by hand); a step finished (by a person, or a web request
     * answered); the job or a step was assigned; a hold was added or released (by hand or on
     * schedule); a comment was added; the job was closed (by hand, or its execution reached an end
     * step); the job passed its due date.
     */
    public static Optional<Activity> of(JobEvent event) {
        if (event instanceof JobCreated) {
            return Optional.of(JOB_CREATED);
        }
        if (event instanceof StepBecameCurrent || event instanceof StepStartedAutomatically || event instanceof CurrentStepSet) {
            return Optional.of(STEP_BECAME_CURRENT);
        }
        if (event instanceof StepFinished || event instanceof WebRequestFinished) {
            return Optional.of(STEP_FINISHED);
        }
        if (event instanceof JobAssigned || event instanceof StepAssigned || event instanceof StepClaimed
                || event instanceof StepGivenBack) {
            return Optional.of(JOB_ASSIGNED);
        }
        if (event instanceof StepHeld) {
            return Optional.of(HOLD_ADDED);
        }
        if (event instanceof StepHoldReleased || event instanceof HoldReleasedOnSchedule) {
            return Optional.of(HOLD_RELEASED);
        }
        if (event instanceof JobClosed || event instanceof JobCompleted) {
            return Optional.of(JOB_CLOSED);
        }
        if (event instanceof CommentAdded) {
            return Optional.of(COMMENT_ADDED);
        }
        if (event instanceof JobOverdue) {
            return Optional.of(JOB_OVERDUE);
        }
        return Optional.empty();
    }
}
