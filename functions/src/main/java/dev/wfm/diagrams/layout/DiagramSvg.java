package dev.wfm.diagrams.layout;

import java.util.List;
import java.util.stream.Collectors;

/**
 * A laid out diagram drawn as SVG: each step a {@code <g data-step-id="..." class="step ...">}
 * with its box, name and tooltip, each path a {@code <g class="path ..." data-from data-to>} with
 * its arrow and label, and notes (lines of text) under the drawing. What the classes mean is the
 * caller's: a job's states and statuses ({@code current ready}, {@code finished}; paths
 * {@code taken}), or a draft's {@code problem}s; the one style sheet colours them all.
 * Only shapes, text and a style sheet: no scripts, no links, no outside references; every text and
 * attribute value is escaped, so names from a diagram cannot add markup.
 */
public final class DiagramSvg {
    public static final String CONTENT_TYPE = "image/svg+xml";
    private static final double NOTE_HEIGHT = 18;

    private static final String STYLE = """
            .step rect{fill:#fff;stroke:#9ca3af;stroke-width:1.5}
            .step text{font:13px sans-serif;fill:#111827}
            .step.notVisited text{fill:#6b7280}
            .step.finished rect{fill:#f3f4f6;stroke:#4b5563}
            .step .mark{font:bold 13px sans-serif;fill:#15803d}
            .step.current rect{stroke-width:3}
            .step.ready rect{fill:#dbeafe;stroke:#2563eb}
            .step.working rect{fill:#fef3c7;stroke:#d97706}
            .step.held rect{fill:#ede9fe;stroke:#7c3aed}
            .step.failed rect{fill:#fee2e2;stroke:#dc2626}
            .step.paused rect{fill:#e5e7eb;stroke:#4b5563}
            .step.problem rect{fill:#fee2e2;stroke:#b91c1c;stroke-width:3;stroke-dasharray:6 3}
            .step.problem .mark{fill:#b91c1c}
            .path path{fill:none;stroke:#9ca3af;stroke-width:1.5}
            .path.taken path{stroke:#111827;stroke-width:2.5}
            .path.problem path{stroke:#b91c1c;stroke-width:2.5;stroke-dasharray:6 4}
            .path rect{fill:#fff}
            .path text{font:11px sans-serif;fill:#374151}
            .note{font:12px sans-serif;fill:#b91c1c}
            """;

    /**
     * A step as drawn: {@code classes} after {@code step}; {@code tooltip} its title; {@code mark}
     * (null: none) a sign in its top right corner.
     */
    public record StepShape(String stepId, String name, String type, String classes, String tooltip, String mark,
                            DiagramLayout.Box box) {}

    /** A path as drawn: {@code classes} after {@code path}; {@code strong} draws its arrow head dark; {@code tooltip} may be null. */
    public record PathShape(String from, String to, String classes, boolean strong, String tooltip, String label,
                            List<DiagramLayout.Point> points, DiagramLayout.Point labelAt) {
        public PathShape {
            points = List.copyOf(points);
        }
    }

    private DiagramSvg() {}

    /** The drawing, {@code width} by {@code height} plus a line per note, titled {@code title}. */
    public static String render(String title, double width, double height, List<StepShape> steps, List<PathShape> paths,
                                List<String> notes) {
        double fullHeight = height + notes.size() * NOTE_HEIGHT + (notes.isEmpty() ? 0 : 8);
        StringBuilder svg = new StringBuilder(4096);
        svg.append("<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"").append(num(width)).append("\" height=\"")
                .append(num(fullHeight)).append("\" viewBox=\"0 0 ").append(num(width)).append(' ')
                .append(num(fullHeight)).append("\" role=\"img\" aria-labelledby=\"diagram-title\">\n");
        svg.append("<title id=\"diagram-title\">").append(text(title)).append("</title>\n");
        svg.append("<style>\n").append(STYLE).append("</style>\n");
        svg.append("<defs>").append(marker("arrow", "#9ca3af")).append(marker("arrow-strong", "#111827")).append("</defs>\n");
        svg.append("<g class=\"paths\">\n");
        paths.forEach(path -> path(svg, path));
        svg.append("</g>\n<g class=\"steps\">\n");
        steps.forEach(step -> step(svg, step));
        svg.append("</g>\n");
        if (!notes.isEmpty()) {
            svg.append("<g class=\"notes\">\n");
            for (int i = 0; i < notes.size(); i++) {
                svg.append("<text class=\"note\" x=\"20\" y=\"").append(num(height + 8 + (i + 1) * NOTE_HEIGHT - 5)).append("\">")
                        .append(text(notes.get(i))).append("</text>\n");
            }
            svg.append("</g>\n");
        }
        return svg.append("</svg>\n").toString();
    }

