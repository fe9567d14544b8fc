package dev.wfm.jobs.dependencies;

import dev.wfm.common.Ids;
import dev.wfm.common.Refusal;
import dev.wfm.jobs.Actor;
import dev.wfm.jobs.Dependency;
import dev.wfm.jobs.DependencyCycles;
import dev.wfm.jobs.DiagramCatalog;
import dev.wfm.jobs.JobRepository;
import dev.wfm.jobs.JobUnitOfWork;
import dev.wfm.jobs.commands.AddDependency;
import dev.wfm.jobs.commands.ReleaseDependency;
import java.util.List;
import java.util.function.Predicate;

/**
 * Dependencies of a job's step on another job's step. The dependent job holds the dependency
 * (its Run and Finish check it); the job depended on holds a reverse record (kept by the
 * {@link JobRepository}), so finishing that step finds and releases its dependents by a Query,
 * without scanning jobs. {@link AddDependency} says when one is refused. Deleting a job releases
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
                if (unitOfWork.find(itemId, dependent.dependentJobId()).isEmpty()
                        || !release(itemId, dependent.dependentJobId(), dependencyId, Actor.SYSTEM)) {
                    store.removeDependent(itemId, jobId, dependencyId);
                }
            }
        }
    }
}
