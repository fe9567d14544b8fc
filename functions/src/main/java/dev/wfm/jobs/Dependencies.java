package dev.wfm.jobs;

import dev.wfm.common.Ids;
import dev.wfm.common.Json;
import dev.wfm.http.ApiException;
import dev.wfm.store.Keys;
import dev.wfm.store.Table;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/**
 * Dependencies of a job's step on another job's step. The dependent job holds the dependency
 * (its Run and Finish check it); the job depended on holds a reverse record
 * {@code JOB#{onJobId}#DEP#{dependencyId}}, so finishing that step finds and releases its
 * dependents by a Query, without scanning jobs.
 */
public final class Dependencies {
    private final JobRunner runner;
    private final DiagramCatalog diagrams;
    private final Table table;

    public Dependencies(JobRunner runner, DiagramCatalog diagrams, Table table) {
        this.runner = runner;
        this.diagrams = diagrams;
        this.table = table;
    }

    public Dependency add(String itemId, String jobId, String stepId, String onJobId, String onStepId, Actor actor) {
        if (jobId.equals(onJobId)) {
            throw ApiException.invalid("A step depends on another job's step; within one job the diagram orders the steps", "dependsOn.jobId");
        }
        Job target = runner.find(itemId, onJobId)
                .orElseThrow(() -> ApiException.invalid("Job '" + onJobId + "' does not exist in this workflow item", "dependsOn.jobId"));
        if (diagrams.step(target, onStepId).isEmpty()) {
            throw ApiException.invalid("Job '" + onJobId + "' has no step '" + onStepId + "'", "dependsOn.stepId");
        }
        String now = runner.clock().instant().toString();
        Dependency dependency = new Dependency(Ids.newId(runner.clock().instant()), stepId, onJobId, onStepId, now, actor.user());
        Change<Dependency> change = runner.run(itemId, jobId, job -> {
            if (diagrams.step(job, stepId).isEmpty()) {
                throw ApiException.notFound("Job '" + jobId + "' has no step '" + stepId + "'", "stepId");
            }
            Job next = job.with(b -> {
                b.dependencies.add(dependency);
                return b;
            });
            return Change.accept(next, List.of(new HistoryEntry("DependencyAdded", stepId, actor.user(), now, null,
                    Json.object().put("onJobId", onJobId).put("onStepId", onStepId))), dependency);
        });
        Map<String, AttributeValue> reverse = new HashMap<>();
        reverse.put(Keys.PK, Table.s(Keys.item(itemId)));
        reverse.put(Keys.SK, Table.s(reverseKey(onJobId, dependency.dependencyId())));
        reverse.put("dependentJobId", Table.s(jobId));
        reverse.put("onStepId", Table.s(onStepId));
        table.putNew(reverse);
        return change.answer();
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
        deleteReverse(itemId, change.answer().onJobId(), dependencyId);
        return true;
    }

    /** Releases every dependency on the given steps of a job that just finished them. */
    public void releaseDependentsOf(String itemId, String jobId, List<String> finishedStepIds) {
        for (Map<String, AttributeValue> reverse : table.queryPrefix(Keys.item(itemId), "JOB#" + jobId + "#DEP#")) {
            if (!finishedStepIds.contains(reverse.get("onStepId").s())) {
                continue;
            }
            String sk = reverse.get(Keys.SK).s();
            String dependencyId = sk.substring(sk.lastIndexOf('#') + 1);
            String dependent = reverse.get("dependentJobId").s();
            if (runner.find(itemId, dependent).isEmpty() || !release(itemId, dependent, dependencyId, Actor.SYSTEM)) {
                deleteReverse(itemId, jobId, dependencyId);
            }
        }
    }

    private void deleteReverse(String itemId, String onJobId, String dependencyId) {
        table.client().deleteItem(b -> b.tableName(table.name()).key(Map.of(Keys.PK, Table.s(Keys.item(itemId)),
                Keys.SK, Table.s(reverseKey(onJobId, dependencyId)))));
    }

    private static String reverseKey(String onJobId, String dependencyId) {
        return "JOB#" + onJobId + "#DEP#" + dependencyId;
    }
}
