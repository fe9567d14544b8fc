package dev.wfm.expressions;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.wfm.common.Refusal;
import dev.wfm.jobs.Job;
import dev.wfm.jobs.JobsInMemory;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/** An expression tried with the bindings a path condition sees, and its errors where they are. */
class ExpressionEvaluatorTest {
    private final JobsInMemory domain = new JobsInMemory();
    private final ExpressionEvaluator evaluator = new ExpressionEvaluator(domain.jobs);

    @Test
    void theJobAndTheStepsAnswerAreBoundAsAConditionSeesThem() {
        Job job = domain.job("define");

        assertEquals("{\"value\":\"Medium for Job 1\"}", evaluate("{\"expression\": \"$job.priority & ' for ' & $job.jobName\", \"jobId\": \""
                + job.jobId() + "\"}"));
        assertEquals("{\"value\":true}", evaluate("{\"expression\": \"{% $returnCode = 'yes' and $result.status < 300 %}\", "
                + "\"returnCode\": \"yes\", \"result\": {\"status\": 201}}"));
        assertEquals("{\"value\":{\"a\":null,\"b\":[1,2]}}", evaluate("{\"expression\": \"{'a': null, 'b': [1, 2], 'c': $nothing}\"}"));
        assertEquals("{\"undefined\":true}", evaluate("{\"expression\": \"$job.priority\"}"), "no job named: $job is nothing");
    }

    @Test
    void anErrorIsRefusedWithItsPosition() {
        Refusal parse = refusal("{\"expression\": \"$job.priority = \"}");
        assertEquals("expression", parse.target());
        assertTrue(parse.getMessage().startsWith("The expression does not parse: "), parse.getMessage());
        assertEquals("16", parse.meta().get("position"), parse.getMessage());

        Refusal failed = refusal("{\"expression\": \"'a' + 1\"}");
        assertTrue(failed.getMessage().startsWith("The expression failed: "), failed.getMessage());
        assertEquals(failed.getMessage().contains("at character " + failed.meta().get("position")), true, failed.getMessage());

        assertEquals("jobId", assertThrows(Refusal.class, () -> evaluate("{\"expression\": \"1\", \"jobId\": \"nope\"}")).target());
        assertEquals("colour", refusal("{\"expression\": \"1\", \"colour\": 1}").target());
        assertEquals("expression", refusal("{\"expression\": \"" + "1+".repeat(6000) + "1\"}").target(), "past the size an expression may have");
    }

    @Test
    void aRunawayExpressionStopsAtTheTimeLimitOrTheDepthLimit() {
        ExpressionEvaluator quick = new ExpressionEvaluator(domain.jobs, Duration.ofMillis(200));
        long started = System.nanoTime();
        Refusal slow = assertThrows(Refusal.class, () -> quick.evaluate(JobsInMemory.ITEM, JobsInMemory.json(
                "{\"expression\": \"$count([1..5000000].($ * 2))\"}")));
        assertTrue(Duration.ofNanos(System.nanoTime() - started).toSeconds() < 5, "stopped near its limit");
        assertTrue(slow.getMessage().startsWith("The expression failed: "), slow.getMessage());

        assertTrue(slow.getMessage().contains("timeout"), slow.getMessage());

        started = System.nanoTime();
        Refusal deep = refusal("{\"expression\": \"($f := function($n) { 1 + $f($n + 1) }; $f(0))\"}");
        assertTrue(Duration.ofNanos(System.nanoTime() - started).toSeconds() < 5, "stopped at its depth, long before the time limit");
        assertTrue(deep.getMessage().startsWith("The expression failed: ") && deep.getMessage().contains("Stack overflow"), deep.getMessage());
    }

    private String evaluate(String body) {
        return evaluator.evaluate(JobsInMemory.ITEM, JobsInMemory.json(body)).toString();
    }

    private Refusal refusal(String body) {
        return assertThrows(Refusal.class, () -> evaluate(body));
    }
}
