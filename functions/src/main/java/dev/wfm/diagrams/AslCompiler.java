package dev.wfm.diagrams;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Compiles a valid diagram to an Amazon States Language definition ({@code "QueryLanguage":
 * "JSONata"}), one state machine per published diagram version. The output is deterministic:
 * the same diagram gives byte-identical JSON (states follow the flow, paths keep their order).
 *
 * <h2>Contract with the runtime</h2>
 *
 * <h3>Execution</h3>
 *
 * Input: {@code {"itemId": "...", "jobId": "...", "job": {...}, "resumeAt"?, "resumeAlso"?,
 * "resumeFailed"?}}, where {@code job} holds the job properties that conditions use and the
 * {@code resume} fields say where to enter (see "Resuming" below). State {@code "Start"} assigns
 * the variables {@code $itemId} and {@code $jobId} and gathers the resume set into one array;
 * {@code "Dispatch"} enters the execution at the resume set, else at the diagram's start step. A
 * resume set naming no step of this version ends the execution in the Fail state {@code "Unknown
 * resume step"} (error {@code UnknownResumeStep}) rather than silently starting the job over; the
 * runtime checks the ids before starting. An execution that reaches an end step succeeds with
 * output {@code {"endStepId": "...", "job": {...}}}.
 *
 * <p>Every payload to the functions below also carries {@code "executionArn"}
 * ({@code $states.context.Execution.Id}): the runtime ignores a call from an execution that is no
 * longer the job's (one stopped by a restart while it ran a step), so a dead task token never
 * takes the place of a live one. Machines compiled before send none; their calls are taken as
 * the job's.
 *
 * <h3>Activation function</h3>
 *
 * <ul>
 *   <li>{@code manual}, {@code question}: a {@code lambda:invoke.waitForTaskToken} task with
 *       payload {@code {"action":"activate", "itemId", "jobId", "stepId", "autoRun": true?,
 *       "taskToken"}}. The runtime makes the step current and keeps the token; a step it shows as
 *       current already (written when the job was created, or kept across a restart) takes the
 *       token and keeps its state, and an answer given before the token came is sent at once.
 *       Finishing the step answers the token with {@code SendTaskSuccess} output
 *       {@code {"returnCode": "..."?, "job": {...}}}. {@code autoRun} appears only when the step
 *       starts by itself. These tokens are only ever answered with success: a human step has no
 *       failure path.
 *   <li>Decisions, {@code "<step> failed"} and {@code "<step> matched no path"}: a
 *       waitForTaskToken task with payload {@code {"action":"failed", "itemId", "jobId",
 *       "stepId", "error": {"Error", "Cause"}, "taskToken"}}. The error is the automated step's
 *       error, or {@code NoMatchingPath} when no path out matched. The runtime shows the step as
 *       Failed; a person's decision answers the token: {@code {"decision":"retry", "job": {...}}}
 *       runs the step again, {@code {"decision":"skip", "returnCode": "..."?, "job": {...}}}
 *       routes on as if the step had finished with that return code. A failure never silently
 *       ends the job.
 *   <li>End step: a plain {@code lambda:invoke} with payload {@code {"action":"complete",
 *       "itemId", "jobId", "stepId"}}, then a Succeed state: the job is complete.
 * </ul>
 *
 * <h3>Worker function</h3>
 *
 * <ul>
 *   <li>{@code webRequest}, and {@code createJob} without {@code waitForClose}: a plain
 *       {@code lambda:invoke} with payload {@code {"action":"work", "itemId", "jobId", "stepId",
 *       "job"}} (a {@code webRequest} adds {@code "attempt"}: 1, then 2... as its retry policy
 *       retries it); the function returns {@code {"returnCode": ..., "result": ..., "job": {...}}}
 *       (read from {@code $states.result.Payload}). Keep {@code result} small: it travels in the
 *       state data (256 KiB limit).
 *   <li>{@code wait}, and {@code createJob} with {@code waitForClose}: the same payload plus
 *       {@code "taskToken"}, on {@code lambda:invoke.waitForTaskToken}. The function records the
 *       token and returns at once; the runtime answers the token with the same
 *       {@code {"returnCode", "result", "job"}} when the wait is due (the scheduler, which also
 *       honours holds) or the child job closes. Not a native Wait state: that would be invisible
 *       to the runtime (no current step, no history), would ignore holds, and a bad
 *       {@code until} would fail the execution where no Catch can help.
 *   <li>Transient Lambda errors ({@code Lambda.ServiceException}, {@code AWSLambdaException},
 *       {@code SdkClientException}, {@code TooManyRequestsException}) are retried on every Lambda
 *       task: 1 s, 3 attempts, backoff 2.
 *   <li>A {@code webRequest} that failed in a way that may pass (no answer in time, no
 *       connection, an answer of 5xx or 429) fails with the error
 *       {@code dev.wfm.jobs.runtime.TransientStepFailure}; its task has a second Retry entry for
 *       that error from the step's {@code retry} policy: {@code IntervalSeconds} = intervalSeconds,
 *       {@code BackoffRate} = backoffRate, {@code MaxAttempts} = maxAttempts - 1 (the policy
 *       counts the first attempt, Step Functions only the retries; none for maxAttempts 1). The
 *       worker's other failures ({@code dev.wfm.jobs.runtime.StepFailure}: a 4xx answer, a
 *       refused address, a template that does not evaluate) are final at once. Their message is
 *       what the user sees. Any worker error not retried, or a {@code SendTaskFailure}, goes to
 *       {@code "<step> failed"} (above).
 * </ul>
 *
 * <h3>Data between states</h3>
 *
 * A step's task outputs the runtime's answer as is: {@code {"returnCode"?, "result"?, "job"}};
 * the states after it read {@code $states.input}. So every answer, decisions included, must
 * carry the job (its current properties), even when nothing changed: it is what later conditions
 * and worker calls see. These are deliberately not workflow variables: Step Functions does not let a state inside
 * a Parallel branch assign a variable declared outside it (LocalStack, tested against AWS, fails
 * such a write with "IllegalOuterScopeWrite"), yet a step inside a branch must update the return
 * code and the job; and assigning an expression that evaluates to nothing is an error, while a
 * manual step may finish without a return code. Only {@code $itemId} and {@code $jobId},
 * assigned once at the start, are variables; branches read them.
 *
 * <h3>Routing</h3>
 *
 * After a step, a Choice {@code "After <step>"} tries its guarded paths in order: a returnCode
 * path as {@code $states.input.returnCode = 'x'}, a condition as written, inside a JSONata block
 * that binds {@code $returnCode}, {@code $job} and {@code $result} from the state input (so the
 * author's expression sees what the API promises) and treats a non-boolean answer as false. The
 * lone unguarded path is the Choice's Default; a step with one unguarded path and nothing to
 * decide goes there with a plain Next. When no path can match, the Default is
 * {@code "<step> matched no path"} (a person decides, above) — except for a question whose paths
 * all name answers: the runtime accepts only its answers and each has a path, so that Choice has
 * no Default. Loops are plain transitions back to an earlier state.
 *
 * <h3>Parallel forks</h3>
 *
 * A fork step's task is followed by {@code "Parallel after <fork>"}: one branch per fork target
 * that is not the join, each running until just before the join (see {@link ForkJoinAnalysis}
 * for what is accepted); then the join step runs. Each branch ends with output
 * {@code {"job"}}; the Parallel's output job is the newest of them by the job's
 * {@code revision} (every change increments it, so the branch that changed the job last wins;
 * without revisions, the last branch's job). Branches that finish at the join directly run
 * nothing.
 *
 * <h3>Resuming</h3>
 *
 * An execution can be entered at any set of steps that can be current together
 * ({@link ConcurrentSteps}): one step, or steps of different branches of one parallel block,
 * nested blocks included. The set is {@code resumeAt} (a step id, or an array of them) with
 * {@code resumeAlso} (an array). {@code resumeFailed} (an array) names the steps of the set that
 * had failed and wait for a person's decision: each is entered at its decision state
 * ({@code "<step> failed"}, else {@code "<step> matched no path"}; error {@code StepResumed}),
 * not run again. The others are entered at their task. Either way the runtime gets a new task
 * token for a step it already shows as current, and keeps the step as it was.
 *
 * <p>Dispatch, and the first state of every branch ({@code "Branch to <target>"}), is a Choice
 * with rules per step of its region, in flow order: a step in {@code resumeFailed} goes to its
 * decision, a step in the set to its task, a fork with steps of the set inside to its Parallel.
 * In a Parallel entered so, each branch holding steps of the set goes to them (into a nested
 * Parallel, recursively), and each branch holding none goes straight to its end, as finished:
 * of a fork that steps current together lie in, every branch either has a current step or has
 * reached the join. A Parallel entered by the flow carries no resume set (tasks output only the
 * fields above), so a resume applies exactly once.
 *
 * <p>Machines compiled before resume sets compare {@code resumeAt} with each step id as one
 * string (an array matches no rule and ends in "Unknown resume step"), ignore {@code resumeAlso}
 * and {@code resumeFailed}, count the sibling branches of the step they enter as finished, and
 * run a failed step again. So the runtime sends the first step of a set as {@code resumeAt}, a
 * string, and the others in {@code resumeAlso}: such a machine resumes at that first step, as it
 * always did. Publishing the diagram again and upgrading the job makes it resume at every step.
 *
 * <h3>State names</h3>
 *
 * {@code "<step name> (<step id>)"} for a step's task, plus {@code "After …"},
 * {@code "… failed"}, {@code "… matched no path"}, {@code "Parallel after …"},
 * {@code "Branch to …"}, {@code "End of branch to …"}, {@code "Job complete at …"}; and
 * {@code "Start"}, {@code "Dispatch"}, {@code "Unknown resume step"}. At most 80 characters and
 * unique: see {@link StateNames}.
 */
public final class AslCompiler {
    private static final ObjectMapper MAPPER = new ObjectMapper();

    private final Diagram diagram;
    private final CompileTargets targets;
    private final StateNames names = new StateNames();
    private final String start = names.fixed("Start");
    private final String dispatch = names.fixed("Dispatch");
    private final String unknownResume = names.fixed("Unknown resume step");
    private final Map<String, Step> steps = new LinkedHashMap<>();
    private final Map<String, List<Path>> pathsFrom = new LinkedHashMap<>();

    private AslCompiler(Diagram diagram, CompileTargets targets) {
        this.diagram = diagram;
        this.targets = targets;
        diagram.steps().forEach(step -> steps.put(step.id(), step));
        diagram.paths().forEach(path ->
                pathsFrom.computeIfAbsent(path.from(), from -> new ArrayList<>()).add(path));
    }

    /**
     * The definition, as compact JSON.
     *
     * @throws InvalidDiagramException if {@link DiagramValidator} finds problems
     */
    public static String compile(Diagram diagram, CompileTargets targets) {
        DiagramValidator.Checked checked = DiagramValidator.check(diagram);
        if (!checked.problems().isEmpty()) {
            throw new InvalidDiagramException(checked.problems());
        }
        ObjectNode machine = new AslCompiler(diagram, targets).machine(checked.structure());
        try {
            return MAPPER.writeValueAsString(machine);
        } catch (JsonProcessingException e) {
            throw new UncheckedIOException(e);
        }
    }

    private ObjectNode machine(Region flow) {
        ObjectNode machine = AslJson.object()
                .put("Comment", "Workflow diagram '" + diagram.name() + "'")
                .put("QueryLanguage", "JSONata")
                .put("StartAt", start);
        ObjectNode states = machine.putObject("States");
        ObjectNode startState = states.putObject(start).put("Type", "Pass");
        startState.putObject("Assign")
                .put("itemId", "{% $states.input.itemId %}").put("jobId", "{% $states.input.jobId %}");
        startState.put("Output", AslJson.RESUME_SET).put("Next", dispatch);
        Scope scope = new Scope(null, null);
        ObjectNode dispatchState = resumeDispatch(flow, scope);
        AslJson.rule(dispatchState, AslJson.RESUMING, unknownResume);
        states.set(dispatch, dispatchState.put("Default", names.task(flow.steps().get(0))));
        emit(flow, scope, states);
        states.putObject(unknownResume).put("Type", "Fail").put("Error", "UnknownResumeStep")
                .put("Cause", "resumeAt names no step of this diagram version.");
        return machine;
    }

    /** The states of a region's steps, each fork's Parallel after its step's states. */
    private void emit(Region region, Scope scope, ObjectNode states) {
        for (Step step : region.steps()) {
            states(step, scope).emit(states);
            Region.Fork fork = region.forks().get(step.id());
            if (fork != null) {
                states.set(names.parallel(step), parallel(fork, scope));
            }
        }
    }

    private StepStates states(Step step, Scope scope) {
        return new StepStates(step, pathsFrom.getOrDefault(step.id(), List.of()), targets, names,
                scope::entry, steps::get);
    }

    private ObjectNode parallel(Region.Fork fork, Scope scope) {
        ObjectNode parallel = AslJson.object().put("Type", "Parallel");
        boolean siblings = fork.branches().size() > 1;
        fork.branches().forEach(branch ->
                parallel.withArray("Branches").add(branch(fork, branch, siblings)));
        parallel.putObject("Output").put("job", AslJson.NEWEST_BRANCH_JOB);
        return parallel.put("Next", scope.entry(fork.join()));
    }

    private ObjectNode branch(Region.Fork fork, Region.Branch branch, boolean siblings) {
        Scope scope = new Scope(fork.join(), names.branchEnd(branch.target()));
        ObjectNode states = AslJson.object();
        String first = names.branchStart(branch.target());
        ObjectNode branchDispatch = resumeDispatch(branch.region(), scope);
        states.set(first, branchDispatch);
        if (siblings) {
            // A resume set reached this branch's Parallel only when some of it lies in this fork: none
            // in this branch, so this branch had reached the join and counts as finished.
            AslJson.rule(branchDispatch, AslJson.RESUMING, scope.end());
        }
        branchDispatch.put("Default", names.task(branch.target()));
        emit(branch.region(), scope, states);
        if (scope.endUsed) {
            ObjectNode end = states.putObject(scope.endName).put("Type", "Pass");
            end.putObject("Output").put("job", AslJson.INPUT_JOB);
            end.put("End", true);
        }
        ObjectNode json = AslJson.object().put("StartAt", first);
        json.set("States", states);
        return json;
    }

    /**
     * A Choice with rules per step of the region, in flow order: a failed step of the resume set to
     * its decision, a step of the set to its task, and a fork with steps of the set inside to its
     * Parallel.
     */
    private ObjectNode resumeDispatch(Region region, Scope scope) {
        ObjectNode choice = AslJson.choice();
        for (Step step : region.steps()) {
            String decision = states(step, scope).decisionState();
            if (decision != null) {
                ObjectNode output = AslJson.rule(choice, AslJson.inputHas("resumeFailed", step.id()), decision)
                        .putObject("Output").put("job", AslJson.INPUT_JOB);
                output.putObject("error").put("Error", "StepResumed")
                        .put("Cause", "The step had failed when the job's execution was restarted.");
            }
            AslJson.rule(choice, AslJson.inputHas("resumeAt", step.id()), names.task(step));
            Region.Fork fork = region.forks().get(step.id());
            if (fork != null) {
                AslJson.rule(choice, AslJson.inputHasAny("resumeAt", fork.innerStepIds()),
                        names.parallel(step));
            }
        }
        return choice;
    }

    /** Where a region ends: the whole flow (no exit), or a branch ending before its join. */
    private final class Scope {
        private final Step exit;
        private final String endName;
        private boolean endUsed;

        Scope(Step exit, String endName) {
            this.exit = exit;
            this.endName = endName;
        }

        /** The state to run {@code step} next from inside this region. */
        String entry(Step step) {
            return exit != null && exit.id().equals(step.id()) ? end() : names.task(step);
        }

        String end() {
            endUsed = true;
            return endName;
        }
    }
}
