package dev.wfm.diagrams;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.node.NullNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.node.TextNode;
import java.util.List;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class DiagramJsonTest {

    @Test
    void readingTheApiExampleGivesEveryStepWithItsTypeAndOptions() {
        Diagram diagram = Fixtures.diagram("api-example.json");

        assertEquals("Address verification", diagram.name());
        assertEquals("define", diagram.start());
        assertEquals(
                List.of("manual", "question", "manual", "question", "manual", "webRequest", "manual", "end"),
                diagram.steps().stream().map(s -> s.type().json()).collect(Collectors.toList()));
        Step.Question review = (Step.Question) diagram.steps().get(1);
        assertEquals(List.of(new Step.Answer("Yes", "yes"), new Step.Answer("No", "no")),
                review.answers());
        StepInfo edit = diagram.steps().get(2).info();
        assertEquals(AssignedType.GROUP, edit.assignedType());
        assertEquals("editors", edit.assignedTo());
        Step.Request notify = ((Step.WebRequest) diagram.steps().get(5)).request();
        assertEquals("{% {'job': $job.jobId} %}", notify.body());
        assertEquals(10, diagram.paths().size());
        assertEquals(Path.onReturnCode("review", "edit", "yes"), diagram.paths().get(1));
    }

    @ParameterizedTest
    @ValueSource(strings = {"api-example.json", "loop.json", "nested-fork.json"})
    void writingWhatWasReadGivesBackTheSameJson(String fixture) {
        assertEquals(Fixtures.json(fixture), DiagramJson.write(Fixtures.diagram(fixture)));
    }

    @ParameterizedTest
    @ValueSource(strings = {"api-example.json", "loop.json", "nested-fork.json"})
    void readingWhatWasWrittenGivesBackTheSameDiagram(String fixture) {
        Diagram diagram = Fixtures.diagram(fixture);

        assertEquals(diagram, DiagramJson.read(DiagramJson.write(diagram)).diagram());
    }

    @Test
    void wrongJsonTypesAreAllReportedAtTheirLocations() {
        DiagramJson.Result read = DiagramJson.read(Fixtures.json("invalid/wrong-types.json"));

        assertNull(read.diagram());
        assertEquals(
                List.of("name", "steps[0].autoRun", "steps[1].answers", "steps[2].request.headers.X-Id",
                        "steps[2].request.timeoutSeconds", "steps[3].description", "paths[0].to", "paths[1]"),
                targets(read.problems()));
        assertTrue(read.problems().stream().allMatch(p -> p.code().equals("INVALID_FIELD")));
        assertEquals("Expected steps[0].autoRun to be true or false, but found the string 'yes'. "
                + "Give it as true or false.", read.problems().get(1).message());
    }

    @Test
    void missingRequiredFieldsAreAllReported() {
        DiagramJson.Result read = DiagramJson.read(Fixtures.json("invalid/missing-fields.json"));

        assertEquals(
                List.of("steps[0].id", "steps[1].question", "steps[1].answers", "steps[2].request",
                        "steps[3].type", "paths[0].from"),
                targets(read.problems()));
        assertTrue(read.problems().stream().allMatch(p -> p.code().equals("INVALID_FIELD")));
    }

    @Test
    void anUnknownStepTypeIsReportedAtTheStepsTypeField() {
        DiagramJson.Result read = DiagramJson.read(Fixtures.json("invalid/unknown-step-type.json"));

        assertEquals(List.of(new Problem(ProblemCode.UNKNOWN_STEP_TYPE,
                "Expected steps[1].type to be one of manual, question, webRequest, wait, createJob, end, "
                        + "but found 'approval'. Use one of those types.",
                "steps[1].type")), read.problems());
    }

    @Test
    void anAssignedTypeOutsideUserGroupUnassignedIsReported() {
        ObjectNode json = (ObjectNode) Fixtures.json("api-example.json");
        ((ObjectNode) json.withArray("steps").get(2)).put("assignedType", "Team");

        assertEquals(List.of("steps[2].assignedType"),
                targets(DiagramJson.read(json).problems()));
    }

    @Test
    void somethingOtherThanAnObjectIsRejectedNotThrown() {
        assertEquals(List.of("diagram"), targets(DiagramJson.read(TextNode.valueOf("hi")).problems()));
        assertEquals(List.of("diagram"), targets(DiagramJson.read(NullNode.instance).problems()));
        assertEquals(List.of("diagram"), targets(DiagramJson.read(null).problems()));
    }

    @Test
    void aLayoutAndTheIdAndVersionAGetAnswersAreAccepted() {
        ObjectNode json = (ObjectNode) Fixtures.json("api-example.json");
        json.putObject("layout").put("zoom", 2);
        ((ObjectNode) json.withArray("steps").get(0)).putObject("layout").put("x", 120);
        json.put("diagramId", "01hx").put("version", 3);

        DiagramJson.Result read = DiagramJson.read(json);

        assertEquals(List.of(), read.problems());
        assertNotNull(read.diagram());
    }

    @Test
    void everyMemberTheFormatDoesNotKnowIsReportedNotDropped() {
        ObjectNode json = (ObjectNode) Fixtures.json("api-example.json");
        json.put("sharedWith", "everyone");
        ((ObjectNode) json.withArray("steps").get(0)).put("x", 120);
        ((ObjectNode) json.withArray("steps").get(0)).put("question", "a manual step asks nothing");
        ((ObjectNode) json.withArray("steps").get(1).withArray("answers").get(0)).put("colour", "green");
        ((ObjectNode) json.withArray("steps").get(5).get("request")).put("timeout", 5);
        ((ObjectNode) json.withArray("paths").get(0)).put("label", "next");

        DiagramJson.Result read = DiagramJson.read(json);

        assertEquals(List.of("steps[0].x", "steps[0].question", "steps[1].answers[0].colour", "steps[5].request.timeout",
                "paths[0].label", "sharedWith"), targets(read.problems()));
        assertTrue(read.problems().stream().allMatch(problem -> problem.code().equals("UNKNOWN_FIELD")));
        assertNull(read.diagram());
    }

    private static List<String> targets(List<Problem> problems) {
        return problems.stream().map(Problem::target).collect(Collectors.toList());
    }
}
