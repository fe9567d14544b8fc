package dev.wfm.jobs;

import dev.wfm.config.Diagrams;
import dev.wfm.diagrams.Diagram;
import dev.wfm.diagrams.DiagramJson;
import dev.wfm.diagrams.Step;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Published diagram versions, read once per container: a version never changes after it is
 * published, so the cache is never stale.
 */
public final class DiagramCatalog {
    private final Diagrams diagrams;
    private final Map<String, Diagram> cache = new ConcurrentHashMap<>();

    public DiagramCatalog(Diagrams diagrams) {
        this.diagrams = diagrams;
    }

    public Diagram version(String itemId, String diagramId, int version) {
        return cache.computeIfAbsent(itemId + "/" + diagramId + "/" + version,
                key -> DiagramJson.read(diagrams.get(itemId, diagramId, version)).diagram());
    }

    public Optional<Step> step(Job job, String stepId) {
        return version(job.itemId(), job.diagramId(), job.diagramVersion()).steps().stream()
                .filter(step -> step.id().equals(stepId))
                .findFirst();
    }
}
