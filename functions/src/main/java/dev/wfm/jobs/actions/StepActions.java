package dev.wfm.jobs.actions;

import dev.wfm.diagrams.StepType;
import dev.wfm.jobs.Actor;
import dev.wfm.jobs.Change;
import dev.wfm.jobs.CurrentStep;
import dev.wfm.jobs.Dependencies;
import dev.wfm.jobs.DiagramCatalog;
import dev.wfm.jobs.HistoryEntry;
import dev.wfm.jobs.Job;
import dev.wfm.jobs.JobRunner;
import dev.wfm.jobs.OwedCalls;
import dev.wfm.jobs.Rejection;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * {@code POST .../jobs/{jobId}/action}: one command per targeted step (no step ids = every
 * current step), decided together on one read of the job and written together, or refused.
 */
public final class StepActions {
    private final JobRunner runner;
    private final DiagramCatalog diagrams;
    private final Dependencies dependencies;
    private final OwedCalls calls;

    public StepActions(JobRunner runner, DiagramCatalog diagrams, Dependencies dependencies, OwedCalls calls) {
        this.calls = calls;
        this.runner = runner;
        this.diagrams = diagrams;
        this.dependencies = dependencies;
    }

    public List<StepResponse> act(String itemId, String jobId, Actor actor, ActionRequest request) {
        if (request.type() == ActionType.RefreshStatus) {
            return refresh(itemId, jobId, actor);
        }
        List<StepResponse> responses = runner.run(itemId, jobId, job -> decide(job, actor, request)).answer();
        if (request.type() == ActionType.Finish) {
            List<String> finished = responses.stream().filter(StepResponse::success).map(StepResponse::stepId).toList();
            if (!finished.isEmpty()) {
                dependencies.releaseDependentsOf(itemId, jobId, finished);
            }
        }
        return responses;
    }

    private Change<List<StepResponse>> decide(Job job, Actor actor, ActionRequest request) {
        Instant now = runner.clock().instant();
        List<String> targets = request.stepIds().isEmpty()
                ? job.currentSteps().stream().map(CurrentStep::stepId).toList()
                : request.stepIds();
        Optional<Rejection> jobRefusal = jobGuards(job, request);
        if (jobRefusal.isPresent()) {
            List<String> named = targets.isEmpty() ? List.of("") : targets;
            return Change.reject(jobRefusal.get(), named.stream()
                    .map(stepId -> StepResponse.refused(stepId, null, jobRefusal.get())).toList());
        }
        List<HistoryEntry> history = new ArrayList<>();
        List<StepResponse> responses = new ArrayList<>();
        Job changed = job.with(builder -> {
            if (request.type() == ActionType.SetCurrentStep) {
                responses.add(setCurrentStep(job, builder, actor, request, now, history));
                return builder;
            }
            StepCommands commands = new StepCommands(job, builder, actor, now, history);
            for (String stepId : targets) {
                Optional<CurrentStep> step = job.currentStep(stepId);
                responses.add(step.isPresent() ? commands.apply(request, step.get()) : notCurrent(job, stepId));
            }
            return builder;
        });
        if (responses.stream().noneMatch(StepResponse::success)) {
            StepResponse first = responses.isEmpty() ? null : responses.get(0);
            Rejection rejection = first == null
                    ? Rejection.conflict("NO_CURRENT_STEP", "Job '" + job.jobId() + "' has no current step to " + request.type() + ".")
                    : new Rejection(first.code(), first.kind(), first.message());
            return Change.reject(rejection, responses);
        }
        return Change.accept(changed, history, responses);
    }

    private Optional<Rejection> jobGuards(Job job, ActionRequest request) {
        if (job.closed()) {
            return Optional.of(Rejection.conflict("JOB_CLOSED", "Job '" + job.jobId() + "' is closed. Reopen it to act on its steps."));
        }
        if (job.paused() && request.type() != ActionType.Assign) {
            return Optional.of(Rejection.conflict("JOB_PAUSED", "Job '" + job.jobId() + "' is paused. Resume it to act on its steps."));
        }
        return Optional.empty();
    }

    private StepResponse setCurrentStep(Job job, Job.Builder builder, Actor actor, ActionRequest request, Instant now,
                                        List<HistoryEntry> history) {
        String stepId = request.stepIds().get(0);
        Optional<Rejection> refused = Guards.manages(actor, "Setting the current step");
        if (refused.isPresent()) {
            return StepResponse.refused(stepId, null, refused.get());
        }
        var step = diagrams.step(job, stepId);
        if (step.isEmpty()) {
            return StepResponse.refused(stepId, null, Rejection.notFound("UNKNOWN_STEP",
                    "Diagram '" + job.diagramId() + "' version " + job.diagramVersion() + " has no step '" + stepId + "'."));
        }
        if (step.get().type() == StepType.END) {
            return StepResponse.refused(stepId, null, Rejection.invalid("END_STEP",
                    "Step '" + stepId + "' ends the job; close the job instead of making it current."));
        }
        builder.restartAt(step.get(), job.properties(), now.toString());
        history.add(HistoryEntry.of("CurrentStepSet", stepId, actor.user(), now.toString()));
        return StepResponse.done(stepId, "Ready");
    }

    private StepResponse notCurrent(Job job, String stepId) {
        if (diagrams.step(job, stepId).isEmpty()) {
            return StepResponse.refused(stepId, null, Rejection.notFound("UNKNOWN_STEP",
                    "Diagram '" + job.diagramId() + "' version " + job.diagramVersion() + " has no step '" + stepId + "'."));
        }
        List<String> current = job.currentSteps().stream().map(CurrentStep::stepId).toList();
        return StepResponse.refused(stepId, null, Rejection.conflict("STEP_NOT_CURRENT", "Expected step '" + stepId
                + "' to be current, but the current steps are " + current + ". Use SetCurrentStep to return to it."));
    }

    /**
     * Re-syncs the job with its execution: makes the calls it still owes; then, if the execution
     * has ended (failed, aborted, timed out, gone) while the job is open and running, the tokens
     * of its current steps are dead, so a new execution enters those steps, each kept as it is.
     */
    private List<StepResponse> refresh(String itemId, String jobId, Actor actor) {
        Job settled = runner.settle(runner.load(itemId, jobId));
        Job job = settled;
        if (!settled.closed() && !settled.paused() && !settled.owesCalls()) {
            String status = calls.executionStatus(settled.executionArn());
            if (!status.equals("RUNNING") && !status.equals("SUCCEEDED")) {
                job = runner.run(itemId, jobId, current -> {
                    if (!current.executionArn().equals(settled.executionArn()) || current.closed() || current.paused()) {
                        return Change.none(current);
                    }
                    List<String> at = current.stepsToEnter();
                    Job next = current.with(b -> b.restart(current.properties()));
                    return Change.accept(next, List.of(new HistoryEntry("ExecutionRestarted", at.isEmpty() ? null : at.get(0),
                            actor.user(), runner.clock().instant().toString(), null,
                            dev.wfm.common.Json.object().put("previousExecutionStatus", status))), next);
                }).answer();
            }
        }
        return job.currentSteps().stream().map(step -> StepResponse.done(step.stepId(), step.status().name())).toList();
    }
}
