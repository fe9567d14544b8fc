package dev.wfm.diagrams;

import static dev.wfm.execution.ExecutionContract.ANSWERED;
import static dev.wfm.execution.ExecutionContract.ERROR;
import static dev.wfm.execution.ExecutionContract.ERROR_CAUSE;
import static dev.wfm.execution.ExecutionContract.ERROR_NAME;
import static dev.wfm.execution.ExecutionContract.ITEM_ID;
import static dev.wfm.execution.ExecutionContract.JOB;
import static dev.wfm.execution.ExecutionContract.JOB_ID;
import static dev.wfm.execution.ExecutionContract.RESUME_AT;
import static dev.wfm.execution.ExecutionContract.RESUME_FAILED;
import static dev.wfm.execution.ExecutionContract.STEP_RESUMED;
import static dev.wfm.execution.ExecutionContract.UNKNOWN_RESUME_STEP;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.wfm.execution.ExecutionContract;
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
 * <p>The contract with the functions (the execution's input, the payloads of the activation and
 * worker functions, how task tokens are answered, the data between states) is
 * {@link ExecutionContract}'s; this compiler writes it as ASL. In short: state {@code "Start"}
 * assigns {@code $itemId} and {@code $jobId} and gathers the resume set into one array;
 * {@code "Dispatch"} enters the execution at the resume set, else at the diagram's start step. A
 * person's step is a {@code waitForTaskToken} task on the activation function; an automated step a
 * task on the worker, with its Retry and a Catch to {@code "<step> failed"}, where a person decides;
 * an end step a plain invocation of the activation function, then a Succeed state. Every task's
 * output is the runtime's answer, which the states after it read as {@code $states.input}.
 *
 * <h2>Routing</h2>
 *
 * After a step, a Choice {@code "After <step>"} tries its guarded paths in order: a returnCode
 * path as {@code $states.input.returnCode = 'x'}, a condition as written, inside a JSONata block
 * that binds {@code $returnCode}, {@code $job} and {@code $result} from the state input (so the
 * author's expression sees what the API promises) and treats a non-boolean answer as false. The
 * lone unguarded path is the Choice's Default; a step with one unguarded path and nothing to
 * decide goes there with a plain Next. When no path can match, the Default is
 * {@code "<step> matched no path"} (a person decides) — except for a question whose paths
 * all name answers: the runtime accepts only its answers and each has a path, so that Choice has
 * no Default. Loops are plain transitions back to an earlier state.
 *
 * <h2>Parallel forks</h2>
 *
 * A fork step's task is followed by {@code "Parallel after <fork>"}: one branch per fork target
 * that is not the join, each running until just before the join (see {@link ForkJoinAnalysis}
 * for what is accepted); then the join step runs. Each branch ends with output
 * {@code {"job"}}; the Parallel's output job is the newest of them by the job's
 * {@code revision} (every change increments it, so the branch that changed the job last wins;
 * without revisions, the last branch's job). Branches that finish at the join directly run
 * nothing.
 *
 * <h2>Resuming</h2>
 *
 * An execution can be entered at any set of steps that can be current together
 * ({@link ConcurrentSteps}), nested parallel blocks included; the set and which of its steps had
 * failed come with the execution's input (see {@link ExecutionContract}). A failed step is
 * entered at its decision state ({@code "<step> failed"}, else {@code "<step> matched no path"}),
 * the others at their task.
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
 * <p>Machines compiled before resume sets enter the first step of a set alone and count the
 * sibling branches of the step they enter as finished; publishing the diagram again and upgrading
 * the job makes it resume at every step.
 *
 * <h2>State names</h2>
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
                .put(ITEM_ID, "{% " + AslJson.input(ITEM_ID) + " %}").put(JOB_ID, "{% " + AslJson.input(JOB_ID) + " %}");
        startState.put("Output", AslJson.RESUME_SET).put("Next", dispatch);
        Scope scope = new Scope(null, null);
        ObjectNode dispatchState = resumeDispatch(flow, scope);
        AslJson.rule(dispatchState, AslJson.RESUMING, unknownResume);
        states.set(dispatch, dispatchState.put("Default", names.task(flow.steps().get(0))));
        emit(flow, scope, states);
        states.putObject(unknownResume).put("Type", "Fail").put(ERROR_NAME, UNKNOWN_RESUME_STEP)
                .put(ERROR_CAUSE, RESUME_AT + " names no step of this diagram version.");
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
        parallel.putObject("Output").put(JOB, AslJson.NEWEST_BRANCH_JOB).put(ANSWERED, AslJson.BRANCH_RECEIPTS);
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
            AslJson.handOn(end.putObject("Output"));
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
                ObjectNode output = AslJson.rule(choice, AslJson.inputHas(RESUME_FAILED, step.id()), decision)
                        .putObject("Output").put(JOB, AslJson.INPUT_JOB);
                output.putObject(ERROR).put(ERROR_NAME, STEP_RESUMED)
                        .put(ERROR_CAUSE, "The step had failed when the job's execution was restarted.");
            }
            AslJson.rule(choice, AslJson.inputHas(RESUME_AT, step.id()), names.task(step));
            Region.Fork fork = region.forks().get(step.id());
            if (fork != null) {
                AslJson.rule(choice, AslJson.inputHasAny(RESUME_AT, fork.innerStepIds()),
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
