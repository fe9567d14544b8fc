package dev.wfm.jobs;

import dev.wfm.diagrams.Step;
import dev.wfm.execution.ExecutionContract.TokenKind;
import java.util.List;

/**
 * A step the job is at. {@code taskToken} is the token its execution waits on, none until the
 * execution has entered the step (right after the job was created, or its execution restarted);
 * {@code tokenKind} says what answering it means (see {@link TokenKind}); an automated step the
 * worker is running ({@link #running()}) waits on no token. {@code since}, when it became current,
 * names the visit: it is kept while the step stays current (across restarts too), so a step run
 * again after a restart is the same visit, and one reached again through a loop a new one.
 * {@code claimedFrom} is the group a worker claimed the step from (it is assigned to that worker
 * now, and giving it back returns it to the group); null when the step was not claimed.
 */
public record CurrentStep(
        String stepId,
        String stepName,
        String stepType,
        StepStatus status,
        String assignedType,
        String assignedTo,
        String taskToken,
        TokenKind tokenKind,
        String since,
        String started,
        StepStatus statusBeforeHold,
        List<String> answers,
        String error,
        String dueAt,
        String claimedFrom) {

    /** A step known by its id only: how closed jobs kept their steps before steps were kept whole. */
    public CurrentStep(String stepId) {
        this(stepId, null, null, null, null, null, null, null, null, null, null, null, null, null, null);
    }

    /**
     * Step {@code step} of the diagram as it becomes current for a person: Ready, assigned as the
     * diagram says (else as the job is), with a question's answers; no token until its execution
     * enters it.
     */
    public static CurrentStep ready(Step step, Job job, String now) {
        boolean ownAssignment = step.info().assignedType() != null;
        return new CurrentStep(step.id(), step.name(), step.type().json(), StepStatus.Ready,
                ownAssignment ? step.info().assignedType().json() : job.assignedType(),
                ownAssignment ? step.info().assignedTo() : job.assignedTo(), null, TokenKind.STEP, now, null, null, answers(step),
                null, null, null);
    }

    /**
     * Automated step {@code step} as it failed with {@code error}: Failed, assigned as the job is,
     * waiting on {@code token} for a person's decision.
     */
    public static CurrentStep failed(Step step, Job job, String token, String now, String error) {
        return new CurrentStep(step.id(), step.name(), step.type().json(), StepStatus.Failed, job.assignedType(), job.assignedTo(),
                token, TokenKind.DECISION, now, null, null, null, error, null, null);
    }

    /**
     * Automated step {@code step} while it works on its own, until its {@code token} is answered:
     * a wait (due at {@code dueAt}), or a child job waited for (no due time); or, of no kind and
     * with no token, while the worker runs it.
     */
    public static CurrentStep working(Step step, Job job, TokenKind kind, String token, String now, String dueAt) {
        return new CurrentStep(step.id(), step.name(), step.type().json(), StepStatus.Working, job.assignedType(), job.assignedTo(),
                token, kind, now, now, null, null, null, dueAt, null);
    }

    /**
     * Automated step {@code step} as the worker starts running it (a web request in flight, a
     * child job being created): Working, assigned as the job is, waiting on no token; its outcome,
     * written by the worker, or its failure, told by the execution, ends it.
     */
    public static CurrentStep running(Step step, Job job, String now) {
        return working(step, job, null, null, now, null);
    }

    /** Whether the worker is running it ({@link #running(Step, Job, String)}): then only its outcome or its failure ends it. */
    public boolean running() {
        return automated() && status == StepStatus.Working && tokenKind == null;
    }

    /** This step, the same visit, waiting from now on {@code token} of {@code kind} (a child job, once created). */
    public CurrentStep waitingOn(TokenKind kind, String token) {
        return new CurrentStep(stepId, stepName, stepType, status, assignedType, assignedTo, token, kind,
                since, started, statusBeforeHold, answers, error, dueAt, claimedFrom);
    }

    /** A question's answers; null for other steps. */
    private static List<String> answers(Step step) {
        return step instanceof Step.Question question ? question.answers().stream().map(Step.Answer::value).toList() : null;
    }

    /** Known by its id only (see {@link #CurrentStep(String)}): its type, name and status are to be read from the diagram. */
    public boolean idOnly() {
        return status == null;
    }

    /** The same step as {@code step}, of another version of the diagram, says: its name, type and answers; the rest kept. */
    public CurrentStep as(Step step) {
        return new CurrentStep(stepId, step.name(), step.type().json(), status, assignedType, assignedTo, taskToken, tokenKind,
                since, started, statusBeforeHold, answers(step), error, dueAt, claimedFrom);
    }

    public CurrentStep withToken(String token) {
        return new CurrentStep(stepId, stepName, stepType, status, assignedType, assignedTo, token, tokenKind,
                since, started, statusBeforeHold, answers, error, dueAt, claimedFrom);
    }

    public CurrentStep withStatus(StepStatus newStatus, String startedAt) {
        return new CurrentStep(stepId, stepName, stepType, newStatus, assignedType, assignedTo, taskToken, tokenKind,
                since, startedAt, statusBeforeHold, answers, error, dueAt, claimedFrom);
    }

    public CurrentStep held() {
        return new CurrentStep(stepId, stepName, stepType, StepStatus.Held, assignedType, assignedTo, taskToken, tokenKind,
                since, started, status, answers, error, dueAt, claimedFrom);
    }

    public CurrentStep released() {
        StepStatus restored = statusBeforeHold == null ? StepStatus.Ready : statusBeforeHold;
        return new CurrentStep(stepId, stepName, stepType, restored, assignedType, assignedTo, taskToken, tokenKind,
                since, started, null, answers, error, dueAt, claimedFrom);
    }

    /** Assigned to someone else by a manager: whoever had claimed it no longer holds a claim on it. */
    public CurrentStep assigned(String type, String to) {
        return new CurrentStep(stepId, stepName, stepType, status, type, to, taskToken, tokenKind,
                since, started, statusBeforeHold, answers, error, dueAt, null);
    }

    /** Claimed by {@code user} from the group it is assigned to: theirs now, remembering the group. */
    public CurrentStep claimed(String user) {
        return new CurrentStep(stepId, stepName, stepType, status, "User", user, taskToken, tokenKind,
                since, started, statusBeforeHold, answers, error, dueAt, assignedTo);
    }

    /** Given back by the user who claimed it: the group's again. */
    public CurrentStep givenBack() {
        return new CurrentStep(stepId, stepName, stepType, status, "Group", claimedFrom, taskToken, tokenKind,
                since, started, statusBeforeHold, answers, error, dueAt, null);
    }

    public boolean automated() {
        return "webRequest".equals(stepType) || "wait".equals(stepType) || "createJob".equals(stepType);
    }
}
