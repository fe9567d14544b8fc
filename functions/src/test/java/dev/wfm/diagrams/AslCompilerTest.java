package dev.wfm.diagrams;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

class AslCompilerTest {
    private static final int ONE_MEGABYTE = 1024 * 1024;

    /** Golden files hold the compiler's exact output, written once and reviewed by eye. */
    @ParameterizedTest
    @ValueSource(strings = {"api-example", "loop", "nested-fork"})
    void compilesToExactlyTheReviewedDefinition(String fixture) {
        String compiled = compile(Fixtures.diagram(fixture + ".json"));

        assertEquals(Fixtures.text(fixture + ".asl.json"), compiled);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("diagrams")
    void compilingTwiceGivesIdenticalBytes(String name, Diagram diagram) {
        Diagram reread = DiagramJson.read(DiagramJson.write(diagram)).diagram();

        assertEquals(compile(diagram), compile(diagram));
        assertEquals(compile(diagram), compile(reread));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("diagrams")
    void everyTransitionStaysInItsStatesMapAndEveryStateIsReachable(String name, Diagram diagram) {
        assertEquals(List.of(), AslShape.mistakes(parse(compile(diagram))));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("diagrams")
    void stateNamesAreUniqueAndAtMostEightyCharacters(String name, Diagram diagram) {
        List<String> names = AslShape.stateNames(parse(compile(diagram)));

        assertEquals(names.size(), new HashSet<>(names).size(), "unique");
        names.forEach(n -> assertTrue(n.codePointCount(0, n.length()) <= 80, n));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("diagrams")
    void everyStepCanBeResumedFromTheDispatch(String name, Diagram diagram) {
        String dispatch = parse(compile(diagram)).get("States").get("Dispatch").toString();

        diagram.steps().forEach(step -> assertTrue(dispatch.contains("'" + step.id() + "'"), step.id()));
    }

    @Test
    void theDefinitionUsesJsonataAndStartsByDispatchingOnResumeAt() {
        JsonNode asl = parse(compile(Fixtures.diagram("api-example.json")));

        assertEquals("JSONata", asl.get("QueryLanguage").asText());
        assertEquals("Start", asl.get("StartAt").asText());
        assertEquals("Dispatch", asl.at("/States/Start/Next").asText());
        assertEquals("Define location (define)", asl.at("/States/Dispatch/Default").asText());
    }

    @Test
    void aStepInsideAForkIsResumedThroughItsParallelAndItsSiblingBranchesAreSkipped() {
        JsonNode asl = parse(compile(Fixtures.diagram("nested-fork.json")));
        JsonNode fieldBranch = asl.at("/States/Parallel after Plan survey (plan)/Branches/0/States");

        assertEquals("{% $exists($states.input.resumeAt[$ in ['photos','measure']]) %}",
                fieldBranch.at("/Branch to Field visit (field)/Choices/1/Condition").asText());
        assertEquals("End of branch to Field visit (field)",
                fieldBranch.at("/Branch to Field visit (field)/Choices/3/Next").asText());
    }

    @Test
    void anAutomatedStepThatFailsWaitsForAPersonsDecisionInsteadOfEndingTheJob() {
        JsonNode states = parse(compile(Fixtures.diagram("loop.json"))).get("States");

        assertEquals("Check registry (check) failed",
                states.at("/Check registry (check)/Catch/0/Next").asText());
        assertEquals("failed",
                states.at("/Check registry (check) failed/Arguments/Payload/action").asText());
        assertEquals("Check registry (check)",
                states.at("/After Check registry (check)/Choices/0/Next").asText());
    }

    @Test
    void aWaitAndAChildJobThatIsWaitedForFinishThroughATaskToken() {
        JsonNode states = parse(compile(Fixtures.diagram("loop.json"))).get("States");

        assertEquals("arn:aws:states:::lambda:invoke.waitForTaskToken",
                states.at("/Cooling-off period (cool-off)/Resource").asText());
        assertEquals("arn:aws:states:::lambda:invoke.waitForTaskToken",
                states.at("/Inspection job (inspect)/Resource").asText());
        assertEquals("arn:aws:states:::lambda:invoke",
                states.at("/Check registry (check)/Resource").asText());
    }

    @Test
    void anInvalidDiagramIsRefusedWithEveryProblem() {
        Diagram diagram = Fixtures.diagram("invalid/several-problems.json");

        InvalidDiagramException thrown =
                assertThrows(InvalidDiagramException.class, () -> compile(diagram));
        assertEquals(DiagramValidator.validate(diagram), thrown.problems());
    }

    @Test
    void aThousandStepDiagramCompilesToLessThanOneMegabyte() {
        for (Diagram diagram :
                List.of(GeneratedDiagrams.linear(1000), GeneratedDiagrams.branching(1000, 42))) {
            int bytes = compile(diagram).getBytes(StandardCharsets.UTF_8).length;
            System.out.printf("%s: %,d bytes%n", diagram.name(), bytes);
            assertTrue(bytes < ONE_MEGABYTE, diagram.name() + ": " + bytes + " bytes");
        }
    }

    @Test
    void aTwoThousandStepDiagramCompilesAndReportsItsSize() {
        for (Diagram diagram :
                List.of(GeneratedDiagrams.linear(2000), GeneratedDiagrams.branching(2000, 42))) {
            String asl = compile(diagram);
            System.out.printf("%s: %,d bytes (limit %,d)%n",
                    diagram.name(), asl.getBytes(StandardCharsets.UTF_8).length, ONE_MEGABYTE);
            assertEquals(List.of(), AslShape.mistakes(parse(asl)));
        }
    }

    static Stream<Arguments> diagrams() {
        List<Arguments> diagrams = new ArrayList<>();
        Stream.of("api-example.json", "loop.json", "nested-fork.json",
                        "valid/loop-back-to-fork.json", "valid/shared-join.json",
                        "valid/empty-branch-and-merge.json")
                .forEach(f -> diagrams.add(Arguments.of(f, Fixtures.diagram(f))));
        diagrams.add(Arguments.of("branching 300", GeneratedDiagrams.branching(300, 7)));
        diagrams.add(Arguments.of("long names and ids", longNames()));
        return diagrams.stream();
    }

    /** Names and ids at their limits, and names that repeat: names must still fit and differ. */
    private static Diagram longNames() {
        String name = "Check the submitted documents against the registry ".repeat(3);
        String id = "x".repeat(63);
        return new Diagram("Long names", List.of(
                new Step.Manual(new StepInfo(id + "1", name)),
                new Step.Manual(new StepInfo(id + "2", name)),
                new Step.Manual(new StepInfo(id + "3", name)),
                new Step.End(new StepInfo(id + "4", name))),
                List.of(Path.of(id + "1", id + "2"), Path.of(id + "1", id + "3"),
                        Path.of(id + "2", id + "4"), Path.of(id + "3", id + "4")),
                id + "1");
    }

    private static String compile(Diagram diagram) {
        return AslCompiler.compile(diagram, Fixtures.TARGETS);
    }

    private static JsonNode parse(String json) {
        try {
            return Fixtures.MAPPER.readTree(json);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
