package dev.wfm.jobs.commands;

import dev.wfm.config.PublishedDiagram;
import dev.wfm.diagrams.ConcurrentSteps;
import dev.wfm.diagrams.Step;
import dev.wfm.jobs.Actor;
import dev.wfm.jobs.CurrentStep;
import dev.wfm.jobs.Decision;
import dev.wfm.jobs.DiagramCatalog;
import dev.wfm.jobs.Job;
import dev.wfm.jobs.JobCommand;
import dev.wfm.jobs.Rejection;
import dev.wfm.jobs.events.JobEvent.JobUpgraded;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * Moves an open job to the latest version of its diagram, keeping its current steps (status,
 * assignment, holds; name and answers as the new version has them). A job whose steps the new
 * version lacks, has changed between a person's and an automated step, or has in an order that
 * cannot be current together, is left as it is, with a rejection naming the steps. A job at the
 * latest version already is unchanged.
 */
public record UpgradeJob(Actor actor, DiagramCatalog diagrams) implements JobCommand<Void> {
    @Override
    public Decision<Void> decide(Job job, Instant now) {
        Optional<Rejection> closed = Guards.open(job, ".");
        if (closed.isPresent()) {
            return Decision.reject(closed.get(), null);
        }
        PublishedDiagram latest = diagrams.latest(job.itemId(), job.diagramId());
        if (latest.version() == job.diagramVersion()) {
            return Decision.unchanged(null);
        }
        Map<String, Step> steps = latest.diagram().steps().stream().collect(Collectors.toMap(Step::id, Function.identity()));
        Optional<Rejection> refused = Guard.first(guards(job, latest, steps));
        if (refused.isPresent()) {
            return Decision.reject(refused.get(), null);
        }
        Job next = job.with(b -> {
            b.stateMachineArn = latest.stateMachineArn();
            b.diagramVersion = latest.version();
            b.currentSteps.replaceAll(step -> step.as(steps.get(step.stepId())));
            return job.paused() ? b : b.restart(job.properties());
        });
        return Decision.accept(next, List.of(new JobUpgraded(actor.user(), now, job.diagramVersion(), latest.version())), null);
    }

    /** What the job's steps must be in the latest version: there, of the same kind, and able to be current together. */
    private static List<Guard> guards(Job job, PublishedDiagram latest, Map<String, Step> steps) {
        List<String> at = job.stepsToEnter();
        String inVersion = "version " + latest.version() + " of diagram '" + job.diagramId() + "'";
        return List.of(() -> {
            List<String> missing = at.stream().filter(stepId -> !steps.containsKey(stepId)).toList();
            return missing.isEmpty() ? Optional.empty() : Optional.of(Rejection.conflict("STEP_NOT_IN_VERSION", "Job '" + job.jobId()
                    + "' is at " + missing + ", which " + inVersion + " does not have. Set another current step first."));
        }, () -> {
            List<String> changed = job.currentSteps().stream()
                    .filter(step -> steps.get(step.stepId()).type().automated() != step.automated()).map(CurrentStep::stepId).toList();
            return changed.isEmpty() ? Optional.empty() : Optional.of(Rejection.conflict("STEP_CHANGED_IN_VERSION", "Job '"
                    + job.jobId() + "' is at " + changed + ", which " + inVersion + " turns between a person's and an automated step. "
                    + "Set another current step first."));
        }, () -> ConcurrentSteps.problem(latest.diagram(), at).map(apart -> Rejection.conflict("STEPS_APART_IN_VERSION", "Job '"
                + job.jobId() + "' is at " + at + ", which " + inVersion + " cannot have current together: " + apart
                + " Set another current step first.")));
    }
}
