package dev.wfm.diagrams;

import static dev.wfm.execution.ExecutionContract.ATTEMPT;
import static dev.wfm.execution.ExecutionContract.AUTO_RUN;
import static dev.wfm.execution.ExecutionContract.DECISION;
import static dev.wfm.execution.ExecutionContract.END_STEP_ID;
import static dev.wfm.execution.ExecutionContract.ERROR;
import static dev.wfm.execution.ExecutionContract.ERROR_CAUSE;
import static dev.wfm.execution.ExecutionContract.ERROR_NAME;
import static dev.wfm.execution.ExecutionContract.JOB;
import static dev.wfm.execution.ExecutionContract.NO_MATCHING_PATH;
import static dev.wfm.execution.ExecutionContract.RETURN_CODE;
import static dev.wfm.execution.ExecutionContract.TRANSIENT_STEP_FAILURE;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.node.TextNode;
import dev.wfm.execution.ExecutionContract;
import dev.wfm.execution.ExecutionContract.Action;
import dev.wfm.execution.ExecutionContract.Choice;
import java.util.List;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * The states of one step: its Task, then the Choice that routes after it, the states where a
 * person decides when it failed or matched no path, and for an end step the final Succeed. See
 * {@link ExecutionContract} for the contract they implement.
 */
final class StepStates {
    private final Step step;
    private final List<Path> guarded;
    private final List<Path> unguarded;
    private final CompileTargets targets;
    private final StateNames names;
    /** The state that runs a step next in this region (a branch's end for its join). */
    private final Function<Step, String> entry;
    private final Function<String, Step> steps;

    StepStates(Step step, List<Path> out, CompileTargets targets, StateNames names,
            Function<Step, String> entry, Function<String, Step> steps) {
        this.step = step;
        this.guarded = out.stream().filter(Path::guarded).collect(Collectors.toList());
        this.unguarded = out.stream().filter(p -> !p.guarded()).collect(Collectors.toList());
        this.targets = targets;
        this.names = names;
        this.entry = entry;
        this.steps = steps;
    }

    void emit(ObjectNode states) {
        if (step.type() == StepType.END) {
            ObjectNode complete = AslJson.lambdaTask(
                    targets.activationFunctionArn(), AslJson.payload(Action.COMPLETE, step.id()), false);
            complete.putObject("Output").put(END_STEP_ID, step.id()).put(JOB, AslJson.INPUT_JOB);
            states.set(names.task(step), complete.put("Next", names.completed(step)));
            states.set(names.completed(step), AslJson.object().put("Type", "Succeed"));
            return;
        }
        boolean automated = step.type().automated();
        states.set(names.task(step), task().put("Next", route() ? names.route(step) : onward()));
        if (route()) {
            states.set(names.route(step), routeChoice(automated || noMatch()));
        }
        if (automated) {
            states.set(names.failed(step), decision(TextNode.valueOf("{% " + AslJson.input(ERROR) + " %}")));
        }
        if (noMatch()) {
            states.set(names.noMatch(step), decision(AslJson.object()
                    .put(ERROR_NAME, NO_MATCHING_PATH)
                    .put(ERROR_CAUSE, "No path out of step '" + step.id() + "' matches its return code or "
                            + "conditions, and it has no default path.")));
        }
    }

    /** Where a person decides about this step when it failed or matched no path; null when nobody ever does. */
    String decisionState() {
        return step.type().automated() ? names.failed(step) : noMatch() ? names.noMatch(step) : null;
    }

    private ObjectNode task() {
        return switch (step.type()) {
            case MANUAL, QUESTION -> {
                ObjectNode payload = AslJson.payload(Action.ACTIVATE, step.id());
                if (step.info().autoRun()) {
                    payload.put(AUTO_RUN, true);
                }
                yield AslJson.lambdaTask(targets.activationFunctionArn(), payload, true);
            }
            case WEB_REQUEST, WAIT, CREATE_JOB -> {
                ObjectNode payload = AslJson.payload(Action.WORK, step.id()).put(JOB, AslJson.INPUT_JOB);
                if (step.type() == StepType.WEB_REQUEST) {
                    payload.put(ATTEMPT, "{% $states.context.State.RetryCount + 1 %}");
                }
                ObjectNode task = AslJson.lambdaTask(targets.workerFunctionArn(), payload, waitsForToken());
                if (step instanceof Step.WebRequest web && web.retryPolicy().maxAttempts() > 1) {
                    Step.Retry policy = web.retryPolicy();
                    ObjectNode retry = task.withArray("Retry").addObject();
                    retry.putArray("ErrorEquals").add(TRANSIENT_STEP_FAILURE);
                    retry.put("IntervalSeconds", policy.intervalSeconds()).put("MaxAttempts", policy.maxAttempts() - 1)
                            .put("BackoffRate", policy.backoffRate());
                }
                ObjectNode handler = task.putArray("Catch").addObject();
                handler.putArray("ErrorEquals").add("States.ALL");
                AslJson.handOn(handler.putObject("Output")).put(ERROR, "{% $states.errorOutput %}");
                handler.put("Next", names.failed(step));
                yield task;
            }
            case END -> throw new IllegalStateException("end steps have no routing task");
        };
    }

    /** Automated steps that finish later: a wait (when due) and a child job (when it closes). */
    private boolean waitsForToken() {
        return step.type() == StepType.WAIT
                || step.type() == StepType.CREATE_JOB && ((Step.CreateJob) step).waitForClose();
    }

    /**
     * A waitForTaskToken task on the activation function where a person decides: answered
     * {@code {"decision":"retry", "job"}} it runs the step again, otherwise it routes on.
     */
    private ObjectNode decision(JsonNode error) {
        ObjectNode payload = AslJson.payload(Action.FAILED, step.id());
        payload.set(ERROR, error);
        return AslJson.lambdaTask(targets.activationFunctionArn(), payload, true)
                .put("Next", names.route(step));
    }

    private ObjectNode routeChoice(boolean retry) {
        ObjectNode choice = AslJson.choice();
        if (retry) {
            AslJson.rule(choice, AslJson.inputEquals(DECISION, Choice.RETRY.json()), names.task(step));
        }
        for (Path path : guarded) {
            String condition = path.returnCode() != null
                    ? AslJson.inputEquals(RETURN_CODE, path.returnCode())
                    : AslJson.condition(path.condition());
            AslJson.rule(choice, condition, entry.apply(steps.apply(path.to())));
        }
        if (!exhaustive()) {
            choice.put("Default", noMatch() ? names.noMatch(step) : onward());
        }
        return choice;
    }

    /** Where an unguarded step goes on: its single next step, or its parallel branches. */
    private String onward() {
        return unguarded.size() == 1
                ? entry.apply(steps.apply(unguarded.get(0).to()))
                : names.parallel(step);
    }

    private boolean route() {
        return !guarded.isEmpty() || step.type().automated();
    }

    private boolean noMatch() {
        return !guarded.isEmpty() && unguarded.isEmpty() && !exhaustive();
    }

    /**
     * A question whose paths all name answers: the runtime accepts only the question's answers, and
     * the validator made sure each has a path, so no other return code can arrive.
     */
    private boolean exhaustive() {
        return step.type() == StepType.QUESTION && unguarded.isEmpty()
                && guarded.stream().allMatch(p -> p.condition() == null);
    }
}
