package dev.wfm.jobs.actions;

import dev.wfm.jobs.Actor;
import dev.wfm.jobs.CurrentStep;
import dev.wfm.jobs.Decision;
import dev.wfm.jobs.DiagramCatalog;
import dev.wfm.jobs.Job;
import dev.wfm.jobs.JobUnitOfWork;
import dev.wfm.jobs.OwedCalls;
import dev.wfm.jobs.Rejection;
import dev.wfm.jobs.StepStatus;
import dev.wfm.jobs.commands.AssignStep;
import dev.wfm.jobs.commands.ClaimStep;
import dev.wfm.jobs.commands.FinishStep;
import dev.wfm.jobs.commands.GiveBackStep;
import dev.wfm.jobs.commands.Guard;
import dev.wfm.jobs.commands.Guards;
import dev.wfm.jobs.commands.HoldStep;
import dev.wfm.jobs.commands.ReleaseHold;
import dev.wfm.jobs.commands.RestartExecution;
import dev.wfm.jobs.commands.RunStep;
import dev.wfm.jobs.commands.SetCurrentStep;
import dev.wfm.jobs.commands.StepCommand;
import dev.wfm.jobs.commands.StopStep;
import dev.wfm.jobs.dependencies.Dependencies;
import dev.wfm.jobs.events.JobEvent;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * {@code POST .../jobs/{jobId}/action}: one command per targeted step (no step ids = every
 * current step), decided together on one read of the job and written together, or refused. Each
 * step's command checks the step as the action found it and changes the job as the commands
 * before it left it; the action is refused when every step's command was.
 */
public final class StepActions {
    private final JobUnitOfWork unitOfWork;
    private final DiagramCatalog diagrams;
    private final Dependencies dependencies;
    private final OwedCalls calls;

    public StepActions(JobUnitOfWork unitOfWork, DiagramCatalog diagrams, Dependencies dependencies, OwedCalls calls) {
        this.calls = calls;
        this.unitOfWork = unitOfWork;
        this.diagrams = diagrams;
        this.dependencies = dependencies;
    }

    public List<StepResponse> act(String itemId, String jobId, Actor actor, ActionRequest request) {
        if (request.type() == ActionType.RefreshStatus) {
            return refresh(itemId, jobId, actor);
        }
        Decision<List<StepResponse>> decision = unitOfWork.run(itemId, jobId, (job, now) -> decide(job, now, actor, request));
        List<StepResponse> responses = decision.answer();
        if (request.type() == ActionType.Finish && decision instanceof Decision.Accepted<List<StepResponse>> accepted) {
            List<String> finished = responses.stream().filter(StepResponse::success).map(StepResponse::stepId).toList();
            if (!finished.isEmpty()) {
                dependencies.releaseDependentsOf(accepted.next(), finished);
            }
        }
        return responses;
    }

    private Decision<List<StepResponse>> decide(Job job, Instant now, Actor actor, ActionRequest request) {
        List<String> targets = request.stepIds().isEmpty()
                ? job.currentSteps().stream().map(CurrentStep::stepId).toList()
                : request.stepIds();
        Optional<Rejection> jobRefusal = Guard.first(List.of(() -> Guards.open(job, ". Reopen it to act on its steps."),
                () -> request.type() == ActionType.Assign ? Optional.empty() : Guards.notPaused(job, ". Resume it to act on its steps.")));
        if (jobRefusal.isPresent()) {
            List<String> named = targets.isEmpty() ? List.of("") : targets;
            return Decision.reject(jobRefusal.get(), named.stream()
                    .map(stepId -> StepResponse.refused(stepId, null, jobRefusal.get())).toList());
        }
        if (request.type() == ActionType.SetCurrentStep) {
            String stepId = request.stepIds().get(0);
            Decision<StepStatus> decision = new SetCurrentStep(actor, stepId, diagrams).decide(job, now);
            return answered(decision, job, request, List.of(response(stepId, null, decision)));
        }
        StepCommand command = command(actor, request);
        Job changed = job;
        List<JobEvent> events = new ArrayList<>();
        List<StepResponse> responses = new ArrayList<>();
        for (String stepId : targets) {
            Optional<CurrentStep> step = job.currentStep(stepId);
            if (step.isEmpty()) {
                responses.add(StepResponse.refused(stepId, null, Guards.current(job, stepId, diagrams).orElseThrow()));
                continue;
            }
            Decision<StepStatus> decision = command.decide(changed, step.get(), now);
            if (decision instanceof Decision.Accepted<StepStatus> accepted) {
                changed = accepted.next();
                events.addAll(accepted.events());
            }
            responses.add(response(stepId, step.get().status(), decision));
        }
        return answered(Decision.accept(changed, events, null), job, request, responses);
    }

    /**
     * The action's decision: the steps' changes with the responses, unless every step was refused;
     * then the first refusal is the action's (none when the job has no current step at all).
     */
    private static Decision<List<StepResponse>> answered(Decision<?> changes, Job job, ActionRequest request,
                                                          List<StepResponse> responses) {
        if (responses.stream().noneMatch(StepResponse::success)) {
            StepResponse first = responses.isEmpty() ? null : responses.get(0);
            Rejection rejection = first == null
                    ? Rejection.conflict("NO_CURRENT_STEP", "Job '" + job.jobId() + "' has no current step to " + request.type() + ".")
                    : new Rejection(first.code(), first.kind(), first.message());
            return Decision.reject(rejection, responses);
        }
        Decision.Accepted<?> accepted = (Decision.Accepted<?>) changes;
        return Decision.accept(accepted.next(), accepted.events(), responses);
    }

    private static StepResponse response(String stepId, StepStatus before, Decision<StepStatus> decision) {
        if (decision instanceof Decision.Rejected<StepStatus> rejected) {
            return StepResponse.refused(stepId, before == null ? null : before.name(), rejected.reason());
        }
        return StepResponse.done(stepId, decision.answer().name());
    }

    private static StepCommand command(Actor actor, ActionRequest request) {
        return switch (request.type()) {
            case Run -> new RunStep(actor);
            case Finish -> new FinishStep(actor, request.returnCode(), request.comment());
            case Stop -> new StopStep(actor);
            case Hold -> new HoldStep(actor, request.scheduledRelease(), request.comment());
            case ReleaseHold -> new ReleaseHold(actor, request.comment());
            case Assign -> new AssignStep(actor, request.assignment(), request.comment());
            case Claim -> new ClaimStep(actor);
            case GiveBack -> new GiveBackStep(actor);
            case SetCurrentStep, RefreshStatus -> throw new IllegalArgumentException(request.type() + " is not a step command");
        };
    }

    /**
     * Re-syncs the job with its execution: makes the calls it still owes; then, if the execution
     * has ended (failed, aborted, timed out, gone) while the job is open and running, a new
     * execution enters its steps ({@link RestartExecution}).
     */
    private List<StepResponse> refresh(String itemId, String jobId, Actor actor) {
        Job settled = unitOfWork.settle(unitOfWork.load(itemId, jobId));
        Job job = settled;
        if (!settled.closed() && !settled.paused() && !settled.owesCalls()) {
            String status = calls.executionStatus(settled.executionArn());
            if (!status.equals("RUNNING") && !status.equals("SUCCEEDED")) {
                job = unitOfWork.run(itemId, jobId, new RestartExecution(actor, settled.executionArn(), status)).answer();
            }
        }
        return job.currentSteps().stream().map(step -> StepResponse.done(step.stepId(), step.status().name())).toList();
    }
}
