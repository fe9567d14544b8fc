package dev.wfm.diagrams;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.dashjoin.jsonata.Jsonata;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The JSONata the compiler writes, evaluated as the runtime would: {@code $states} bound. */
class AslJsonTest {

    @Test
    void aConditionSeesReturnCodeJobAndResultFromTheStateInput() {
        String condition = AslJson.condition("{% $returnCode = 'pass' or $job.priority = 'Low' %}");

        assertEquals(true, evaluate(condition, "{\"returnCode\": \"pass\", \"job\": {}}"));
        assertEquals(true, evaluate(condition, "{\"returnCode\": \"fail\", \"job\": {\"priority\": \"Low\"}}"));
        assertEquals(false, evaluate(condition, "{\"returnCode\": \"fail\", \"job\": {}}"));
        assertEquals(true, evaluate(AslJson.condition("{% $result.status = 200 %}"),
                "{\"result\": {\"status\": 200}, \"job\": {}}"));
    }

    @Test
    void aConditionThatIsNotBooleanCountsAsFalseRatherThanFailingTheChoice() {
        String condition = AslJson.condition("{% $job.flag %}");

        assertEquals(false, evaluate(condition, "{\"job\": {}}"));
        assertEquals(true, evaluate(condition, "{\"job\": {\"flag\": \"yes\"}}"));
    }

    @Test
    void aConditionBindsOnlyTheNamesItMentions() {
        assertEquals("{% ($job := $states.input.job; ($job.priority = 'High') ? true : false) %}",
                AslJson.condition("{% $job.priority = 'High' %}"));
    }

    @Test
    void aReturnCodeWithQuotesAndBackslashesMatchesExactlyItself() {
        String code = "it's \\ \"odd\"\n";
        String condition = AslJson.inputEquals("returnCode", code);

        assertEquals(true, evaluate(condition, json(Map.of("returnCode", code))));
        assertEquals(false, evaluate(condition, json(Map.of("returnCode", "it's"))));
    }

    @Test
    void theJobAfterAParallelIsTheNewestBranchJobByRevision() {
        String results = "[{\"job\": {\"revision\": 3, \"by\": \"a\"}},"
                + " {\"job\": {\"revision\": 5, \"by\": \"b\"}}, {\"job\": {\"revision\": 4, \"by\": \"c\"}}]";

        assertEquals(Map.of("revision", 5, "by", "b"), evaluate(AslJson.NEWEST_BRANCH_JOB, results));
    }

    @Test
    void withoutRevisionsTheJobAfterAParallelIsTheLastBranchJob() {
        String results = "[{\"job\": {\"by\": \"a\"}}, {\"job\": {\"by\": \"b\"}}]";

        assertEquals(Map.of("by", "b"), evaluate(AslJson.NEWEST_BRANCH_JOB, results));
    }

    /** Evaluates a {@code {% %}} template with {@code $states.input} and {@code .result} bound. */
    private static Object evaluate(String template, String input) {
        try {
            Object value = Fixtures.MAPPER.readValue(input, Object.class);
            Jsonata expression = Jsonata.jsonata(Expressions.inner(template));
            Jsonata.Frame frame = expression.createFrame();
            frame.bind("states", Map.of("input", value, "result", value));
            return expression.evaluate(null, frame);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static String json(Object value) {
        try {
            return Fixtures.MAPPER.writeValueAsString(value);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
