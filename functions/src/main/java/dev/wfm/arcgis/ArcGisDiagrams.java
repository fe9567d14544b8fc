package dev.wfm.arcgis;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.wfm.common.Json;
import dev.wfm.common.Refusal;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * A diagram version in ArcGIS Workflow Manager's shape: each step with its {@code action} and the
 * paths leaving it ({@code nextStep}), assignment on the path into a step as that product keeps
 * it. A step's type is its {@code action.actionType} and the step's settings (a question, a web
 * request, a wait, a child job's template) its {@code args}.
 */
public final class ArcGisDiagrams {
    private static final Set<String> AUTOMATED = Set.of("webRequest", "wait", "createJob");
    /** What a step carries besides its action's settings. */
    private static final Set<String> STEP_FIELDS = Set.of("id", "name", "type", "description", "assignedType", "assignedTo");

    private ArcGisDiagrams() {}

    /**
     * Its version path segment: a version number, or -1 for the latest (that product's draft, or
     * else its latest active version; diagrams here have no drafts). Null means the latest.
     */
    public static Integer version(String segment) {
        if (segment.equals("-1")) {
            return null;
        }
        if (!segment.matches("[1-9][0-9]{0,8}")) {
            throw Refusal.invalid("The diagram version must be a version number or -1 (the latest), not '" + segment + "'", "diagramVersion");
        }
        return Integer.valueOf(segment);
    }

    /** Ours ({@code name, steps, paths, start}, with {@code diagramId} and {@code version}) as its diagram. */
    public static ObjectNode diagram(JsonNode ours) {
        Map<String, JsonNode> steps = new HashMap<>();
        ours.path("steps").forEach(step -> steps.put(step.path("id").asText(), step));
        String start = ours.path("start").asText();
        ObjectNode diagram = Json.object().put("diagramId", ours.path("diagramId").asText())
                .put("diagramVersion", ours.path("version").asInt()).put("diagramName", ours.path("name").asText());
        if (ours.hasNonNull("description")) {
            diagram.put("description", ours.path("description").asText());
        }
        diagram.put("initialStepId", start).put("initialStepName", steps.containsKey(start) ? steps.get(start).path("name").asText() : null);
        ArrayNode shown = diagram.putArray("steps");
        for (JsonNode step : ours.path("steps")) {
            String type = step.path("type").asText();
            ObjectNode entry = shown.addObject().put("id", step.path("id").asText()).put("name", step.path("name").asText());
            if (step.hasNonNull("description")) {
                entry.put("description", step.path("description").asText());
            }
            // finishing a step here always moves the job on along its paths
            entry.put("automatic", AUTOMATED.contains(type)).put("proceedNext", true).put("canSkip", false);
            ObjectNode action = entry.putObject("action").put("actionType", Character.toUpperCase(type.charAt(0)) + type.substring(1));
            ObjectNode args = action.putObject("args");
            step.fields().forEachRemaining(field -> {
                if (!STEP_FIELDS.contains(field.getKey())) {
                    args.set(field.getKey(), field.getValue());
                }
            });
            ArrayNode paths = entry.putArray("paths");
            for (JsonNode path : pathsFrom(ours, step.path("id").asText())) {
                JsonNode next = steps.getOrDefault(path.path("to").asText(), Json.object());
                ObjectNode out = paths.addObject().put("nextStep", path.path("to").asText());
                if (path.hasNonNull("condition")) {
                    out.put("expression", path.path("condition").asText());
                }
                if (path.hasNonNull("returnCode")) {
                    out.put("returnCode", path.path("returnCode").asText());
                }
                if (path.hasNonNull("label") || path.hasNonNull("returnCode")) {
                    out.put("label", path.hasNonNull("label") ? path.path("label").asText() : path.path("returnCode").asText());
                }
                out.put("assignedType", next.path("assignedType").asText("Unassigned"));
                if (next.hasNonNull("assignedTo")) {
                    out.put("assignedTo", next.path("assignedTo").asText());
                }
            }
        }
        diagram.putArray("annotations");
        diagram.put("displayGrid", false);
        return diagram;
    }

    private static List<JsonNode> pathsFrom(JsonNode ours, String stepId) {
        List<JsonNode> paths = new ArrayList<>();
        ours.path("paths").forEach(path -> {
            if (path.path("from").asText().equals(stepId)) {
                paths.add(path);
            }
        });
        return paths;
    }
}
