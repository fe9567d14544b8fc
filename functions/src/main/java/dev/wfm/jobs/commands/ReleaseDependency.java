package dev.wfm.jobs.commands;

import dev.wfm.jobs.Actor;
import dev.wfm.jobs.Decision;
import dev.wfm.jobs.Dependency;
import dev.wfm.jobs.Job;
import dev.wfm.jobs.JobCommand;
import dev.wfm.jobs.events.JobEvent.DependencyReleased;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/** Releases dependency {@code dependencyId} of the job; the answer is the dependency, null when the job has none by that id. */
public record ReleaseDependency(Actor actor, String dependencyId) implements JobCommand<Dependency> {
    @Override
    public Decision<Dependency> decide(Job job, Instant now) {
        Optional<Dependency> found = job.dependencies().stream().filter(d -> d.dependencyId().equals(dependencyId)).findFirst();
        if (found.isEmpty()) {
            return Decision.unchanged(null);
        }
        Dependency released = found.get();
        Job next = job.with(b -> {
            b.dependencies.removeIf(d -> d.dependencyId().equals(dependencyId));
            return b;
        });
        return Decision.accept(next, List.of(new DependencyReleased(released.stepId(), actor.user(), now, released.onJobId(),
                released.onStepId())), released);
    }
}
