package dev.wfm.jobs.dependencies;

import dev.wfm.common.Ids;
import dev.wfm.common.Refusal;
import dev.wfm.jobs.Actor;
import dev.wfm.jobs.Dependency;
import dev.wfm.jobs.DependencyCycles;
import dev.wfm.jobs.DiagramCatalog;
import dev.wfm.jobs.Job;
import dev.wfm.jobs.JobRepository;
import dev.wfm.jobs.JobUnitOfWork;
import dev.wfm.jobs.commands.AddDependency;
import dev.wfm.jobs.commands.MarkDependedOn;
import dev.wfm.jobs.commands.ReleaseDependency;
import java.util.List;
import java.util.function.Predicate;

/**
 * Dependencies of a job's step on another job's step. The dependent job holds the dependency
 * (its Run and Finish check it); the job depended on holds a reverse record (kept by the
 * {@link JobRepository}), so finishing that step finds and releases its dependents by a Query,
 * without scanning jobs; a job is marked as depended on first, so one that never was skips it. {@link AddDependency} says when one is refused. Deleting a job releases
 * the dependencies on it.
 */
public final class Dependencies {
    private final JobUnitOfWork unitOfWork;
    private final DiagramCatalog diagrams;
    private final JobRepository store;
    private final DependencyCycles cycles;

    public Dependencies(JobUnitOfWork unitOfWork, DiagramCatalog diagrams, JobRepository store) {
        this.unitOfWork = unitOfWork;
        this.diagrams = diagrams;
        this.store = store;
        this.cycles = new DependencyCycles(store, diagrams);
    }

    /**
     * Adds the dependency. The reverse record is written first: one left behind by a refusal or a
     * crash names no dependency and is dropped when the step it names finishes.
     */
    public Dependency add(String itemId, String jobId, String stepId, String onJobId, String onStepId, Actor actor) {
        if (jobId.equals(onJobId)) {
            throw Refusal.invalid("A step depends on another job's step; within one job the diagram orders the steps", "dependsOn.jobId");
        }
        String now = unitOfWork.clock().instant().toString();
        Dependency dependency = new Dependency(Ids.newId(unitOfWork.clock().instant()), stepId, onJobId, onStepId, now, actor.user());
        if (unitOfWork.find(itemId, onJobId).isPresent()) {
            // before the reverse record: a Finish that misses the mark decided before it, so the dependency sees the step finished
            unitOfWork.run(itemId, onJobId, new MarkDependedOn());
        }
        store.addDependent(itemId, onJobId, new JobRepository.Dependent(dependency.dependencyId(), jobId, onStepId));
        try {
            return unitOfWork.run(itemId, jobId, new AddDependency(actor, dependency, store, diagrams, cycles)).answer();
        } catch (RuntimeException refused) {
            store.removeDependent(itemId, onJobId, dependency.dependencyId());
            throw refused;
        }
    }

    /** Releases a dependency; answers whether there was one to release. */
    public boolean release(String itemId, String jobId, String dependencyId, Actor actor) {
        Dependency released = unitOfWork.run(itemId, jobId, new ReleaseDependency(actor, dependencyId)).answer();
        if (released == null) {
            return false;
        }
        store.removeDependent(itemId, released.onJobId(), dependencyId);
        return true;
    }

    /**
     * Releases every dependency on the given steps of a job that just finished them ({@code job} as
     * saved); a job nothing ever depended on has none to look for.
     */
    public void releaseDependentsOf(Job job, List<String> finishedStepIds) {
        if (!Boolean.FALSE.equals(job.dependedOn())) {
            releaseDependents(job.itemId(), job.jobId(), finishedStepIds::contains);
        }
    }

    /** Before a job is deleted: the dependencies on any of its steps are released, since none of them will finish. */
    public void releaseDependentsOfDeleted(String itemId, String jobId) {
        releaseDependents(itemId, jobId, stepId -> true);
    }

    private void releaseDependents(String itemId, String jobId, Predicate<String> released) {
        for (JobRepository.Dependent dependent : store.dependentsOf(itemId, jobId)) {
            if (released.test(dependent.onStepId())) {
                String dependencyId = dependent.dependencyId();
                if (unitOfWork.find(itemId, dependent.dependentJobId()).isEmpty()
                        || !release(itemId, dependent.dependentJobId(), dependencyId, Actor.SYSTEM)) {
                    store.removeDependent(itemId, jobId, dependencyId);
                }
            }
        }
    }
}
