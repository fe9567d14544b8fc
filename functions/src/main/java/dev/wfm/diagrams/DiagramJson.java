package dev.wfm.diagrams;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.List;

/**
 * Diagram JSON (the format of the HTTP API) to and from the model.
 *
 * <p>Reading checks only JSON shape: required members present, JSON types right, step types and
 * {@code assignedType} known. It never throws on bad input; it returns every such problem at
 * once. Whether the diagram makes sense is {@link DiagramValidator}'s job. A member the format
 * does not know is a problem (a misspelt field is never silently dropped), except {@code layout},
 * on the diagram and on each step: the designer's own data (positions, zoom), kept as given and
 * never read. The {@code diagramId} and {@code version} a GET answers are accepted back, so a
 * diagram read, changed and PUT works.
 */
public final class DiagramJson {
    private static final JsonNodeFactory JSON = JsonNodeFactory.instance;

    private DiagramJson() {}

    /**
     * What reading produced.
     *
     * @param diagram the diagram read, or null when the JSON has shape problems
     * @param problems every problem found
     */
    public record Result(Diagram diagram, List<Problem> problems) {
        public Result {
            problems = List.copyOf(problems);
        }
    }

    public static Result read(JsonNode json) {
        MemberReader fields = new MemberReader();
        if (fields.object(json, "diagram") == null) {
            return new Result(null, fields.problems());
        }
        String name = fields.requiredText(json, "", "name");
        List<Step> steps = new ArrayList<>();
        JsonNode stepsJson = fields.requiredArray(json, "", "steps");
        if (stepsJson != null) {
            for (int i = 0; i < stepsJson.size(); i++) {
                Step step = StepJson.read(stepsJson.get(i), "steps[" + i + "]", fields);
                if (step != null) {
                    steps.add(step);
                }
            }
        }
        List<Path> paths = new ArrayList<>();
        JsonNode pathsJson = fields.optionalArray(json, "", "paths");
        if (pathsJson != null) {
            for (int i = 0; i < pathsJson.size(); i++) {
                Path path = readPath(pathsJson.get(i), "paths[" + i + "]", fields);
                if (path != null) {
                    paths.add(path);
                }
            }
        }
        String start = fields.optionalText(json, "", "start");
        fields.ignored(json, "layout");
        fields.ignored(json, "diagramId");
        fields.ignored(json, "version");
        fields.refuseUnread(json, "");
        List<Problem> problems = fields.problems();
        return new Result(problems.isEmpty() ? new Diagram(name, steps, paths, start) : null, problems);
    }

    /** A web request step read on its own, or null with its problems. */
    public record WebRequestRead(Step.WebRequest step, List<Problem> problems) {
        public WebRequestRead {
            problems = List.copyOf(problems);
        }
    }

    /**
     * A web request step's {@code request} and {@code outputs} (null: none) read and checked as a
     * diagram's step is (its JSON shape, then its own checks), targets naming {@code request...}
     * and {@code outputs...}: for trying a request before it goes into a diagram.
     */
    public static WebRequestRead webRequest(JsonNode request, JsonNode outputs) {
        ObjectNode node = JSON.objectNode().put("id", "request").put("name", "Request").put("type", "webRequest");
        node.set("request", request);
        if (outputs != null) {
            node.set("outputs", outputs);
        }
        MemberReader fields = new MemberReader();
        Step step = StepJson.read(node, "", fields);
        if (!fields.problems().isEmpty() || !(step instanceof Step.WebRequest web)) {
            return new WebRequestRead(null, fields.problems());
        }
        List<Problem> problems = StepChecks.check(web);
        return new WebRequestRead(problems.isEmpty() ? web : null, problems);
    }

    public static ObjectNode write(Diagram diagram) {
        ObjectNode json = JSON.objectNode();
        json.put("name", diagram.name());
        diagram.steps().forEach(step -> json.withArray("steps").add(StepJson.write(step)));
        json.putArray("paths");
        diagram.paths().forEach(path -> json.withArray("paths").add(writePath(path)));
        if (diagram.start() != null) {
            json.put("start", diagram.start());
        }
        return json;
    }

    private static Path readPath(JsonNode node, String at, MemberReader fields) {
        if (fields.object(node, at) == null) {
            return null;
        }
        Path path = new Path(
                fields.requiredText(node, at, "from"),
                fields.requiredText(node, at, "to"),
                fields.optionalText(node, at, "returnCode"),
                fields.optionalText(node, at, "condition"));
        fields.refuseUnread(node, at);
        return path;
    }

    private static ObjectNode writePath(Path path) {
        ObjectNode json = JSON.objectNode().put("from", path.from()).put("to", path.to());
        if (path.returnCode() != null) {
            json.put("returnCode", path.returnCode());
        }
        if (path.condition() != null) {
            json.put("condition", path.condition());
        }
        return json;
    }
}
