package dev.wfm.diagrams.layout;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.wfm.config.PublishedDiagram;
import dev.wfm.diagrams.Diagram;
import dev.wfm.diagrams.DiagramJson;
import dev.wfm.jobs.JobsInMemory;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The layered layout of the test diagram: every step placed apart, in layers from the start down, every path routed between its steps. */
class ElkLayoutTest {
    private static final Diagram PERMITS = DiagramJson.read(JobsInMemory.json("/jobs/permits.json")).diagram();
    private final DiagramLayout layout = ElkLayout.of(PERMITS);

    @Test
    void everyStepHasABoxInsideTheDrawingAndNoTwoBoxesOverlap() {
        assertEquals(PERMITS.steps().size(), layout.steps().size());
        List<DiagramLayout.Box> boxes = List.copyOf(layout.steps().values());
        for (DiagramLayout.Box box : boxes) {
            assertTrue(box.x() >= 0 && box.y() >= 0 && box.x() + box.width() <= layout.width() && box.y() + box.height() <= layout.height(),
                    box + " inside " + layout.width() + "x" + layout.height());
        }
        for (int i = 0; i < boxes.size(); i++) {
            for (int j = i + 1; j < boxes.size(); j++) {
                DiagramLayout.Box a = boxes.get(i);
                DiagramLayout.Box b = boxes.get(j);
                boolean apart = a.x() + a.width() <= b.x() || b.x() + b.width() <= a.x() || a.y() + a.height() <= b.y()
                        || b.y() + b.height() <= a.y();
                assertTrue(apart, a + " overlaps " + b);
            }
        }
    }

    @Test
    void stepsFollowTheirPathsDownwardsFromTheStart() {
        assertTrue(box("define").y() < box("review").y());
        assertTrue(box("review").y() < box("edit").y());
        assertTrue(box("publish").y() < box("archive").y());
        assertTrue(box("cool").y() < box("done").y());
    }

    @Test
    void everyPathRunsFromItsStepsBorderToItsTargetsWithItsReturnCodeAsLabel() {
        assertEquals(PERMITS.paths().size(), layout.paths().size());
        for (DiagramLayout.Line line : layout.paths()) {
            assertTrue(line.points().size() >= 2, line.toString());
            assertTrue(touches(box(line.path().from()), line.points().get(0)), line + " starts at " + line.path().from());
            assertTrue(touches(box(line.path().to()), line.points().get(line.points().size() - 1)), line + " ends at " + line.path().to());
        }
        DiagramLayout.Line yes = layout.paths().get(1);
        assertEquals(List.of("review", "edit", "yes"), List.of(yes.path().from(), yes.path().to(), yes.label()));
        assertFalse(yes.labelAt() == null);
        assertNull(layout.paths().get(0).label(), "a default path has no label");
        assertEquals("$returnCode = 'pass' or…", layout.paths().get(5).label(), "a condition, shortened");
    }

    @Test
    void aVersionIsLaidOutOnceAndTheSameEachTime() {
        Layouts layouts = new Layouts();
        PublishedDiagram version = new PublishedDiagram("permits", 1, PERMITS, "arn");

        assertSame(layouts.of("item", version), layouts.of("item", version));
        assertEquals(layout, ElkLayout.of(PERMITS), "the same drawing in every container");
    }

    private DiagramLayout.Box box(String stepId) {
        return layout.steps().get(stepId);
    }

    /** Whether a point lies on the box's border (to the layout's rounding). */
    private static boolean touches(DiagramLayout.Box box, DiagramLayout.Point point) {
        double e = 0.6;
        boolean withinX = point.x() >= box.x() - e && point.x() <= box.x() + box.width() + e;
        boolean withinY = point.y() >= box.y() - e && point.y() <= box.y() + box.height() + e;
        boolean onEdge = Math.abs(point.x() - box.x()) <= e || Math.abs(point.x() - box.x() - box.width()) <= e
                || Math.abs(point.y() - box.y()) <= e || Math.abs(point.y() - box.y() - box.height()) <= e;
        return withinX && withinY && onEdge;
    }
}
