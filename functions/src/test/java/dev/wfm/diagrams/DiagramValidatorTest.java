package dev.wfm.diagrams;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.List;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class DiagramValidatorTest {

    @Test
    void theApiExampleIsValid() {
        assertEquals(List.of(), DiagramValidator.validate(Fixtures.diagram("api-example.json")));
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {
            "loop.json", "nested-fork.json", "valid/loop-back-to-fork.json", "valid/shared-join.json",
            "valid/empty-branch-and-merge.json"})
    void loopsNestedForksSharedJoinsAndEmptyBranchesAreAccepted(String fixture) {
        assertEquals(List.of(), DiagramValidator.validate(Fixtures.diagram(fixture)));
    }

    /** Each fixture has exactly one thing wrong with it. */
    @ParameterizedTest(name = "{0}: {1} at {2}")
    @CsvSource(delimiter = '|', textBlock = """
            duplicate-step-id            | DUPLICATE_STEP_ID           | steps[2].id
            illegal-step-id              | ILLEGAL_STEP_ID             | steps[1].id
            unknown-path-endpoint        | UNKNOWN_PATH_ENDPOINT       | paths[1]
            missing-start                | MISSING_START               | start
            unknown-start                | UNKNOWN_START               | start
            unreachable-step             | UNREACHABLE_STEP            | orphan
            dead-end                     | DEAD_END                    | stuck
            loop-without-exit            | LOOP_WITHOUT_EXIT           | spin
            fork-without-join            | UNSTRUCTURED_FORK_JOIN      | split
            crossing-branches            | UNSTRUCTURED_FORK_JOIN      | right-2
            jump-into-other-branch       | UNSTRUCTURED_FORK_JOIN      | paths[3]
            loop-into-branch             | UNSTRUCTURED_FORK_JOIN      | left-2
            loop-leaves-parallel-branch  | LOOP_LEAVES_PARALLEL_BRANCH | paths[3]
            condition-not-wrapped        | INVALID_CONDITION           | paths[0]
            condition-syntax-error       | INVALID_CONDITION           | paths[1]
            answer-without-path          | ANSWER_WITHOUT_PATH         | review
            return-code-not-an-answer    | RETURN_CODE_NOT_AN_ANSWER   | paths[2]
            multiple-default-paths       | MULTIPLE_DEFAULT_PATHS      | a
            end-step-has-paths           | END_STEP_HAS_PATHS          | done
            duplicate-path               | DUPLICATE_PATH              | paths[1]
            wait-with-seconds-and-until  | INVALID_FIELD               | pause
            invalid-expression           | INVALID_EXPRESSION          | notify
            unknown-step-type            | UNKNOWN_STEP_TYPE           | steps[1].type
            """)
    void eachKindOfProblemIsReportedWithItsCodeAndTarget(String fixture, String code, String target) {
        List<Problem> problems = DiagramValidator.validate(Fixtures.json("invalid/" + fixture + ".json"));

        assertEquals(List.of(code + " at " + target), codesAndTargets(problems));
        String message = problems.get(0).message();
        assertTrue(message.startsWith("Expected ") && message.contains(", but "),
                "says what was expected and what was found: " + message);
    }

    @Test
    void everyIndependentProblemIsReportedAtOnce() {
        List<Problem> problems = DiagramValidator.validate(Fixtures.json("invalid/several-problems.json"));

        assertEquals(List.of(
                "INVALID_FIELD at edit", "INVALID_CONDITION at paths[1]", "ANSWER_WITHOUT_PATH at review",
                "UNREACHABLE_STEP at edit", "UNREACHABLE_STEP at orphan"), codesAndTargets(problems));
    }

    @Test
    void aConditionThatTripsTheParserIsReportedNotThrown() {
        ObjectNode json = (ObjectNode) Fixtures.json("api-example.json");
        ((ObjectNode) json.withArray("paths").get(5)).put("condition", "{% /* unclosed %}");

        Problem problem = DiagramValidator.validate(json).get(0);

        assertEquals("INVALID_CONDITION at paths[5]", problem.code() + " at " + problem.target());
        assertTrue(problem.message().contains("does not parse: it is malformed"), problem.message());
    }

    @Test
    void aPathToAnUnknownStepIsNotReportedTwice() {
        List<Problem> problems =
                DiagramValidator.validate(Fixtures.json("invalid/unknown-path-endpoint.json"));

        assertEquals(List.of("UNKNOWN_PATH_ENDPOINT at paths[1]"), codesAndTargets(problems));
    }

    @Test
    void pathsToAndFromUnknownStepsDoNotHideTheGraphProblemsOfTheRest() {
        // 'tail' still leads somewhere through its broken path and 'late' is reached from an unknown
        // step, so neither is a dead end or unreachable; 'stuck' and 'orphan' are, whatever the broken paths.
        List<Problem> problems = DiagramValidator.validate(
                Fixtures.json("invalid/paths-to-unknown-steps-and-graph-problems.json"));

        assertEquals(List.of("UNKNOWN_PATH_ENDPOINT at paths[4]", "UNKNOWN_PATH_ENDPOINT at paths[6]",
                "UNREACHABLE_STEP at orphan", "DEAD_END at stuck"), codesAndTargets(problems));
    }

    @Test
    void aCreateJobStepNamingAJobTemplateThatDoesNotExistIsAProblemAtTheStep() {
        Diagram diagram = Fixtures.diagram("valid/creates-a-child-job.json");

        List<Problem> problems = DiagramValidator.validate(diagram, templateId -> templateId.equals("tmpl-other"));

        assertEquals(List.of("UNKNOWN_JOB_TEMPLATE at spawn"), codesAndTargets(problems));
        assertTrue(problems.get(0).message().contains("'tmpl-inspection'"), problems.get(0).message());
        assertEquals(List.of(), DiagramValidator.validate(diagram, templateId -> templateId.equals("tmpl-inspection")));
    }

    @Test
    void aLoopFromABranchBackBeforeTheForkSaysHowToLoopInstead() {
        Problem problem = DiagramValidator.validate(
                Fixtures.json("invalid/loop-leaves-parallel-branch.json")).get(0);

        assertEquals("Expected the loop from 'left' back to 'prepare' to stay inside its parallel "
                + "branch (from 'split' through 'left' to the join 'join'), but 'prepare' is outside the "
                + "parallel part. Loop back to a step of the same branch, or loop from the join 'join' or "
                + "later back to 'split' to run every branch again.", problem.message());
    }

    @Test
    void theRegionsOfANestedForkFollowTheFlow() {
        Region flow = DiagramValidator.check(Fixtures.diagram("nested-fork.json")).structure();

        assertEquals(List.of("plan", "report", "close"), ids(flow.steps()));
        Region.Fork plan = flow.forks().get("plan");
        assertEquals("report", plan.join().id());
        assertEquals(List.of("field", "office"), ids(plan.branches().stream()
                .map(Region.Branch::target).collect(Collectors.toList())));
        Region field = plan.branches().get(0).region();
        assertEquals(List.of("field", "upload"), ids(field.steps()));
        assertEquals("upload", field.forks().get("field").join().id());
        assertEquals(List.of("field", "photos", "measure", "upload", "office", "permits"),
                plan.innerStepIds());
    }

    @Test
    void anInnerForkMayJoinWhereTheOuterForkJoins() {
        Region flow = DiagramValidator.check(Fixtures.diagram("valid/shared-join.json")).structure();

        Region.Fork split = flow.forks().get("split");
        assertEquals("join", split.join().id());
        assertEquals("join", split.branches().get(0).region().forks().get("a").join().id());
    }

    @Test
    void aForkPathStraightToTheJoinIsAnEmptyBranchThatRunsNothing() {
        Region flow =
                DiagramValidator.check(Fixtures.diagram("valid/empty-branch-and-merge.json")).structure();

        Region.Fork split = flow.forks().get("split");
        assertEquals("join", split.join().id());
        assertEquals(List.of("work"), ids(split.branches().stream()
                .map(Region.Branch::target).collect(Collectors.toList())));
    }

    private static List<String> codesAndTargets(List<Problem> problems) {
        return problems.stream().map(p -> p.code() + " at " + p.target()).collect(Collectors.toList());
    }

    private static List<String> ids(List<Step> steps) {
        return steps.stream().map(Step::id).collect(Collectors.toList());
    }
}
