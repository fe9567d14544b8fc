package dev.wfm.jobs;

import dev.wfm.common.Ids;
import dev.wfm.common.Json;
import dev.wfm.common.Refusal;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Predicate;

/**
 * Dependencies of a job's step on another job's step. The dependent job holds the dependency
 * (its Run and Finish check it); the job depended on holds a reverse record
 * {@code JOB#{onJobId}#DEP#{dependencyId}}, so finishing that step finds and releases its
 * dependents by a Query, without scanning jobs. A dependency is refused when it could never be
 * released: on a job that does not exist or is closed, on a step not in its diagram, on a step
 * that has finished already, or when it would close a cycle of waits ({@link DependencyCycles}).
 * Deleting a job releases the dependencies on it.
 */
public final class Dependencies {
    private final JobRunner runner;
    private final DiagramCatalog diagrams;
    private final JobRepository store;
    private final DependencyCycles cycles;

    public Dependencies(JobRunner runner, DiagramCatalog diagrams, JobRepository store) {
        this.runner = runner;
        this.diagrams = diagrams;
        this.store = store;
        this.cycles = new DependencyCycles(store, diagrams);
    }

    /**
     * Adds the dependency, decided on the dependent job, the job depended on and every job the
     * cycle search read, and written only while none of them has changed. The reverse record is
     * written first: one left behind by a refusal or a crash names no dependency and is dropped
     * when the step it names finishes.
     */
    public Dependency add(String itemId, String jobId, String stepId, String onJobId, String onStepId, Actor actor) {
        if (jobId.equals(onJobId)) {
            throw Refusal.invalid("A step depends on another job's step; within one job the diagram orders the steps", "dependsOn.jobId");
        }
        String now = runner.clock().instant().toString();
        Dependency dependency = new Dependency(Ids.newId(runner.clock().instant()), stepId, onJobId, onStepId, now, actor.user());
        store.addDependent(itemId, onJobId, new JobRepository.Dependent(dependency.dependencyId(), jobId, onStepId));
        try {
            return runner.run(itemId, jobId, job -> {
                if (diagrams.step(job, stepId).isEmpty()) {
                    throw Refusal.notFound("Job '" + jobId + "' has no step '" + stepId + "'", "stepId");
                }
                Job target = waitable(itemId, onJobId, onStepId);
                DependencyCycles.Search search = cycles.search(job, stepId, target, onStepId);
                search.cycle().ifPresent(cycle -> {
                    throw new Refusal(Refusal.Kind.CONFLICT, "Expected the dependency to leave a way out, but it would close a cycle: "
                            + String.join("; ", cycle) + ". No step in it could ever run. Release one of those dependencies first.",
                            "dependsOn", cycle.stream().map(wait -> new Refusal.Detail("DEPENDENCY_CYCLE", wait, jobId)).toList(), Map.of());
                });
                Job next = job.with(b -> {
                    b.dependencies.add(dependency);
                    return b;
                });
                return Change.accept(next, List.of(new HistoryEntry("DependencyAdded", stepId, actor.user(), now, null,
                        Json.object().put("onJobId", onJobId).put("onStepId", onStepId))), dependency).whileOthersAt(search.read());
            }).answer();
        } catch (RuntimeException refused) {
            store.removeDependent(itemId, onJobId, dependency.dependencyId());
            throw refused;
        }
    }

    /** The job depended on, if its step can still finish: the job exists and is open, the step is in its diagram and has not finished. */
    private Job waitable(String itemId, String onJobId, String onStepId) {
        Job target = runner.find(itemId, onJobId)
                .orElseThrow(() -> Refusal.invalid("Job '" + onJobId + "' does not exist in this workflow item", "dependsOn.jobId"));
        if (diagrams.step(target, onStepId).isEmpty()) {
            throw Refusal.invalid("Job '" + onJobId + "' has no step '" + onStepId + "'", "dependsOn.stepId");
        }
        if (target.closed()) {
            throw Refusal.conflict("Job '" + onJobId + "' is closed, so its step '" + onStepId + "' will not finish; "
                    + "reopen it before making a step wait for it", "dependsOn.jobId");
        }
        boolean ahead = target.currentStep(onStepId).isPresent() || target.resumeSteps().contains(onStepId);
        if (!ahead) {
            finished(itemId, onJobId, onStepId).ifPresent(entry -> {
                throw Refusal.conflict("Step '" + onStepId + "' of job '" + onJobId + "' finished already (" + entry.date()
                        + "), so there is nothing left to wait for; no dependency was added", "dependsOn.stepId");
            });
        }
        return target;
    }

    private Optional<HistoryEntry> finished(String itemId, String jobId, String stepId) {
        return store.history(itemId, jobId).stream()
                .filter(entry -> stepId.equals(entry.stepId()) && List.of("StepFinished", "StepSkipped").contains(entry.action()))
                .reduce((first, last) -> last);
    }

    /** Releases a dependency; answers whether there was one to release. */
    public boolean release(String itemId, String jobId, String dependencyId, Actor actor) {
        Change<Dependency> change = runner.run(itemId, jobId, job -> {
            var found = job.dependencies().stream().filter(d -> d.dependencyId().equals(dependencyId)).findFirst();
            if (found.isEmpty()) {
                return Change.none(null);
            }
            Dependency released = found.get();
            Job next = job.with(b -> {
                b.dependencies.removeIf(d -> d.dependencyId().equals(dependencyId));
                return b;
            });
            return Change.accept(next, List.of(new HistoryEntry("DependencyReleased", released.stepId(), actor.user(),
                    runner.clock().instant().toString(), null,
                    Json.object().put("onJobId", released.onJobId()).put("onStepId", released.onStepId()))), released);
        });
        if (change.answer() == null) {
            return false;
        }
        store.removeDependent(itemId, change.answer().onJobId(), dependencyId);
        return true;
    }

    /** Releases every dependency on the given steps of a job that just finished them. */
    public void releaseDependentsOf(String itemId, String jobId, List<String> finishedStepIds) {
        releaseDependents(itemId, jobId, finishedStepIds::contains);
    }

    /** Before a job is deleted: the dependencies on any of its steps are released, since none of them will finish. */
    public void releaseDependentsOfDeleted(String itemId, String jobId) {
        releaseDependents(itemId, jobId, stepId -> true);
    }

    private void releaseDependents(String itemId, String jobId, Predicate<String> released) {
        for (JobRepository.Dependent dependent : store.dependentsOf(itemId, jobId)) {
            if (released.test(dependent.onStepId())) {
                String dependencyId = dependent.dependencyId();
                if (runner.find(itemId, dependent.dependentJobId()).isEmpty()
                        || !release(itemId, dependent.dependentJobId(), dependencyId, Actor.SYSTEM)) {
                    store.removeDependent(itemId, jobId, dependencyId);
                }
            }
        }
    }
}
