package dev.wfm.jobs.diagram;

import dev.wfm.diagrams.layout.DiagramSvg;
import java.util.List;
import java.util.Locale;

/**
 * A job's diagram as SVG ({@code GET .../jobs/{jobId}/diagram.svg}): the layout the JSON answer
 * gives, drawn with current steps filled by their status, finished steps marked, and the paths
 * taken emphasised. Each step is a {@code <g data-step-id="..." class="step current ready">} (its
 * state, and a current step's status in lower case), each path a {@code <g class="path taken">}.
 */
public final class JobDiagramSvg {
    private JobDiagramSvg() {}

    public static String render(JobDiagram diagram) {
        List<DiagramSvg.StepShape> steps = diagram.steps().stream().map(step -> new DiagramSvg.StepShape(step.stepId(), step.name(),
                step.type(), classes(step), step.name() + ": " + (step.status() != null ? step.status()
                        : step.state() == JobDiagram.State.finished ? "finished" : "not visited"),
                step.state() == JobDiagram.State.finished ? "\u2713" : null, step.box())).toList();
        List<DiagramSvg.PathShape> paths = diagram.paths().stream().map(path -> new DiagramSvg.PathShape(path.from(), path.to(),
                path.taken() ? "taken" : "", path.taken(), null, path.label(), path.points(), path.labelAt())).toList();
        return DiagramSvg.render(diagram.name() + " (version " + diagram.diagramVersion() + ")", diagram.width(), diagram.height(),
                steps, paths, List.of());
    }

    /** The classes of a step's group after {@code step}: its state, and a current step's status. */
    static String classes(JobDiagram.StepView step) {
        return step.state().name() + (step.status() == null ? "" : " " + step.status().toLowerCase(Locale.ROOT));
    }
}
