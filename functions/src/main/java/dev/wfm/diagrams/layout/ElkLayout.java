package dev.wfm.diagrams.layout;

import dev.wfm.diagrams.Diagram;
import dev.wfm.diagrams.Path;
import dev.wfm.diagrams.Step;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.eclipse.elk.alg.layered.options.LayeredMetaDataProvider;
import org.eclipse.elk.alg.layered.options.LayeredOptions;
import org.eclipse.elk.core.RecursiveGraphLayoutEngine;
import org.eclipse.elk.core.data.LayoutMetaDataService;
import org.eclipse.elk.core.math.ElkPadding;
import org.eclipse.elk.core.options.CoreOptions;
import org.eclipse.elk.core.options.Direction;
import org.eclipse.elk.core.options.EdgeLabelPlacement;
import org.eclipse.elk.core.options.EdgeRouting;
import org.eclipse.elk.core.util.BasicProgressMonitor;
import org.eclipse.elk.graph.ElkBendPoint;
import org.eclipse.elk.graph.ElkEdge;
import org.eclipse.elk.graph.ElkEdgeSection;
import org.eclipse.elk.graph.ElkLabel;
import org.eclipse.elk.graph.ElkNode;
import org.eclipse.elk.graph.util.ElkGraphUtil;

/**
 * Lays a diagram out with Eclipse ELK's layered algorithm (the Sugiyama approach: steps in layers
 * from the start downwards, crossings minimised, paths routed orthogonally around the steps).
 * A step's box is sized to its name; a path's label (its return code) is placed by ELK too.
 */
public final class ElkLayout {
    /** Approximate text metrics of the 13px sans-serif face the drawing uses. */
    public static final double CHAR_WIDTH = 7.2;
    public static final double STEP_HEIGHT = 48;
    public static final double MIN_STEP_WIDTH = 110;
    public static final double MAX_STEP_WIDTH = 260;
    private static final double STEP_PADDING = 28;
    private static final double LABEL_HEIGHT = 16;
    private static final double LABEL_PADDING = 8;
    /** A path condition is shown shortened: the label names the path, the diagram holds the expression. */
    static final int MAX_LABEL = 24;

    static {
        LayoutMetaDataService.getInstance().registerLayoutMetaDataProviders(new LayeredMetaDataProvider());
    }

    private ElkLayout() {}

    public static DiagramLayout of(Diagram diagram) {
        ElkNode root = ElkGraphUtil.createGraph();
        root.setProperty(CoreOptions.ALGORITHM, LayeredOptions.ALGORITHM_ID);
        root.setProperty(CoreOptions.DIRECTION, Direction.DOWN);
        root.setProperty(CoreOptions.EDGE_ROUTING, EdgeRouting.ORTHOGONAL);
        root.setProperty(CoreOptions.PADDING, new ElkPadding(20));
        root.setProperty(LayeredOptions.SPACING_NODE_NODE, 32.0);
        root.setProperty(LayeredOptions.SPACING_NODE_NODE_BETWEEN_LAYERS, 44.0);
        root.setProperty(LayeredOptions.SPACING_EDGE_LABEL, 4.0);
        Map<String, ElkNode> nodes = new LinkedHashMap<>();
        for (Step step : diagram.steps()) {
            if (nodes.containsKey(step.id())) {
                continue; // a draft's duplicate id: one box stands for every step of that id
            }
            ElkNode node = ElkGraphUtil.createNode(root);
            node.setIdentifier(step.id());
            node.setDimensions(stepWidth(step.name()), STEP_HEIGHT);
            nodes.put(step.id(), node);
        }
        Map<Integer, ElkEdge> edges = new LinkedHashMap<>();
        for (int index = 0; index < diagram.paths().size(); index++) {
            Path path = diagram.paths().get(index);
            ElkNode from = nodes.get(path.from());
            ElkNode to = nodes.get(path.to());
            if (from == null || to == null) {
                continue; // a draft's typo: a published version names only its own steps
            }
            ElkEdge edge = ElkGraphUtil.createSimpleEdge(from, to);
            ElkGraphUtil.updateContainment(edge);
            String label = label(path);
            if (label != null) {
                ElkLabel elkLabel = ElkGraphUtil.createLabel(label, edge);
                elkLabel.setDimensions(label.length() * CHAR_WIDTH + LABEL_PADDING, LABEL_HEIGHT);
                elkLabel.setProperty(CoreOptions.EDGE_LABELS_PLACEMENT, EdgeLabelPlacement.CENTER);
            }
            edges.put(index, edge);
        }
        new RecursiveGraphLayoutEngine().layout(root, new BasicProgressMonitor());

        Map<String, DiagramLayout.Box> boxes = new HashMap<>();
        nodes.forEach((id, node) -> boxes.put(id, new DiagramLayout.Box(round(node.getX()), round(node.getY()),
                round(node.getWidth()), round(node.getHeight()))));
        List<DiagramLayout.Line> lines = new ArrayList<>();
        edges.forEach((index, edge) -> lines.add(line(diagram.paths().get(index), index, edge)));
        return new DiagramLayout(boxes, lines, round(root.getWidth()), round(root.getHeight()));
    }

    /** The text a path is labelled with: its return code, else its condition shortened; null for a default path. */
    public static String label(Path path) {
        if (path.returnCode() != null) {
            return path.returnCode().length() > MAX_LABEL ? path.returnCode().substring(0, MAX_LABEL - 1) + "…" : path.returnCode();
        }
        if (path.condition() != null) {
            String expression = path.condition().replaceAll("^\\{%\\s*|\\s*%}$", "").strip();
            return expression.length() > MAX_LABEL ? expression.substring(0, MAX_LABEL - 1) + "…" : expression;
        }
        return null;
    }

    /** A step's width: its name at the drawing's text size, within bounds (a longer name is shortened when drawn). */
    public static double stepWidth(String name) {
        double text = (name == null ? 0 : name.length()) * CHAR_WIDTH + STEP_PADDING;
        return Math.max(MIN_STEP_WIDTH, Math.min(MAX_STEP_WIDTH, Math.ceil(text)));
    }

    private static DiagramLayout.Line line(Path path, int index, ElkEdge edge) {
        List<DiagramLayout.Point> points = new ArrayList<>();
        for (ElkEdgeSection section : edge.getSections()) {
            points.add(point(section.getStartX(), section.getStartY()));
            for (ElkBendPoint bend : section.getBendPoints()) {
                points.add(point(bend.getX(), bend.getY()));
            }
            points.add(point(section.getEndX(), section.getEndY()));
        }
        ElkLabel label = edge.getLabels().isEmpty() ? null : edge.getLabels().get(0);
        return new DiagramLayout.Line(path, index, label == null ? null : label.getText(), points,
                label == null ? null : point(label.getX(), label.getY()));
    }

    private static DiagramLayout.Point point(double x, double y) {
        return new DiagramLayout.Point(round(x), round(y));
    }

    /** To a tenth: what a drawing needs, and stable text in answers. */
    private static double round(double value) {
        return Math.round(value * 10) / 10.0;
    }
}
