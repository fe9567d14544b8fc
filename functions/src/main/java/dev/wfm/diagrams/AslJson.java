package dev.wfm.diagrams;

import static dev.wfm.execution.ExecutionContract.ACTION;
import static dev.wfm.execution.ExecutionContract.ANSWERED;
import static dev.wfm.execution.ExecutionContract.EXECUTION_ARN;
import static dev.wfm.execution.ExecutionContract.ITEM_ID;
import static dev.wfm.execution.ExecutionContract.JOB;
import static dev.wfm.execution.ExecutionContract.JOB_ID;
import static dev.wfm.execution.ExecutionContract.JOB_REVISION;
import static dev.wfm.execution.ExecutionContract.RESULT;
import static dev.wfm.execution.ExecutionContract.RESUME_ALSO;
import static dev.wfm.execution.ExecutionContract.RESUME_AT;
import static dev.wfm.execution.ExecutionContract.RESUME_FAILED;
import static dev.wfm.execution.ExecutionContract.RETURN_CODE;
import static dev.wfm.execution.ExecutionContract.STEP_ID;
import static dev.wfm.execution.ExecutionContract.TASK_TOKEN;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.wfm.execution.ExecutionContract;
import dev.wfm.execution.ExecutionContract.Action;
import java.util.List;

/** The pieces of Amazon States Language the compiler repeats; the fields they read and write are {@link ExecutionContract}'s. */
final class AslJson {
    private static final JsonNodeFactory JSON = JsonNodeFactory.instance;
    private static final String INVOKE = "arn:aws:states:::lambda:invoke";
    private static final List<String> TRANSIENT_LAMBDA_ERRORS = List.of(
            "Lambda.ServiceException", "Lambda.AWSLambdaException", "Lambda.SdkClientException",
            "Lambda.TooManyRequestsException");

    /** A plain invocation's answer is the function's return value, inside the Lambda response. */
    static final String INVOKE_RESULT = "{% $states.result.Payload %}";

    static final String INPUT_JOB = "{% " + input(JOB) + " %}";

    /**
     * The receipts the state's input carries, as one array (an array constructor flattens the path's
     * values, and is empty when there are none): handed on, and sent with every payload.
     */
    static final String INPUT_RECEIPTS = "{% [" + input(ANSWERED) + "] %}";

    /** The receipts of all the branches of a Parallel, as one array. */
    static final String BRANCH_RECEIPTS = "{% [$states.result." + ANSWERED + "] %}";

    /**
     * The job after a Parallel: the newest of the branches' jobs by {@code revision} (the job's
     * optimistic revision number, which grows with every change), else the last branch's.
     */
    static final String NEWEST_BRANCH_JOB = "{% ($r := $states.result; "
            + "$newest := $max($r." + JOB + "." + JOB_REVISION + "); $n := $r[" + JOB + "." + JOB_REVISION + " = $newest]; "
            + "$exists($n) ? $n[-1]." + JOB + " : $r[-1]." + JOB + ") %}";

    /**
     * The execution input with its resume set as one array {@code resumeAt} ({@code resumeAt}, a
     * step id or an array, and the array {@code resumeAlso}) and {@code resumeFailed} as an array,
     * both empty when absent, so the dispatches test one shape.
     */
    static final String RESUME_SET = "{% $merge([$states.input, {"
            + "'" + RESUME_AT + "': $append($append([], " + input(RESUME_AT) + "), " + input(RESUME_ALSO) + "), "
            + "'" + RESUME_FAILED + "': $append([], " + input(RESUME_FAILED) + ")}]) %}";

    /** True when the state input carries a resume set: a dispatch sent it here, it was not entered by the flow. */
    static final String RESUMING = "{% $count(" + input(RESUME_AT) + ") > 0 %}";

    private AslJson() {}

    static ObjectNode object() {
        return JSON.objectNode();
    }

