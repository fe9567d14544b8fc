package dev.wfm.diagrams.layout;

import dev.wfm.diagrams.Diagram;
import dev.wfm.diagrams.Path;
import dev.wfm.diagrams.Problem;
import dev.wfm.diagrams.ProblemCode;
import dev.wfm.diagrams.Step;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * A diagram, draft or published, drawn with its validation problems where they are: a step a
 * problem names is {@code class="step problem"} with the problems as its tooltip and a "!" mark, a
 * path {@code class="path problem"}; a problem of the diagram as a whole, or of a path that cannot
 * be drawn because it names a step the diagram lacks, is a note under the drawing. A problem's
 * target says where it is: a step id, {@code steps[i]...} or {@code paths[i]...}.
 */
public final class ProblemPicture {
    private static final Pattern INDEXED = Pattern.compile("(steps|paths)\\[(\\d+)].*");
    /** Problems about the diagram's own members, whatever step ids it has. */
    private static final Set<String> DIAGRAM_CODES = Set.of(ProblemCode.MISSING_START.name(), ProblemCode.UNKNOWN_START.name());

    private ProblemPicture() {}

    public static String render(Diagram diagram, List<Problem> problems) {
        DiagramLayout layout = ElkLayout.of(diagram);
        Map<String, List<String>> onSteps = new LinkedHashMap<>();
        Map<Integer, List<String>> onPaths = new LinkedHashMap<>();
        Set<Integer> drawn = layout.paths().stream().map(DiagramLayout.Line::index).collect(Collectors.toSet());
        List<String> notes = new ArrayList<>();
        for (Problem problem : problems) {
            String target = problem.target() == null ? "" : problem.target();
            Matcher indexed = INDEXED.matcher(target);
            int index = indexed.matches() ? parseIndex(indexed.group(2)) : -1;
            if (indexed.matches() && indexed.group(1).equals("steps") && index < diagram.steps().size()) {
                onSteps.computeIfAbsent(diagram.steps().get(index).id(), id -> new ArrayList<>()).add(problem.message());
            } else if (indexed.matches() && indexed.group(1).equals("paths") && drawn.contains(index)) {
                onPaths.computeIfAbsent(index, i -> new ArrayList<>()).add(problem.message());
            } else if (indexed.matches() && indexed.group(1).equals("paths") && index < diagram.paths().size()) {
                Path path = diagram.paths().get(index);
                notes.add("paths[" + index + "] " + path.from() + " \u2192 " + path.to() + ": " + problem.message());
            } else if (!DIAGRAM_CODES.contains(problem.code()) && !isDiagramName(problem) && layout.steps().containsKey(target)) {
                onSteps.computeIfAbsent(target, id -> new ArrayList<>()).add(problem.message());
            } else {
                notes.add(problem.message());
            }
        }
        List<DiagramSvg.StepShape> steps = new ArrayList<>();
        for (Step step : diagram.steps()) {
            List<String> messages = onSteps.get(step.id());
            steps.add(new DiagramSvg.StepShape(step.id(), step.name(), step.type().json(), messages == null ? "" : "problem",
                    step.name() + (messages == null ? "" : ": " + String.join(" ", messages)), messages == null ? null : "!",
                    layout.steps().get(step.id())));
        }
        List<DiagramSvg.PathShape> paths = new ArrayList<>();
        for (DiagramLayout.Line line : layout.paths()) {
            List<String> messages = onPaths.get(line.index());
            paths.add(new DiagramSvg.PathShape(line.path().from(), line.path().to(), messages == null ? "" : "problem", false,
                    messages == null ? null : String.join(" ", messages), line.label(), line.points(), line.labelAt()));
        }
        String title = (diagram.name() == null || diagram.name().isBlank() ? "Diagram" : diagram.name()) + ": "
                + (problems.isEmpty() ? "no problems" : problems.size() + " problem(s)");
        return DiagramSvg.render(title, layout.width(), layout.height(), steps, paths, notes);
    }

    private static boolean isDiagramName(Problem problem) {
        return problem.target() != null && problem.target().equals("name") && problem.code().equals(ProblemCode.INVALID_FIELD.name());
    }

    /** An index too long for an int is past every list. */
    private static int parseIndex(String digits) {
        return digits.length() > 9 ? Integer.MAX_VALUE : Integer.parseInt(digits);
    }
}
