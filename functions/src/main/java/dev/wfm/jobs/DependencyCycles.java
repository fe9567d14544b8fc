package dev.wfm.jobs;

import dev.wfm.common.Refusal;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Whether a new dependency would close a cycle of waiting steps, which no step in it could ever
 * leave. What waits for what:
 * <ul>
 *   <li>a dependency makes its step wait for the other job's step;</li>
 *   <li>within one job, a step waits for every step the diagram puts before it, those it can be
 *       reached from by paths: it cannot become current until they finish. So a chain of
 *       dependencies that leaves a job at one step and comes back to it at a later step (or the
 *       same) is a cycle too. Two steps of one loop each come before the other: a chain through
 *       them is refused even where the job's position would let it through.</li>
 * </ul>
 * The search follows the dependency records by key: from the step depended on, it reads the jobs
 * the waits lead to (a BatchGetItem per level), never a Scan. It answers the revisions it read,
 * for the new dependency to be written only while none of them changed: of two dependencies
 * added at once that together close a cycle, each reads the job the other is written to, so
 * they cannot both be written.
 */
public final class DependencyCycles {
    /** The most jobs a search reads: each read revision is a condition of the one transaction that adds the dependency. */
    static final int MAX_JOBS = 90;

    /** A step of a job. */
    record Node(String jobId, String stepId) {}

    /** How the search got to a node: from {@code from}, whose job's step {@code viaStepId} (at or before it) depends on it. */
    private record Arrival(Node from, String viaStepId) {}

    /** The cycle the dependency would close (empty if none) and the revisions of the jobs read to find out. */
    public record Search(Optional<List<String>> cycle, Map<String, Long> read) {}

    private final JobRepository store;
    private final DiagramCatalog diagrams;

    public DependencyCycles(JobRepository store, DiagramCatalog diagrams) {
        this.store = store;
        this.diagrams = diagrams;
    }

    /** Searches for a chain by which step {@code onStepId} of {@code target} already waits for step {@code stepId} of {@code dependent}. */
    public Search search(Job dependent, String stepId, Job target, String onStepId) {
        Map<String, Job> jobs = new HashMap<>(Map.of(dependent.jobId(), dependent, target.jobId(), target));
        Map<String, Long> read = new HashMap<>(Map.of(target.jobId(), target.revision()));
        Map<Node, Arrival> arrivals = new HashMap<>();
        Node start = new Node(target.jobId(), onStepId);
        Set<Node> seen = new HashSet<>(Set.of(start));
        List<Node> level = List.of(start);
        while (!level.isEmpty()) {
            List<String> unread = level.stream().map(Node::jobId).distinct().filter(id -> !jobs.containsKey(id)).toList();
            if (read.size() + unread.size() > MAX_JOBS) {
                throw Refusal.conflict("Step '" + onStepId + "' of job '" + target.jobId() + "' waits through a chain of more than "
                        + MAX_JOBS + " jobs; too long to check that this dependency closes no cycle. Release some of those dependencies first.",
                        "dependsOn");
            }
            for (Job job : store.findAll(dependent.itemId(), unread)) {
                jobs.put(job.jobId(), job);
                read.put(job.jobId(), job.revision());
            }
            List<Node> next = new ArrayList<>();
            for (Node node : level) {
                Job job = jobs.get(node.jobId());
                if (job == null) {
                    continue; // deleted: it waits for nothing
                }
                if (job.jobId().equals(dependent.jobId()) && atOrAfter(job, stepId, node.stepId())) {
                    return new Search(Optional.of(describe(dependent, stepId, target, onStepId, node, arrivals)), read);
                }
                for (Dependency dependency : job.dependencies()) {
                    Node waitedFor = new Node(dependency.onJobId(), dependency.onStepId());
                    if (atOrAfter(job, dependency.stepId(), node.stepId()) && seen.add(waitedFor)) {
                        arrivals.put(waitedFor, new Arrival(node, dependency.stepId()));
                        next.add(waitedFor);
                    }
                }
            }
            level = next;
        }
        return new Search(Optional.empty(), read);
    }

    /** Whether step {@code later} of the job is {@code earlier} or comes after it in its diagram. */
    private boolean atOrAfter(Job job, String earlier, String later) {
        return earlier.equals(later)
                || diagrams.of(job).diagram().reachableFrom(earlier).contains(later);
    }

    /** The waits of the cycle in order, from the new dependency back to the step it started at. */
    private static List<String> describe(Job dependent, String stepId, Job target, String onStepId, Node end, Map<Node, Arrival> arrivals) {
        List<String> waits = new ArrayList<>();
        for (Node at = end; arrivals.containsKey(at); at = arrivals.get(at).from()) {
            Arrival arrival = arrivals.get(at);
            waits.add(step(arrival.from()) + (arrival.viaStepId().equals(arrival.from().stepId()) ? ""
                    : ", which comes after its step '" + arrival.viaStepId() + "',") + " waits for " + step(at));
        }
        Collections.reverse(waits);
        waits.add(0, "step '" + stepId + "' of job '" + dependent.jobId() + "' would wait for " + step(new Node(target.jobId(), onStepId)));
        if (!end.stepId().equals(stepId)) {
            waits.add(step(end) + " comes after step '" + stepId + "' of job '" + dependent.jobId() + "'");
        }
        return waits;
    }

    private static String step(Node node) {
        return "step '" + node.stepId() + "' of job '" + node.jobId() + "'";
    }
}
