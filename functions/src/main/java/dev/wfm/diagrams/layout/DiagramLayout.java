package dev.wfm.diagrams.layout;

import dev.wfm.diagrams.Path;
import java.util.List;
import java.util.Map;

/**
 * Where a diagram version's steps and paths are drawn: a box per step (by step id), a polyline per
 * path between two of its steps (in the diagram's order), and the drawing's size. It depends only on the version, so it is
 * computed once per version ({@link Layouts}) and shared by every job walking it.
 */
public record DiagramLayout(Map<String, Box> steps, List<Line> paths, double width, double height) {
    public DiagramLayout {
        steps = Map.copyOf(steps);
        paths = List.copyOf(paths);
    }

    /** A step's box: its top left corner and its size. */
    public record Box(double x, double y, double width, double height) {}

    /** A point of the drawing. */
    public record Point(double x, double y) {}

    /**
     * How {@code path}, the diagram's path at {@code index}, is drawn: from its start on the source
     * step's border through its bends to its end on the target's; {@code label} (null: none) with
     * its top left corner at {@code labelAt}. A path naming a step the diagram lacks is not drawn.
     */
    public record Line(Path path, int index, String label, List<Point> points, Point labelAt) {
        public Line {
            points = List.copyOf(points);
        }
    }
}
