package dev.wfm.jobs.commands;

import dev.wfm.common.Refusal;
import dev.wfm.jobs.Actor;
import dev.wfm.jobs.Decision;
import dev.wfm.jobs.Dependency;
import dev.wfm.jobs.DependencyCycles;
import dev.wfm.jobs.DiagramCatalog;
import dev.wfm.jobs.Job;
import dev.wfm.jobs.JobCommand;
import dev.wfm.jobs.JobRepository;
import dev.wfm.jobs.events.HistoryEntry;
import dev.wfm.jobs.events.JobEvent.DependencyAdded;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Adds {@code dependency} to the job, decided on it, the job depended on and every job the cycle
 * search read, and written only while none of them has changed. It is refused, as a request's
 * mistake (a {@link Refusal}, naming the field), when it could never be released: on a step the
 * job's diagram lacks, on a job that does not exist or is closed, on a step not in its diagram or
 * finished already, or when it would close a cycle of waits ({@link DependencyCycles}). The answer
 * is the dependency.
 */
public record AddDependency(Actor actor, Dependency dependency, JobRepository jobs, DiagramCatalog diagrams, DependencyCycles cycles)
        implements JobCommand<Dependency> {
    @Override
    public Decision<Dependency> decide(Job job, Instant now) {
        String stepId = dependency.stepId();
        if (diagrams.step(job, stepId).isEmpty()) {
            throw Refusal.notFound("Job '" + job.jobId() + "' has no step '" + stepId + "'", "stepId");
        }
        Job target = waitable(job.itemId(), dependency.onJobId(), dependency.onStepId());
        DependencyCycles.Search search = cycles.search(job, stepId, target, dependency.onStepId());
        search.cycle().ifPresent(cycle -> {
            throw new Refusal(Refusal.Kind.CONFLICT, "Expected the dependency to leave a way out, but it would close a cycle: "
                    + String.join("; ", cycle) + ". No step in it could ever run. Release one of those dependencies first.",
                    "dependsOn", cycle.stream().map(wait -> new Refusal.Detail("DEPENDENCY_CYCLE", wait, job.jobId())).toList(), Map.of());
        });
        Job next = job.with(b -> {
            b.dependencies.add(dependency);
            return b;
        });
        return Decision.accept(next, List.of(new DependencyAdded(stepId, actor.user(), Instant.parse(dependency.created()),
                dependency.onJobId(), dependency.onStepId())), dependency).whileOthersAt(search.read());
    }

    /** The job depended on, if its step can still finish: the job exists and is open, the step is in its diagram and has not finished. */
    private Job waitable(String itemId, String onJobId, String onStepId) {
        Job target = jobs.find(itemId, onJobId)
                .orElseThrow(() -> Refusal.invalid("Job '" + onJobId + "' does not exist in this workflow item", "dependsOn.jobId"));
        if (diagrams.step(target, onStepId).isEmpty()) {
            throw Refusal.invalid("Job '" + onJobId + "' has no step '" + onStepId + "'", "dependsOn.stepId");
        }
        if (target.closed()) {
            throw Refusal.conflict("Job '" + onJobId + "' is closed, so its step '" + onStepId + "' will not finish; "
                    + "reopen it before making a step wait for it", "dependsOn.jobId");
        }
        if (target.currentStep(onStepId).isEmpty()) {
            finished(itemId, onJobId, onStepId).ifPresent(entry -> {
                throw Refusal.conflict("Step '" + onStepId + "' of job '" + onJobId + "' finished already (" + entry.date()
                        + "), so there is nothing left to wait for; no dependency was added", "dependsOn.stepId");
            });
        }
        return target;
    }

    private Optional<HistoryEntry> finished(String itemId, String jobId, String stepId) {
        return jobs.history(itemId, jobId).stream()
                .filter(entry -> stepId.equals(entry.stepId()) && List.of("StepFinished", "StepSkipped").contains(entry.action()))
                .reduce((first, last) -> last);
    }
}
