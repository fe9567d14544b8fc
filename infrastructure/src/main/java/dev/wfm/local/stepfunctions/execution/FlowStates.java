package dev.wfm.local.stepfunctions.execution;

import dev.wfm.local.stepfunctions.definition.Bindings;
import dev.wfm.local.stepfunctions.definition.JsonValues;
import dev.wfm.local.stepfunctions.definition.State;
import dev.wfm.local.stepfunctions.definition.StatesError;
import dev.wfm.local.stepfunctions.definition.Template;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.concurrent.CompletableFuture;

/** Pass, Choice, Succeed, Fail and Wait: the states that call nothing outside the execution. */
final class FlowStates {

    private final StateContext context;

    FlowStates(StateContext context) {
        this.context = context;
    }

    Transition run(State state, Object input, Branch branch) throws StatesError {
        Visit visit = context.enter(state, input, branch);
        Bindings bindings = context.bindings(visit);
        if (state instanceof State.PassState pass) {
            return context.leave(visit, bindings, pass.output(), pass.assign(), input, pass.next());
        }
        if (state instanceof State.ChoiceState choice) {
            return choose(choice, visit, bindings);
        }
        if (state instanceof State.SucceedState succeed) {
            return context.leave(visit, bindings, succeed.output(), null, input, null);
        }
        if (state instanceof State.FailState fail) {
            throw new StatesError(text(fail.error(), bindings, "Error"), text(fail.cause(), bindings, "Cause"));
        }
        throw new IllegalStateException("Not a flow state: " + state);
    }

    /** The first rule whose Condition is true wins; its own Output and Assign, if any, replace the state's. */
    private Transition choose(State.ChoiceState choice, Visit visit, Bindings bindings) throws StatesError {
        for (State.ChoiceRule rule : choice.rules()) {
            Object matched = rule.condition().evaluate(bindings);
            if (!(matched instanceof Boolean)) {
                throw new StatesError(StatesError.QUERY_EVALUATION_ERROR, "The Condition of a rule in state '"
                        + choice.name() + "' must evaluate to a boolean, not " + JsonValues.write(matched));
            }
            if ((Boolean) matched) {
                return context.leave(visit, bindings, rule.output() != null ? rule.output() : choice.output(),
                        rule.assign() != null ? rule.assign() : choice.assign(), visit.input, rule.next());
            }
        }
        if (choice.defaultNext() == null) {
            throw new StatesError(StatesError.NO_CHOICE_MATCHED, "No Matches!");
        }
        return context.leave(visit, bindings, choice.output(), choice.assign(), visit.input, choice.defaultNext());
    }

    private static String text(Template template, Bindings bindings, String field) throws StatesError {
        if (template == null) {
            return null;
        }
        Object value = template.evaluate(bindings);
        if (value != null && !(value instanceof String)) {
            throw new StatesError(StatesError.QUERY_EVALUATION_ERROR, field + " must evaluate to a string");
        }
        return (String) value;
    }

    /**
     * The end time derives from the entered event's recorded time, so a replay after a restart
     * waits only for what is left.
     */
    CompletableFuture<Transition> waitState(State.WaitState wait, Object input, Branch branch) throws StatesError {
        Visit visit = context.enter(wait, input, branch);
        Bindings bindings = context.bindings(visit);
        long until = wait.seconds() != null
                ? visit.enteredMillis + 1000 * wait.seconds().wholeNumber(bindings, "Seconds")
                : timestamp(wait.timestamp().evaluate(bindings));
        return context.sleepUntil(until, branch.cancellation).thenComposeAsync(ignored -> Futures.call(
                () -> context.leave(visit, context.bindings(visit), wait.output(), wait.assign(), input, wait.next())),
                context.steps());
    }

    private static long timestamp(Object value) throws StatesError {
        if (value instanceof String text) {
            try {
                return OffsetDateTime.parse(text).toInstant().toEpochMilli();
            } catch (DateTimeParseException e) {
                // reported below
            }
        }
        throw new StatesError(StatesError.QUERY_EVALUATION_ERROR,
                "Timestamp must be an ISO-8601 date-time such as 2016-03-14T01:59:00Z, not " + JsonValues.write(value));
    }
}
