package dev.wfm.jobs.diagram;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.wfm.common.Json;
import dev.wfm.config.PublishedDiagram;
import dev.wfm.diagrams.Step;
import dev.wfm.diagrams.layout.DiagramLayout;
import dev.wfm.jobs.CurrentStep;
import dev.wfm.jobs.Job;
import dev.wfm.jobs.events.HistoryEntry;
import java.util.ArrayList;
import java.util.List;

/**
 * A job on the diagram version it walks (JobsManager's getJobDiagram): each step of the version
 * where the layout draws it, with its state for this job (current, with its status; finished; not
 * visited), and each path with whether the job took it ({@link Walk}).
 */
public record JobDiagram(String diagramId, int diagramVersion, String name, List<StepView> steps, List<PathView> paths,
                         double width, double height) {
    public enum State { current, finished, notVisited }

    /** A step as drawn: {@code status} is the current step's (Ready, Working, Held, Failed, or Paused while the job is), else null. */
    public record StepView(String stepId, String name, String type, State state, String status, DiagramLayout.Box box) {}

    public record PathView(String from, String to, String label, boolean taken, List<DiagramLayout.Point> points,
                           DiagramLayout.Point labelAt) {}

    public JobDiagram {
        steps = List.copyOf(steps);
        paths = List.copyOf(paths);
    }

    public static JobDiagram of(Job job, PublishedDiagram version, DiagramLayout layout, List<HistoryEntry> history) {
        Walk walk = Walk.of(version.diagram(), history);
        List<StepView> steps = new ArrayList<>();
        for (Step step : version.diagram().steps()) {
            DiagramLayout.Box box = layout.steps().get(step.id());
            CurrentStep current = job.currentStep(step.id()).filter(s -> !s.idOnly()).orElse(null);
            State state = current != null ? State.current : walk.finished().contains(step.id()) ? State.finished : State.notVisited;
            String status = current == null ? null : job.paused() ? "Paused" : current.status().name();
            steps.add(new StepView(step.id(), step.name(), step.type().json(), state, status, box));
        }
        List<PathView> paths = new ArrayList<>();
        for (DiagramLayout.Line line : layout.paths()) {
            paths.add(new PathView(line.path().from(), line.path().to(), line.label(), walk.taken().contains(line.path()), line.points(),
                    line.labelAt()));
        }
        return new JobDiagram(version.diagramId(), version.version(), version.diagram().name(), steps, paths, layout.width(),
                layout.height());
    }

    /** The answer of {@code GET .../jobs/{jobId}/diagram}. */
    public ObjectNode json() {
        ObjectNode node = Json.object().put("diagramId", diagramId).put("diagramVersion", diagramVersion).put("name", name);
        ArrayNode stepList = node.putArray("steps");
        for (StepView step : steps) {
            ObjectNode entry = stepList.addObject().put("stepId", step.stepId()).put("name", step.name()).put("type", step.type())
                    .put("state", step.state().name());
            if (step.status() != null) {
                entry.put("status", step.status());
            }
            entry.put("x", step.box().x()).put("y", step.box().y()).put("width", step.box().width()).put("height", step.box().height());
        }
        ArrayNode pathList = node.putArray("paths");
        for (PathView path : paths) {
            ObjectNode entry = pathList.addObject().put("from", path.from()).put("to", path.to());
            if (path.label() != null) {
                entry.put("label", path.label());
                entry.putArray("labelAt").add(path.labelAt().x()).add(path.labelAt().y());
            }
            entry.put("taken", path.taken());
            ArrayNode points = entry.putArray("points");
            path.points().forEach(point -> points.addArray().add(point.x()).add(point.y()));
        }
        return node.put("width", width).put("height", height);
    }
}
