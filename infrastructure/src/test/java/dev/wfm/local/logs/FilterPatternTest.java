package dev.wfm.local.logs;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.List;
import java.util.function.Predicate;
import org.junit.jupiter.api.Test;

/** The JSON filter patterns the local CloudWatch Logs understands, as CloudWatch reads them. */
class FilterPatternTest {
    private static final List<String> LINES = List.of(
            "{\"level\":\"INFO\",\"requestId\":\"r-1\",\"route\":\"GET /health\"}",
            "{\"level\":\"WARN\",\"requestId\":\"r-1\",\"call\":{\"name\":\"StartExecution\"}}",
            "{\"level\":\"ERROR\",\"requestId\":\"r-2\"}",
            "START RequestId: r-1 Version: $LATEST",
            "[\"level\", \"WARN\"]");

    @Test
    void anEmptyPatternMatchesEveryEvent() {
        assertEquals(List.of(0, 1, 2, 3, 4), matching(""));
        assertEquals(List.of(0, 1, 2, 3, 4), matching(null));
    }

    @Test
    void comparisonsJoinAndBindTighterThanOrAndParenthesesGroup() {
        assertEquals(List.of(1), matching("{ $.level = \"WARN\" }"));
        assertEquals(List.of(0, 2), matching("{ $.level != \"WARN\" }"), "a line that is not a JSON object matches no JSON pattern");
        assertEquals(List.of(1, 2), matching("{ $.level = \"ERROR\" || $.level = \"WARN\" && $.requestId = \"r-1\" }"));
        assertEquals(List.of(1), matching("{ ($.level = \"ERROR\" || $.level = \"WARN\") && $.requestId = \"r-1\" }"));
        assertEquals(List.of(1), matching("{$.call.name=\"StartExecution\"}"), "dotted fields, no spaces needed");
        assertEquals(List.of(), matching("{ $.missing = \"x\" }"));
    }

    @Test
    void aPatternOutsideTheSubsetIsRefusedAsInvalid() {
        for (String invalid : List.of("ERROR", "{ $.level = WARN }", "{ $.level = \"WARN\"", "{ level = \"WARN\" }", "{ $.level > \"1\" }",
                "{ $.level = \"WARN\" } extra", "{ ($.level = \"WARN\" }", "{ $. = \"x\" }")) {
            assertThrows(IllegalArgumentException.class, () -> FilterPattern.parse(invalid), invalid);
        }
    }

    private static List<Integer> matching(String pattern) {
        Predicate<String> matches = FilterPattern.parse(pattern);
        return java.util.stream.IntStream.range(0, LINES.size()).filter(i -> matches.test(LINES.get(i))).boxed().toList();
    }
}
