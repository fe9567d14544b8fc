package dev.wfm.jobs;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.wfm.diagrams.Step;
import dev.wfm.execution.ExecutionContract.Choice;
import dev.wfm.execution.ExecutionContract.Decided;
import dev.wfm.execution.ExecutionContract.TaskAnswer;
import dev.wfm.execution.ExecutionContract;
import dev.wfm.jobs.events.JobEvent;
import java.time.Instant;
import java.util.EnumMap;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The one place a current step is changed: it becomes current (or is entered again by a new
 * execution, keeping its state), starts and stops, is held and released, assigned, and its task
 * token answered (finished, skipped, retried, its wait or child job over). Each edit moves the
 * step's status only along {@link #ALLOWED}; the commands' guards refuse, with a reason, what a
 * person may not do, so an edit off the table is a defect and throws.
 */
public final class StepTransitions {
    /**
     * The status a current step may go to from each: a step runs and stops, is held from any status
     * but Held and released back to it, fails as an automated step the worker was running (or one
     * that became current as it failed), is retried from Failed, and is done ({@code Finished}, when
     * it leaves the current steps) from any status but Held, except that a child job closing
     * finishes its waiting parent step even on hold.
     */
    public static final Map<StepStatus, Set<StepStatus>> ALLOWED = allowed();

    private StepTransitions() {}

    private static Map<StepStatus, Set<StepStatus>> allowed() {
        Map<StepStatus, Set<StepStatus>> allowed = new EnumMap<>(StepStatus.class);
        allowed.put(StepStatus.Ready, EnumSet.of(StepStatus.Working, StepStatus.Held, StepStatus.Finished));
        allowed.put(StepStatus.Working, EnumSet.of(StepStatus.Ready, StepStatus.Held, StepStatus.Failed, StepStatus.Finished));
        allowed.put(StepStatus.Held, EnumSet.of(StepStatus.Ready, StepStatus.Working, StepStatus.Failed, StepStatus.Finished));
        allowed.put(StepStatus.Failed, EnumSet.of(StepStatus.Working, StepStatus.Held, StepStatus.Finished));
        allowed.put(StepStatus.Finished, EnumSet.noneOf(StepStatus.class));
        allowed.replaceAll((from, to) -> Set.copyOf(to));
        return Map.copyOf(allowed);
    }

    /** Whether a current step may go from {@code from} to {@code to}. */
    public static boolean allowed(StepStatus from, StepStatus to) {
        return ALLOWED.get(from).contains(to);
    }

    /**
     * The execution entered {@code entering}'s step with the token {@code entering} holds. A token
     * the job knows changes nothing (a repeated invocation); a step the job knew takes the token and
     * keeps its state, and an answer given before the token came is sent with it
     * ({@link Job#entered}); otherwise {@code entering} becomes current in place of any step with its
     * id (a step the worker was running goes on as the execution says: failed, or waiting), yielding
     * {@code events}. The answer is the step as current afterwards, null when the token went to an
     * answer.
     */
    public static Decision<CurrentStep> enter(Job job, CurrentStep entering, List<JobEvent> events) {
        String token = entering.taskToken();
        if (job.knowsToken(token)) {
            return Decision.unchanged(job.currentSteps().stream().filter(step -> token.equals(step.taskToken())).findFirst().orElse(null));
        }
        Optional<Job> known = job.entered(entering.stepId(), token, entering.tokenKind());
        if (known.isPresent()) {
            return Decision.accept(known.get(), List.of(), known.get().currentStep(entering.stepId())
                    .filter(step -> token.equals(step.taskToken())).orElse(null));
        }
        job.currentStep(entering.stepId()).filter(step -> step.running() && step.status() != entering.status())
                .ifPresent(step -> moved(step, entering.status()));
        return Decision.accept(job.with(b -> {
            b.removeStep(entering.stepId());
            b.currentSteps.add(entering);
            return b;
        }), events, entering);
    }

    /**
     * The worker starts running automated step {@code step}: it is current from {@code now}
     * ({@link CurrentStep#running}) until its outcome or its failure. A step the job shows already
     * (a retry of the same run, or a step kept across a restart) stays as it is: the same visit.
     * The answer is the step as current.
     */
    public static Decision<CurrentStep> run(Job job, Step step, Instant now) {
        Optional<CurrentStep> current = job.currentStep(step.id());
        if (current.isPresent()) {
            return Decision.unchanged(current.get());
        }
        CurrentStep running = CurrentStep.running(step, job, now.toString());
        return Decision.accept(job.with(b -> {
            b.currentSteps.add(running);
            return b;
        }), List.of(), running);
    }

