package dev.wfm.jobs;

import dev.wfm.config.PublishedDiagram;
import dev.wfm.diagrams.Step;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Published diagram versions, read once per container: a version never changes after it is
 * published, so the cache is never stale.
 */
public final class DiagramCatalog {
    /** Where versions are read from (config.Diagrams): a version, or the latest when {@code version} is null. */
    @FunctionalInterface
    public interface Versions {
        PublishedDiagram published(String itemId, String diagramId, Integer version);
    }

    private final Versions diagrams;
    private final Map<String, PublishedDiagram> cache = new ConcurrentHashMap<>();

    public DiagramCatalog(Versions diagrams) {
        this.diagrams = diagrams;
    }

    public PublishedDiagram version(String itemId, String diagramId, int version) {
        return cache.computeIfAbsent(key(itemId, diagramId, version), key -> diagrams.published(itemId, diagramId, version));
    }

    /** The diagram's latest version, which new jobs and upgrades take (read each time: a new version may have come). */
    public PublishedDiagram latest(String itemId, String diagramId) {
        PublishedDiagram latest = diagrams.published(itemId, diagramId, null);
        return cache.computeIfAbsent(key(itemId, diagramId, latest.version()), key -> latest);
    }

    /** The version the job walks. */
    public PublishedDiagram of(Job job) {
        return version(job.itemId(), job.diagramId(), job.diagramVersion());
    }

    public Optional<Step> step(Job job, String stepId) {
        return of(job).step(stepId);
    }

    private static String key(String itemId, String diagramId, int version) {
        return itemId + "/" + diagramId + "/" + version;
    }
}