    private static void step(StringBuilder svg, StepShape step) {
        DiagramLayout.Box box = step.box();
        double radius = step.type().equals("end") ? box.height() / 2 : step.type().equals("question") ? 2 : 8;
        svg.append("<g data-step-id=\"").append(text(step.stepId())).append("\" class=\"step").append(step.classes().isEmpty() ? "" : " " + text(step.classes()))
                .append("\" data-step-type=\"").append(text(step.type())).append("\">");
        svg.append("<title>").append(text(step.tooltip())).append("</title>");
        svg.append("<rect x=\"").append(num(box.x())).append("\" y=\"").append(num(box.y())).append("\" width=\"").append(num(box.width()))
                .append("\" height=\"").append(num(box.height())).append("\" rx=\"").append(num(radius)).append("\"/>");
        svg.append("<text x=\"").append(num(box.x() + box.width() / 2)).append("\" y=\"").append(num(box.y() + box.height() / 2 + 4.5))
                .append("\" text-anchor=\"middle\">").append(text(fitted(step.name(), box.width()))).append("</text>");
        if (step.mark() != null) {
            svg.append("<text class=\"mark\" x=\"").append(num(box.x() + box.width() - 14)).append("\" y=\"").append(num(box.y() + 15))
                    .append("\">").append(text(step.mark())).append("</text>");
        }
        svg.append("</g>\n");
    }

    private static void path(StringBuilder svg, PathShape path) {
        svg.append("<g class=\"path").append(path.classes().isEmpty() ? "" : " " + text(path.classes())).append("\" data-from=\"")
                .append(text(path.from())).append("\" data-to=\"").append(text(path.to())).append("\">");
        if (path.tooltip() != null) {
            svg.append("<title>").append(text(path.tooltip())).append("</title>");
        }
        if (!path.points().isEmpty()) {
            svg.append("<path d=\"").append(path.points().stream().map(point -> num(point.x()) + "," + num(point.y()))
                            .collect(Collectors.joining(" L", "M", ""))).append("\" marker-end=\"url(#")
                    .append(path.strong() ? "arrow-strong" : "arrow").append(")\"/>");
        }
        if (path.label() != null && path.labelAt() != null) {
            double width = path.label().length() * ElkLayout.CHAR_WIDTH * 0.85 + 8;
            svg.append("<rect x=\"").append(num(path.labelAt().x())).append("\" y=\"").append(num(path.labelAt().y()))
                    .append("\" width=\"").append(num(Math.round(width))).append("\" height=\"16\"/>");
            svg.append("<text x=\"").append(num(path.labelAt().x() + 4)).append("\" y=\"").append(num(path.labelAt().y() + 12)).append("\">")
                    .append(text(path.label())).append("</text>");
        }
        svg.append("</g>\n");
    }

    private static String marker(String id, String colour) {
        return "<marker id=\"" + id + "\" viewBox=\"0 0 10 10\" refX=\"9\" refY=\"5\" markerWidth=\"7\" markerHeight=\"7\" orient=\"auto\">"
                + "<path d=\"M0,0 L10,5 L0,10 z\" fill=\"" + colour + "\"/></marker>";
    }

    /** The name as it fits the box, shortened with an ellipsis (the step's title has it whole). */
    private static String fitted(String name, double width) {
        String shown = name == null ? "" : name;
        int fits = (int) ((width - 16) / ElkLayout.CHAR_WIDTH);
        return shown.length() <= fits ? shown : shown.substring(0, Math.max(1, fits - 1)) + "\u2026";
    }

    /**
     * Text or an attribute value as XML 1.0 takes it: markup characters escaped, and characters XML
     * cannot carry at all (most control characters, lone surrogates) left out.
     */
    static String text(String value) {
        if (value == null) {
            return "";
        }
        StringBuilder out = new StringBuilder(value.length() + 16);
        value.codePoints().forEach(c -> {
            switch (c) {
                case '&' -> out.append("&amp;");
                case '<' -> out.append("&lt;");
                case '>' -> out.append("&gt;");
                case '"' -> out.append("&quot;");
                case '\'' -> out.append("&#39;");
                default -> {
                    boolean allowed = c == 0x9 || c == 0xA || c == 0xD || (c >= 0x20 && c <= 0xD7FF) || (c >= 0xE000 && c <= 0xFFFD)
                            || c >= 0x10000;
                    if (allowed) {
                        out.appendCodePoint(c);
                    }
                }
            }
        });
        return out.toString();
    }

    /** A coordinate without a trailing ".0". */
    private static String num(double value) {
        return value == Math.rint(value) ? Long.toString((long) value) : Double.toString(value);
    }
}
