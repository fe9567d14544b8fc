package dev.wfm.diagrams;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Which steps can be current together, and that a compiled diagram is entered at exactly those. */
class ResumingTest {
    @ParameterizedTest
    @CsvSource({"nested-fork.json, 19", "api-example.json, 8"})
    void everySetOfStepsThatCanBeCurrentTogetherIsEnteredWholeAndNothingElse(String fixture, int sets) {
        Diagram diagram = Fixtures.diagram(fixture);
        JsonNode definition = compile(diagram);
        List<Step> steps = diagram.steps().stream().filter(step -> step.type() != StepType.END).toList();
        int accepted = 0;
        for (int mask = 1; mask < 1 << steps.size(); mask++) {
            List<Step> set = new ArrayList<>();
            for (int i = 0; i < steps.size(); i++) {
                if ((mask & 1 << i) != 0) {
                    set.add(steps.get(i));
                }
            }
            List<String> ids = set.stream().map(Step::id).toList();
            if (ConcurrentSteps.problem(diagram, ids).isPresent()) {
                continue;
            }
            accepted++;
            Set<String> tasks = new HashSet<>(set.stream().map(step -> step.name() + " (" + step.id() + ")").toList());
            List<String> asOneArray = ResumeDispatch.entered(definition, input(ids));
            assertEquals(tasks, new HashSet<>(asOneArray), "entered at " + ids);
            assertEquals(tasks.size(), asOneArray.size(), "each once, at " + ids);
            ObjectNode firstAndTheRest = input(List.of()).put("resumeAt", ids.get(0));
            ids.subList(1, ids.size()).forEach(firstAndTheRest.putArray("resumeAlso")::add);
            assertEquals(asOneArray, ResumeDispatch.entered(definition, firstAndTheRest), "as runtimes send " + ids);
        }
        assertEquals(sets, accepted, "sets of steps that can be current together");
        assertEquals(List.of(diagram.steps().get(0).name() + " (" + diagram.start() + ")"),
                ResumeDispatch.entered(definition, input(List.of())), "without a set, at the start");
        assertEquals(List.of("Unknown resume step"), ResumeDispatch.entered(definition, input(List.of("gone"))));
    }

    @Test
    void stepsThatFollowOneAnotherCannotBeCurrentTogether() {
        Diagram diagram = Fixtures.diagram("nested-fork.json");

        assertEquals("Steps 'plan' and 'report' follow one another; only steps of different branches of one "
                + "parallel block can be current together.", ConcurrentSteps.problem(diagram, List.of("plan", "report")).orElseThrow());
        assertTrue(ConcurrentSteps.problem(diagram, List.of("field", "photos")).orElseThrow().contains("'field' and 'photos'"));
        assertTrue(ConcurrentSteps.problem(diagram, List.of("office", "permits")).isPresent());
        assertTrue(ConcurrentSteps.problem(diagram, List.of("photos", "nowhere")).orElseThrow().contains("no step 'nowhere'"));
        assertTrue(ConcurrentSteps.problem(diagram, List.of("close")).orElseThrow().contains("ends the job"));
        assertTrue(ConcurrentSteps.problem(diagram, List.of("photos", "measure", "permits")).isEmpty());
    }

    @Test
    void aFailedStepOfTheSetIsEnteredAtItsDecisionNotRunAgain() {
        JsonNode definition = compile(Fixtures.diagram("nested-fork.json"));
        ObjectNode input = input(List.of("upload", "office"));
        input.putArray("resumeFailed").add("office");

        assertEquals(List.of("Upload field data (upload)", "Request records (office) failed"),
                ResumeDispatch.entered(definition, input));
    }

    @Test
    void aFailedQuestionIsEnteredWhereNoPathMatched() {
        ObjectNode input = input(List.of("qa"));
        input.putArray("resumeFailed").add("qa");

        assertEquals(List.of("Check quality (qa) matched no path"),
                ResumeDispatch.entered(compile(Fixtures.diagram("api-example.json")), input));
    }

    private static ObjectNode input(List<String> resumeAt) {
        ObjectNode input = Fixtures.MAPPER.createObjectNode().put("itemId", "item").put("jobId", "job");
        input.putObject("job").put("jobId", "job").put("revision", 3);
        if (!resumeAt.isEmpty()) {
            resumeAt.forEach(input.putArray("resumeAt")::add);
        }
        return input;
    }

    private static JsonNode compile(Diagram diagram) {
        try {
            return Fixtures.MAPPER.readTree(AslCompiler.compile(diagram, Fixtures.TARGETS));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
