package dev.wfm.config;

import dev.wfm.diagrams.Diagram;
import dev.wfm.diagrams.Step;
import java.util.Optional;

/** A published version of a diagram, read once: the diagram as drawn, and the state machine its jobs run on. */
public record PublishedDiagram(String diagramId, int version, Diagram diagram, String stateMachineArn) {
    public Optional<Step> step(String stepId) {
        return diagram.steps().stream().filter(step -> step.id().equals(stepId)).findFirst();
    }
}
