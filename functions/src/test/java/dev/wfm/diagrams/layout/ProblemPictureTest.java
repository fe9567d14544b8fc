package dev.wfm.diagrams.layout;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.wfm.diagrams.Diagram;
import dev.wfm.diagrams.DiagramJson;
import dev.wfm.diagrams.DiagramValidator;
import dev.wfm.diagrams.Problem;
import dev.wfm.jobs.JobsInMemory;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import javax.xml.XMLConstants;
import javax.xml.parsers.DocumentBuilderFactory;
import org.junit.jupiter.api.Test;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.NodeList;

/** A draft drawn with its problems: on the step or the path each names, the rest as notes under the drawing. */
class ProblemPictureTest {
    /** A condition that does not parse, a path to a misspelt step, a step no path reaches. */
    private static final String DRAFT = """
            {"name": "Permit draft", "start": "define", "steps": [
              {"id": "define", "name": "Define location", "type": "manual"},
              {"id": "review", "name": "Review request", "type": "question", "question": "Approve?",
               "answers": [{"name": "Yes", "value": "yes"}, {"name": "No", "value": "no"}]},
              {"id": "edit", "name": "Edit data", "type": "manual"},
              {"id": "done", "name": "Done", "type": "end"},
              {"id": "orphan", "name": "Forgotten", "type": "manual"}],
             "paths": [
              {"from": "define", "to": "review"},
              {"from": "review", "to": "edit", "returnCode": "yes"},
              {"from": "edit", "to": "done", "condition": "{% $job.priority = %}"},
              {"from": "review", "to": "archvie", "returnCode": "no"}]}
            """;

    @Test
    void eachProblemIsDrawnOnTheStepOrPathItNamesAndAPathThatCannotBeDrawnIsANote() throws Exception {
        Diagram draft = DiagramJson.read(JobsInMemory.json(DRAFT)).diagram();
        List<Problem> problems = DiagramValidator.validate(draft);
        List<String> targets = problems.stream().map(Problem::target).toList();
        assertTrue(targets.contains("paths[2]") && targets.contains("paths[3]") && targets.contains("orphan"), problems.toString());

        Document svg = parse(ProblemPicture.render(draft, problems));

        Element condition = path(svg, "edit", "done");
        assertEquals("path problem", condition.getAttribute("class"));
        assertTrue(title(condition).contains(message(problems, "paths[2]")), title(condition));
        assertEquals("path", path(svg, "define", "review").getAttribute("class"), "a path with no problem is drawn plainly");
        List<String> notes = texts(svg, "note");
        assertTrue(notes.contains("paths[3] review \u2192 archvie: " + message(problems, "paths[3]")), notes.toString());
        for (Problem problem : problems) {
            boolean onAStep = draft.steps().stream().anyMatch(step -> step.id().equals(problem.target()));
            if (onAStep) {
                Element step = step(svg, problem.target());
                assertEquals("step problem", step.getAttribute("class"));
                assertTrue(title(step).contains(problem.message()), title(step));
            }
        }
        assertEquals("step problem", step(svg, "orphan").getAttribute("class"));
        assertEquals("!", step(svg, "orphan").getElementsByTagName("text").item(1).getTextContent());
        assertEquals("step", step(svg, "define").getAttribute("class"), "a step with no problem is drawn plainly");
        assertEquals("Permit draft: " + problems.size() + " problem(s)", svg.getElementsByTagName("title").item(0).getTextContent());
    }

    @Test
    void problemsNamingAStepByItsPlaceOrTheDiagramAsAWholeAreDrawnThere() throws Exception {
        Diagram draft = DiagramJson.read(JobsInMemory.json(DRAFT)).diagram();
        List<Problem> problems = List.of(new Problem("INVALID_FIELD", "Expected a name.", "name"),
                new Problem("UNKNOWN_START", "The start names no step.", "start"),
                new Problem("INVALID_FIELD", "Expected an assignee.", "steps[2].assignedTo"),
                new Problem("INVALID_FIELD", "Beyond the steps.", "steps[99].id"));

        Document svg = parse(ProblemPicture.render(draft, problems));

        assertTrue(title(step(svg, "edit")).contains("Expected an assignee."), "steps[2] is the third step");
        assertEquals(List.of("Expected a name.", "The start names no step.", "Beyond the steps."), texts(svg, "note"));
        assertEquals(List.of("edit"), problemSteps(svg));
    }

    @Test
    void aDiagramWithoutProblemsIsDrawnWithoutMarksOrNotes() throws Exception {
        Diagram permits = DiagramJson.read(JobsInMemory.json("/jobs/permits.json")).diagram();

        Document svg = parse(ProblemPicture.render(permits, DiagramValidator.validate(permits)));

        assertEquals(List.of(), problemSteps(svg));
        assertEquals(List.of(), texts(svg, "note"));
        assertEquals(permits.steps().size(), svg.getElementsByTagName("rect").getLength()
                - (int) permits.paths().stream().filter(p -> ElkLayout.label(p) != null).count(), "a box per step, a backing per label");
    }

    private static String message(List<Problem> problems, String target) {
        return problems.stream().filter(p -> target.equals(p.target())).findFirst().orElseThrow().message();
    }

    private static Element step(Document svg, String stepId) {
        return groups(svg).stream().filter(g -> g.getAttribute("data-step-id").equals(stepId)).findFirst().orElseThrow();
    }

    private static Element path(Document svg, String from, String to) {
        return groups(svg).stream().filter(g -> g.getAttribute("data-from").equals(from) && g.getAttribute("data-to").equals(to))
                .findFirst().orElseThrow();
    }

    private static List<String> problemSteps(Document svg) {
        return groups(svg).stream().filter(g -> g.getAttribute("class").equals("step problem")).map(g -> g.getAttribute("data-step-id"))
                .toList();
    }

    private static List<Element> groups(Document svg) {
        NodeList nodes = svg.getElementsByTagName("g");
        List<Element> groups = new ArrayList<>();
        for (int i = 0; i < nodes.getLength(); i++) {
            groups.add((Element) nodes.item(i));
        }
        return groups;
    }

    private static String title(Element group) {
        NodeList titles = group.getElementsByTagName("title");
        return titles.getLength() == 0 ? "" : titles.item(0).getTextContent();
    }

    private static List<String> texts(Document svg, String className) {
        NodeList nodes = svg.getElementsByTagName("text");
        List<String> texts = new ArrayList<>();
        for (int i = 0; i < nodes.getLength(); i++) {
            Element text = (Element) nodes.item(i);
            if (text.getAttribute("class").equals(className)) {
                texts.add(text.getTextContent());
            }
        }
        return texts;
    }

    private static Document parse(String svg) throws Exception {
        DocumentBuilderFactory factory = DocumentBuilderFactory.newInstance();
        factory.setFeature(XMLConstants.FEATURE_SECURE_PROCESSING, true);
        factory.setFeature("http://apache.org/xml/features/disallow-doctype-decl", true);
        return factory.newDocumentBuilder().parse(new ByteArrayInputStream(svg.getBytes(StandardCharsets.UTF_8)));
    }
}
