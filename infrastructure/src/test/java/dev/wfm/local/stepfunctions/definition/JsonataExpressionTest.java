package dev.wfm.local.stepfunctions.definition;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;

class JsonataExpressionTest {

    private static Bindings bindings(Map<String, Object> variables) {
        return new Bindings(Map.of("input", Map.of("n", 3)), variables, 0);
    }

    @Test
    void oneParsedExpressionEvaluatesConcurrentlyWithoutSharingBindings() throws Exception {
        JsonataExpression expression = JsonataExpression.parse("$map([1, 2, 3], function($i) { $i * $k })");
        // Evaluating on the parsing thread once used to leak this binding into later evaluations.
        assertEquals(List.of(7, 14, 21), expression.evaluate(bindings(Map.of("k", 7))));
        ExecutorService threads = Executors.newFixedThreadPool(4);
        try {
            List<Future<?>> runs = new ArrayList<>();
            for (int t = 0; t < 4; t++) {
                int k = t;
                runs.add(threads.submit(() -> {
                    for (int i = 0; i < 2_000; i++) {
                        assertEquals(List.of(k, 2 * k, 3 * k), expression.evaluate(bindings(Map.of("k", k))));
                    }
                    return null;
                }));
            }
            for (Future<?> run : runs) {
                run.get();
            }
        } finally {
            threads.shutdownNow();
        }
        assertNull(expression.evaluate(bindings(Map.of())), "no binding survives an evaluation");
    }

    @Test
    void nowAnswersTheEvaluationsOwnTime() throws Exception {
        JsonataExpression now = JsonataExpression.parse("$now()");
        assertEquals("1970-01-01T00:00:01.000Z", now.evaluate(new Bindings(Map.of(), Map.of(), 1000)));
        assertEquals(1000L, JsonataExpression.parse("$millis()").evaluate(new Bindings(Map.of(), Map.of(), 1000)));
    }

    @Test
    void stepFunctionsFunctionsAreAvailable() throws Exception {
        assertEquals(List.of(List.of(1, 2), List.of(3)), eval("$partition([1, 2, 3], 2)"));
        assertEquals(List.of(0L, 5L, 10L), eval("$range(0, 10, 5)"));
        assertEquals("900150983cd24fb0d6963f7d28e17f72", eval("$hash('abc', 'MD5')"));
        assertEquals(Map.of("a", List.of(1)), eval("$parse('{\"a\": [1]}')"));
        assertEquals(36, ((String) eval("$uuid()")).length());
        assertEquals(eval("$random(7)"), eval("$random(7)"));
    }

    @Test
    void evaluationErrorsAreQueryEvaluationErrors() {
        StatesError error = assertThrows(StatesError.class, () -> eval("$number('x')"));
        assertEquals(StatesError.QUERY_EVALUATION_ERROR, error.error());
        assertEquals(StatesError.QUERY_EVALUATION_ERROR,
                assertThrows(StatesError.class, () -> eval("($f := function($n) { 1 + $f($n + 1) }; $f(0))")).error());
        assertThrows(IllegalArgumentException.class, () -> JsonataExpression.parse("1 +"));
    }

    private static Object eval(String source) throws StatesError {
        return JsonataExpression.parse(source).evaluate(bindings(Map.of()));
    }
}