    /**
     * A Lambda task whose output is the runtime's answer, which the next states read. With a task
     * token the state waits until the runtime answers the token, and the answer is the state's
     * result as is; without, it is the invocation's return value ({@code .Payload}).
     */
    static ObjectNode lambdaTask(String functionArn, ObjectNode payload, boolean waitForToken) {
        if (waitForToken) {
            payload.put(TASK_TOKEN, "{% $states.context.Task.Token %}");
        }
        ObjectNode task = object().put("Type", "Task")
                .put("Resource", waitForToken ? INVOKE + ".waitForTaskToken" : INVOKE);
        task.putObject("Arguments").put("FunctionName", functionArn).set("Payload", payload);
        ObjectNode retry = task.putArray("Retry").addObject();
        TRANSIENT_LAMBDA_ERRORS.forEach(retry.putArray("ErrorEquals")::add);
        retry.put("IntervalSeconds", 1).put("MaxAttempts", 3).put("BackoffRate", 2);
        if (!waitForToken) {
            task.put("Output", INVOKE_RESULT);
        }
        return task;
    }

    /**
     * The fields every payload starts with; {@code executionArn} tells the runtime which execution
     * calls, and {@code answered} which of its answers arrived.
     */
    static ObjectNode payload(Action action, String stepId) {
        return object().put(ACTION, action.json()).put(ITEM_ID, "{% $" + ITEM_ID + " %}")
                .put(JOB_ID, "{% $" + JOB_ID + " %}").put(STEP_ID, stepId)
                .put(EXECUTION_ARN, "{% $states.context.Execution.Id %}")
                .put(ANSWERED, INPUT_RECEIPTS);
    }

    /** The output of a state that hands the job on as it came in, with the receipts. */
    static ObjectNode handOn(ObjectNode output) {
        return output.put(JOB, INPUT_JOB).put(ANSWERED, INPUT_RECEIPTS);
    }

    /** {@code $states.input.<field>}: a field of the state's input. */
    static String input(String field) {
        return "$states.input." + field;
    }

    static ObjectNode choice() {
        ObjectNode choice = object().put("Type", "Choice");
        choice.putArray("Choices");
        return choice;
    }

    static ObjectNode rule(ObjectNode choice, String condition, String next) {
        return ((ArrayNode) choice.get("Choices")).addObject().put("Condition", condition).put("Next", next);
    }

    /** {@code {% '<value>' in $states.input.<field> %}}: the field (a value or an array) holds the value. */
    static String inputHas(String field, String value) {
        return "{% " + Expressions.literal(value) + " in " + input(field) + " %}";
    }

    /** The field (a value or an array) holds at least one of the values. */
    static String inputHasAny(String field, List<String> values) {
        return "{% $exists(" + input(field) + "[$ in " + list(values) + "]) %}";
    }

    /** {@code {% $states.input.<field> = '<value>' %}}. */
    static String inputEquals(String field, String value) {
        return "{% " + input(field) + " = " + Expressions.literal(value) + " %}";
    }

    private static String list(List<String> values) {
        StringBuilder list = new StringBuilder();
        for (String value : values) {
            list.append(list.length() == 0 ? "" : ",").append(Expressions.literal(value));
        }
        return "[" + list + "]";
    }

    /**
     * A path's condition as a Choice rule. The author wrote it against {@code $returnCode},
     * {@code $job} and {@code $result}; they are bound from the state input for the expression
     * (only those it mentions), and any non-boolean answer counts as false, since a Choice rule
     * must be boolean.
     */
    static String condition(String template) {
        String expression = Expressions.inner(template);
        StringBuilder bound = new StringBuilder("{% (");
        for (String name : List.of(RETURN_CODE, JOB, RESULT)) {
            if (expression.contains("$" + name)) {
                bound.append('$').append(name).append(" := ").append(input(name)).append("; ");
            }
        }
        return bound.append('(').append(expression).append(") ? true : false) %}").toString();
    }
}
