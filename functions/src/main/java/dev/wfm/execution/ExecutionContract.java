package dev.wfm.execution;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * The contract between the state machines the compiler generates ({@code diagrams.AslCompiler},
 * one per published diagram version) and the functions that run jobs ({@code jobs.runtime}): what
 * an execution starts with, what it asks the functions, and how a task token it waits on is
 * answered. Both sides build and read these shapes here, by these field names.
 *
 * <h2>Execution</h2>
 *
 * Input ({@link ExecutionInput}): {@code {"itemId", "jobId", "job": {...}, "resumeAt"?,
 * "resumeAlso"?, "resumeFailed"?}}, where {@code job} holds the job properties that conditions use
 * and the resume fields say where to enter. The machine assigns {@code $itemId} and {@code $jobId}
 * from it and enters at the resume set, else at the diagram's start step. A resume set naming no
 * step of the version ends the execution in the Fail state "Unknown resume step" (error
 * {@value #UNKNOWN_RESUME_STEP}) rather than silently starting the job over; the runtime checks the
 * ids before starting. An execution that reaches an end step succeeds with output
 * {@code {"endStepId", "job"}}.
 *
 * <p>Every payload to the functions also carries {@code "executionArn"}: the runtime ignores a
 * call from an execution that is no longer the job's (one stopped by a restart while it ran a
 * step), so a dead task token never takes the place of a live one. Machines compiled before send
 * none; their calls are taken as the job's. Every payload carries {@code "answered"} too: the
 * receipts of the answers that brought the execution to the state (see Receipts, below).
 *
 * <h2>Resuming</h2>
 *
 * An execution can be entered at any set of steps that can be current together: one step, or
 * steps of different branches of one parallel block. The set is {@code resumeAt} (a step id, or an
 * array) with {@code resumeAlso} (an array); {@code resumeFailed} (an array) names the steps of the
 * set that had failed and wait for a person's decision: each is entered at its decision (error
 * {@value #STEP_RESUMED}), not run again. Either way the runtime gets a new task token for a step
 * it already shows as current, and keeps the step as it was. Machines compiled before resume sets
 * compare {@code resumeAt} with each step id as one string (an array matches nothing), ignore
 * {@code resumeAlso} and {@code resumeFailed}, and run a failed step again: so the first step of a
 * set goes in {@code resumeAt}, a string, and the others in {@code resumeAlso}; such a machine
 * resumes at that first step, as it always did.
 *
 * <h2>Activation function ({@link Activation})</h2>
 *
 * <ul>
 *   <li>{@code manual}, {@code question}: a {@code lambda:invoke.waitForTaskToken} task with payload
 *       {@code {"action": "activate", "itemId", "jobId", "stepId", "executionArn", "autoRun": true?,
 *       "taskToken"}} ({@link Activation.Activate}). The runtime makes the step current and keeps
 *       the token ({@link TokenKind#STEP}); a step it shows as current already (written when the
 *       job was created, or kept across a restart) takes the token and keeps its state, and an
 *       answer given before the token came is sent at once. Finishing the step answers the token
 *       with {@link StepDone} {@code {"returnCode"?, "job"}}. {@code autoRun} appears only when the
 *       step starts by itself. These tokens are only ever answered with success: a human step has
 *       no failure path.
 *   <li>Decisions, "&lt;step&gt; failed" and "&lt;step&gt; matched no path": a waitForTaskToken
 *       task with payload {@code {"action": "failed", "itemId", "jobId", "stepId", "executionArn",
 *       "error": {"Error", "Cause"}, "taskToken"}} ({@link Activation.Failed}). The error is the
 *       automated step's, or {@value #NO_MATCHING_PATH} when no path out matched. The runtime shows
 *       the step as Failed ({@link TokenKind#DECISION}); a person's decision answers the token
 *       ({@link Decided}): {@code {"decision": "retry", "job"}} runs the step again,
 *       {@code {"decision": "skip", "returnCode"?, "job"}} routes on as if the step had finished
 *       with that return code. A failure never silently ends the job.
 *   <li>End step: a plain {@code lambda:invoke} with payload {@code {"action": "complete",
 *       "itemId", "jobId", "stepId", "executionArn"}} ({@link Activation.Complete}), then a
 *       Succeed state: the job is complete.
 * </ul>
 *
 * <h2>Worker function ({@link Work})</h2>
 *
 * <ul>
 *   <li>{@code webRequest}, and {@code createJob} without {@code waitForClose}: a plain
 *       {@code lambda:invoke} with payload {@code {"action": "work", "itemId", "jobId", "stepId",
 *       "executionArn", "job"}} (a {@code webRequest} adds {@code "attempt"}: 1, then 2... as its
 *       retry policy retries it); the function returns {@link WorkResult} {@code {"returnCode",
 *       "result", "job"}} (read from {@code $states.result.Payload}). Keep {@code result} small: it
 *       travels in the state data (256 KiB limit). The runtime shows the step as current (Working,
 *       waiting on no token) from the moment the worker starts it until it records the outcome in
 *       the job's history, with the step done, or the execution reports its failure
 *       ({@code failed}); a retry keeps it as it is. So a restart while it runs (pause and resume,
 *       upgrade, RefreshStatus) keeps the step, and the new execution, entering it at its task,
 *       runs it again: automated steps run at least once, not exactly once. An outcome that reaches
 *       a job no longer running the execution that asked (paused, restarted, closed) is not
 *       recorded. A run again is the same visit of the step (its {@code since} is kept): a web
 *       request carries the same {@code Idempotency-Key} header ({@code {jobId}/{stepId}/{since}},
 *       unless the step sets its own), the same on every attempt of its retry policy, and a
 *       createJob step finds the child it created. A step reached again (a loop, a person's retry)
 *       is a new visit.
 *   <li>{@code wait}, and {@code createJob} with {@code waitForClose}: the same payload plus
 *       {@code "taskToken"}, on {@code lambda:invoke.waitForTaskToken}. The function records the
 *       token ({@link TokenKind#WAIT}, {@link TokenKind#CHILD}) and returns at once; the runtime
 *       answers the token with a {@link WorkResult} when the wait is due (the scheduler, which also
 *       honours holds) or the child job closes. A step the job shows already (kept across a
 *       restart) takes the new token and keeps its state: a wait its due time, a createJob step the
 *       child it waits for (the child's link names the step's visit, not a token). A child that
 *       closed while the parent's execution was stopped (paused, closed, being restarted) leaves
 *       its answer for the token of the execution that enters the step next. Not a native Wait
 *       state: that would be invisible to the runtime (no current step, no history), would ignore
 *       holds, and a bad {@code until} would fail the execution where no Catch can help.
 *   <li>Transient Lambda errors are retried on every Lambda task: 1 s, 3 attempts, backoff 2.
 *   <li>A {@code webRequest} that failed in a way that may pass (no answer in time, no connection,
 *       an answer of 5xx or 429) fails with the error {@value #TRANSIENT_STEP_FAILURE}, which the
 *       step's {@code retry} policy retries (maxAttempts counts the first attempt, Step Functions
 *       only the retries). The worker's other failures ({@code dev.wfm.jobs.runtime.StepFailure}: a
 *       4xx answer, a refused address, a template that does not evaluate) are final at once. Their
 *       message is what the user sees. Any worker error not retried, or a {@code SendTaskFailure},
 *       goes to "&lt;step&gt; failed" (above).
 * </ul>
 *
 * <h2>Data between states</h2>
 *
 * A step's task outputs the runtime's answer as is: {@code {"returnCode"?, "result"?, "job",
 * "answered"?}}; the states after it read {@code $states.input}. So every answer, decisions included, must carry the
 * job (its current properties, {@code job.revision} growing with every change), even when nothing
 * changed: it is what later conditions and worker calls see. These are deliberately not workflow
 * variables: Step Functions does not let a state inside a Parallel branch assign a variable
 * declared outside it ("IllegalOuterScopeWrite"), yet a step inside a branch must update the
 * return code and the job; and assigning an expression that evaluates to nothing is an error,
 * while a manual step may finish without a return code. Only {@code $itemId} and {@code $jobId},
 * assigned once at the start, are variables; branches read them.
 *
 * <h2>Receipts</h2>
 *
 * An answer to a task token also carries {@code "answered": [{"stepId", "revision"}]}
 * ({@link Receipt}): the step it answers and the job revision that owed it. The states after it hand
 * the receipts on (a Catch, a branch's end; a Parallel joins its branches'), and every payload to the
 * functions carries the ones its input holds as {@code "answered"} (an empty array when none). A
 * call from the job's execution that carries a receipt proves the answer arrived: the execution
 * could not have moved on otherwise. So the runtime keeps an answer it sent in the job until the
 * execution's next call drops it in that call's own write, rather than spending a second write of
 * its own to clear it; an answer is never dropped before it arrived. Machines compiled before send
 * no receipts: their answers are cleared when sent again finds the token used (the scheduler's
 * next tick, or the job's next change).
 *
 * <p>As sent, a receipt also carries {@code "saved"}: the job's stored document (a JSON string,
 * as the table keeps it) as it stood when the answer was sent, unless it is longer than
 * {@value #SAVED_LIMIT} characters. The call the answer leads to decides first on the newest job
 * the receipts carry ({@link Receipt#savedJobs}) instead of reading it: the answer was sent
 * right after the write, so the job is usually still that one, and when another change came
 * between, the call's conditional write fails and it decides again on the job as read. The
 * stored answer (the job's owed call) carries no {@code saved}: the job never holds a copy of
 * itself.
 *
 * <p>A start is sent the same way: its input carries {@code "answered"} with one receipt that names
 * no step, {@code {"revision", "saved"}}, the start the job owed at that revision, so the
 * execution's first call (a new job's first activation) decides on the job as the start was sent.
 * Having no step, it is no answer's receipt ({@link Receipt#carried} leaves it out); what a call
 * from the execution proves of its start, it proves by coming at all.
 */
public final class ExecutionContract {
    public static final String ITEM_ID = "itemId";
    public static final String JOB_ID = "jobId";
    public static final String STEP_ID = "stepId";
    /** The job's properties, as the conditions of paths see them ({@code $job}). */
    public static final String JOB = "job";
    /** Of the job's properties, the revision: the newest of parallel branches' jobs has the highest. */
    public static final String JOB_REVISION = "revision";
    public static final String ACTION = "action";
    public static final String EXECUTION_ARN = "executionArn";
    public static final String TASK_TOKEN = "taskToken";
    public static final String AUTO_RUN = "autoRun";
    public static final String ATTEMPT = "attempt";
    public static final String ERROR = "error";
    public static final String RETURN_CODE = "returnCode";
    public static final String RESULT = "result";
    public static final String DECISION = "decision";
    public static final String RESUME_AT = "resumeAt";
    public static final String RESUME_ALSO = "resumeAlso";
    public static final String RESUME_FAILED = "resumeFailed";
    /** The receipts of the answers that brought the execution to a state ({@link Receipt}). */
    public static final String ANSWERED = "answered";
    /** Of a receipt as sent, the job's stored document then (see Receipts). */
    public static final String SAVED = "saved";
    /**
     * The longest stored job document a receipt carries: far below the 256 KiB of an execution's
     * state data, which the receipts of a parallel block's branches share with the job's properties.
     */
    public static final int SAVED_LIMIT = 32 * 1024;
    /** The output of an execution that reached an end step: {@code {"endStepId", "job"}}. */
    public static final String END_STEP_ID = "endStepId";
    /** A Step Functions error's name and cause, as a Catch hands them on and a decision's payload carries them. */
    public static final String ERROR_NAME = "Error";
    public static final String ERROR_CAUSE = "Cause";

    /** No path out of a step matched: a person decides. */
    public static final String NO_MATCHING_PATH = "NoMatchingPath";
    /** A failed step entered at its decision by a restarted execution. */
    public static final String STEP_RESUMED = "StepResumed";
    /** A resume set that names no step of the version. */
    public static final String UNKNOWN_RESUME_STEP = "UnknownResumeStep";
    /** The worker's failure that may pass when tried again: its Java class name is the Lambda error name. */
    public static final String TRANSIENT_STEP_FAILURE = "dev.wfm.jobs.runtime.TransientStepFailure";

    private static final JsonNodeFactory JSON = JsonNodeFactory.instance;

    private ExecutionContract() {}

    /** What a payload asks a function to do. */
    public enum Action {
        ACTIVATE("activate"), FAILED("failed"), COMPLETE("complete"), WORK("work");

        private final String json;

        Action(String json) {
            this.json = json;
        }

        public String json() {
            return json;
        }

        static Action of(String json) {
            return Arrays.stream(values()).filter(action -> action.json.equals(json)).findFirst()
                    .orElseThrow(() -> new IllegalArgumentException("Unknown activation action '" + json + "'"));
        }
    }

    /**
     * The kind of task token a step waits on, which says what answering it means; jobs store these
     * names. A step the worker is running waits on no token, and has no kind.
     */
    public enum TokenKind {
        /** A person's step: answered {@link StepDone} when it is finished. */
        STEP("step"),
        /** A failed step: answered {@link Decided}, retry or skip. */
        DECISION("decision"),
        /** A wait step: answered {@link WorkResult} when it is due. */
        WAIT("wait"),
        /** A createJob step waiting for its child: answered {@link WorkResult} when the child closes. */
        CHILD("child");

        private final String json;

        TokenKind(String json) {
            this.json = json;
        }

        @JsonValue
        public String json() {
            return json;
        }

        @JsonCreator
        public static TokenKind of(String json) {
            return Arrays.stream(values()).filter(kind -> kind.json.equals(json)).findFirst()
                    .orElseThrow(() -> new IllegalArgumentException("Unknown token kind '" + json + "'"));
        }
    }

    /** A person's decision on a failed step. */
    public enum Choice {
        RETRY("retry"), SKIP("skip");

        private final String json;

        Choice(String json) {
            this.json = json;
        }

        public String json() {
            return json;
        }
    }

    /** The input an execution starts with: the job, and where to enter (the steps of {@code enter}, failed ones at their decision). */
    public record ExecutionInput(String itemId, String jobId, JsonNode job, List<String> enter, List<String> failed) {
        public ExecutionInput {
            enter = List.copyOf(enter);
            failed = List.copyOf(failed);
        }

        public ObjectNode toJson() {
            ObjectNode input = JSON.objectNode().put(ITEM_ID, itemId).put(JOB_ID, jobId);
            input.set(JOB, job);
            if (!enter.isEmpty()) {
                input.put(RESUME_AT, enter.get(0));
            }
            if (enter.size() > 1) {
                enter.subList(1, enter.size()).forEach(input.putArray(RESUME_ALSO)::add);
            }
            if (!failed.isEmpty()) {
                failed.forEach(input.putArray(RESUME_FAILED)::add);
            }
            return input;
        }
    }

    /** What an execution asks the activation function. */
    public sealed interface Activation {
        String itemId();

        String jobId();

        String stepId();

        /** The calling execution; null from machines compiled before it was sent. */
        String executionArn();

        /** A person's step becomes current and waits on {@code taskToken}; {@code autoRun}: it starts by itself. */
        record Activate(String itemId, String jobId, String stepId, String executionArn, String taskToken, boolean autoRun)
                implements Activation {}

        /** An automated step failed (or a step matched no path) with {@code error} ({@code {Error, Cause}}): a person decides. */
        record Failed(String itemId, String jobId, String stepId, String executionArn, String taskToken, JsonNode error)
                implements Activation {}

        /** The job reached end step {@code stepId}. */
        record Complete(String itemId, String jobId, String stepId, String executionArn) implements Activation {}

        /** The payload read; an action that is not the activation function's is refused. */
        static Activation read(JsonNode payload) {
            String itemId = payload.path(ITEM_ID).asText();
            String jobId = payload.path(JOB_ID).asText();
            String stepId = payload.path(STEP_ID).asText();
            String executionArn = payload.path(EXECUTION_ARN).asText(null);
            return switch (Action.of(payload.path(ACTION).asText())) {
                case ACTIVATE -> new Activate(itemId, jobId, stepId, executionArn, payload.path(TASK_TOKEN).asText(),
                        payload.path(AUTO_RUN).asBoolean(false));
                case FAILED -> new Failed(itemId, jobId, stepId, executionArn, payload.path(TASK_TOKEN).asText(), payload.path(ERROR));
                case COMPLETE -> new Complete(itemId, jobId, stepId, executionArn);
                case WORK -> throw new IllegalArgumentException("Unknown activation action 'work'");
            };
        }
    }

    /**
     * What an execution ({@code executionArn}, null from machines compiled before it was sent)
     * asks the worker: run automated step {@code stepId} on {@code job} (null when the payload
     * carried none), try {@code attempt}; {@code taskToken} when the step finishes later (a wait, a
     * child job waited for), else null.
     */
    public record Work(String itemId, String jobId, String stepId, String executionArn, JsonNode job, int attempt, String taskToken) {
        public static Work read(JsonNode payload) {
            return new Work(payload.path(ITEM_ID).asText(), payload.path(JOB_ID).asText(), payload.path(STEP_ID).asText(),
                    payload.path(EXECUTION_ARN).asText(null), payload.has(JOB) ? payload.get(JOB) : null, payload.path(ATTEMPT).asInt(1),
                    payload.hasNonNull(TASK_TOKEN) ? payload.path(TASK_TOKEN).asText() : null);
        }
    }

    /** An answer's receipt: the answer to step {@code stepId} that the job owed at {@code revision}. */
    public record Receipt(String stepId, long revision) {
        public ObjectNode toJson() {
            return JSON.objectNode().put(STEP_ID, stepId).put(JOB_REVISION, revision);
        }

        /** The answers' receipts a payload (or an answer) carries; none from machines compiled before receipts. */
        public static List<Receipt> carried(JsonNode payload) {
            List<Receipt> receipts = new ArrayList<>();
            for (JsonNode receipt : payload.path(ANSWERED)) {
                if (receipt.path(STEP_ID).isTextual()) {
                    receipts.add(new Receipt(receipt.path(STEP_ID).asText(), receipt.path(JOB_REVISION).asLong()));
                }
            }
            return List.copyOf(receipts);
        }

        /**
         * A start's {@code input} as sent: with the receipt of the start the job owed at
         * {@code revision}, which carries {@code savedJob}, the job's stored document then, unless
         * that is longer than {@link #SAVED_LIMIT} (then the input is sent as it is).
         */
        public static JsonNode startedWith(JsonNode input, long revision, String savedJob) {
            if (savedJob.length() > SAVED_LIMIT || !(input instanceof ObjectNode fields)) {
                return input;
            }
            ObjectNode sent = fields.deepCopy();
            sent.putArray(ANSWERED).addObject().put(JOB_REVISION, revision).put(SAVED, savedJob);
            return sent;
        }

        /** {@code answer} (a task answer's JSON) with this receipt: what the token is answered with. */
        public ObjectNode on(ObjectNode answer) {
            answer.putArray(ANSWERED).add(toJson());
            return answer;
        }

        /**
         * {@code answer} as sent: each of its receipts with {@code savedJob}, the job's stored
         * document now ({@link #SAVED}), unless that is longer than {@link #SAVED_LIMIT}.
         */
        public static JsonNode sentWith(JsonNode answer, String savedJob) {
            if (!answer.path(ANSWERED).isArray() || answer.path(ANSWERED).isEmpty() || savedJob.length() > SAVED_LIMIT) {
                return answer;
            }
            ObjectNode sent = answer.deepCopy();
            sent.get(ANSWERED).forEach(receipt -> {
                if (receipt instanceof ObjectNode fields) {
                    fields.put(SAVED, savedJob);
                }
            });
            return sent;
        }

        /**
         * The stored job documents a payload's receipts carry ({@link #SAVED}): after a parallel
         * block, each branch's answer carries the job as it was when that answer was sent.
         */
        public static List<String> savedJobs(JsonNode payload) {
            List<String> saved = new ArrayList<>();
            payload.path(ANSWERED).forEach(receipt -> {
                if (receipt.path(SAVED).isTextual()) {
                    saved.add(receipt.path(SAVED).asText());
                }
            });
            return List.copyOf(saved);
        }
    }

    /** How a step's task (its token, or a plain invocation's answer) is answered: each carries the job. */
    public sealed interface TaskAnswer {
        JsonNode job();

        ObjectNode toJson();
    }

    /** A person's step is done: {@code {"returnCode"?, "job"}}. */
    public record StepDone(String returnCode, JsonNode job) implements TaskAnswer {
        @Override
        public ObjectNode toJson() {
            return answer(JSON.objectNode(), returnCode, null, job);
        }
    }

    /** A person's decision on a failed step: {@code {"decision", "returnCode"?, "job"}} (a return code only to skip). */
    public record Decided(Choice choice, String returnCode, JsonNode job) implements TaskAnswer {
        @Override
        public ObjectNode toJson() {
            return answer(JSON.objectNode().put(DECISION, choice.json()), returnCode, null, job);
        }
    }

    /** An automated step's outcome: {@code {"returnCode"?, "result"?, "job"}} (a wait that ended has neither). */
    public record WorkResult(String returnCode, JsonNode result, JsonNode job) implements TaskAnswer {
        @Override
        public ObjectNode toJson() {
            return answer(JSON.objectNode(), returnCode, result, job);
        }
    }

    /** {@code answer} with the return code and result it has, then the job. */
    private static ObjectNode answer(ObjectNode answer, String returnCode, JsonNode result, JsonNode job) {
        if (returnCode != null) {
            answer.put(RETURN_CODE, returnCode);
        }
        if (result != null) {
            answer.set(RESULT, result);
        }
        answer.set(JOB, job);
        return answer;
    }
}
