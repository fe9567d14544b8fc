package dev.wfm.jobs;

import java.util.List;

/**
 * A step the job is at. {@code taskToken} is the token its execution waits on; {@code tokenKind}
 * says what answering it means: {@code step} (the step is done), {@code decision} (a failed
 * automated step: retry or skip), {@code wait} (an automated step that completes later).
 */
public record CurrentStep(
        String stepId,
        String stepName,
        String stepType,
        StepStatus status,
        String assignedType,
        String assignedTo,
        String taskToken,
        String tokenKind,
        String since,
        String started,
        StepStatus statusBeforeHold,
        List<String> answers,
        String error,
        String dueAt) {

    public CurrentStep withStatus(StepStatus newStatus, String startedAt) {
        return new CurrentStep(stepId, stepName, stepType, newStatus, assignedType, assignedTo, taskToken, tokenKind,
                since, startedAt, statusBeforeHold, answers, error, dueAt);
    }

    public CurrentStep held() {
        return new CurrentStep(stepId, stepName, stepType, StepStatus.Held, assignedType, assignedTo, taskToken, tokenKind,
                since, started, status, answers, error, dueAt);
    }

    public CurrentStep released() {
        StepStatus restored = statusBeforeHold == null ? StepStatus.Ready : statusBeforeHold;
        return new CurrentStep(stepId, stepName, stepType, restored, assignedType, assignedTo, taskToken, tokenKind,
                since, started, null, answers, error, dueAt);
    }

    public CurrentStep assigned(String type, String to) {
        return new CurrentStep(stepId, stepName, stepType, status, type, to, taskToken, tokenKind,
                since, started, statusBeforeHold, answers, error, dueAt);
    }

    public boolean automated() {
        return "webRequest".equals(stepType) || "wait".equals(stepType) || "createJob".equals(stepType);
    }
}