    /** The worker wrote the outcome of a step it was running: done, it leaves the current steps. */
    public static Job ran(Job job, CurrentStep step) {
        moved(step, StepStatus.Finished);
        return job.with(b -> b.removeStep(step.stepId()));
    }

    /** Run: a Ready step is being worked on from {@code now}. */
    public static Job start(Job job, CurrentStep step, Instant now) {
        return job.with(b -> b.replaceStep(moved(step, StepStatus.Working).withStatus(StepStatus.Working, now.toString())));
    }

    /** Stop: a Working step is Ready again. */
    public static Job stop(Job job, CurrentStep step) {
        return job.with(b -> b.replaceStep(moved(step, StepStatus.Ready).withStatus(StepStatus.Ready, null)));
    }

    /** The step is on hold until {@code hold} is released; it keeps the status to go back to. */
    public static Job hold(Job job, CurrentStep step, Hold hold) {
        return job.with(b -> {
            b.replaceStep(moved(step, StepStatus.Held).held());
            b.holds.add(hold);
            return b;
        });
    }

    /** ReleaseHold: the step's holds go, and it is back at the status it had. */
    public static Job release(Job job, CurrentStep step) {
        return job.with(b -> {
            b.replaceStep(released(step));
            b.holds.removeIf(hold -> hold.stepId().equals(step.stepId()));
            return b;
        });
    }

    /** A hold whose scheduled release came goes; its step is back at the status it had unless another hold keeps it. */
    public static Job releaseOnSchedule(Job job, Hold hold) {
        return job.with(b -> {
            b.holds.remove(hold);
            boolean stillHeld = b.holds.stream().anyMatch(other -> other.stepId().equals(hold.stepId()));
            job.currentStep(hold.stepId()).filter(step -> step.status() == StepStatus.Held && !stillHeld)
                    .ifPresent(step -> b.replaceStep(released(step)));
            return b;
        });
    }

    /** A worker claimed the step from the group it is assigned to; its status stays. */
    public static Job claim(Job job, CurrentStep step, String user) {
        return job.with(b -> b.replaceStep(step.claimed(user)));
    }

    /** The worker who claimed the step gave it back to its group; its status stays. */
    public static Job giveBack(Job job, CurrentStep step) {
        return job.with(b -> b.replaceStep(step.givenBack()));
    }

    /** The step is assigned to someone else; its status stays. */
    public static Job assign(Job job, CurrentStep step, String assignedType, String assignedTo) {
        return job.with(b -> b.replaceStep(step.assigned(assignedType, assignedTo)));
    }

    /**
     * The step's task token is answered: the answer is owed to its execution (sent once the job is
     * saved, or as soon as the token comes) and the step leaves the current steps (or the steps a
     * closed job keeps for its reopening), done, or to run again when the answer is the decision to
     * retry it. While the job is paused or closed its execution is stopped and the token dead: the
     * answer waits for the token of the execution that resumes or reopens the job, which enters the
     * step for it.
     */
    public static Job answer(Job job, CurrentStep step, TaskAnswer answer) {
        boolean retry = answer instanceof Decided decided && decided.choice() == Choice.RETRY;
        moved(step, retry ? StepStatus.Working : StepStatus.Finished);
        CurrentStep answered = job.paused() || job.closed() ? step.withToken(null) : step;
        return job.with(b -> {
            b.owedCalls.add(OwedCall.success(answered, answer));
            b.removeStep(step.stepId());
            b.resumeSteps.removeIf(kept -> kept.stepId().equals(step.stepId()));
            return b;
        });
    }

    /**
     * The job's properties as its execution should see them once this change is saved: at the next
     * revision (a join keeps the newest branch's job), as every task answer carries them.
     */
    public static ObjectNode jobAfterChange(Job job) {
        return job.properties().put(ExecutionContract.JOB_REVISION, job.revision() + 1);
    }

    private static CurrentStep released(CurrentStep step) {
        CurrentStep released = step.released();
        moved(step, released.status());
        return released;
    }

    private static CurrentStep moved(CurrentStep step, StepStatus to) {
        if (!allowed(step.status(), to)) {
            throw new IllegalStateException("Step '" + step.stepId() + "' cannot go from " + step.status() + " to " + to);
        }
        return step;
    }
}
