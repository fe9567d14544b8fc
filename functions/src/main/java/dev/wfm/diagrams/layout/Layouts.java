package dev.wfm.diagrams.layout;

import dev.wfm.config.PublishedDiagram;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The layouts of the diagram versions this container has drawn: a version never changes once
 * published, so its layout is computed once ({@link ElkLayout}) and kept, the least recently used
 * dropped past {@value #KEPT}. Every container computes the same layout for a version.
 */
public final class Layouts {
    static final int KEPT = 256;

    private final Map<String, DiagramLayout> kept = new LinkedHashMap<>(16, 0.75f, true) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<String, DiagramLayout> eldest) {
            return size() > KEPT;
        }
    };

    /** The layout of a version of an item's diagram. */
    public DiagramLayout of(String itemId, PublishedDiagram version) {
        String key = itemId + "/" + version.diagramId() + "/" + version.version();
        synchronized (kept) {
            DiagramLayout layout = kept.get(key);
            if (layout != null) {
                return layout;
            }
        }
        DiagramLayout layout = ElkLayout.of(version.diagram());
        synchronized (kept) {
            kept.putIfAbsent(key, layout);
            return kept.get(key);
        }
    }
}
