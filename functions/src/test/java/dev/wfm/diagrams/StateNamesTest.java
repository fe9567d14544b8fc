package dev.wfm.diagrams;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class StateNamesTest {
    private final StateNames names = new StateNames();

    @Test
    void aStepsStatesAreNamedAfterItsNameAndId() {
        Step review = manual("review", "Review request");

        assertEquals("Review request (review)", names.task(review));
        assertEquals("After Review request (review)", names.route(review));
        assertEquals("Review request (review) failed", names.failed(review));
        assertEquals("Parallel after Review request (review)", names.parallel(review));
    }

    @Test
    void aLongNameIsShortenedWithAnEllipsisButKeepsTheWholeId() {
        String name = names.task(manual("review", "Review ".repeat(20)));

        assertTrue(name.length() <= 80 && name.length() > 70, name);
        assertTrue(name.startsWith("Review Review") && name.endsWith("… (review)"), name);
    }

    @Test
    void aNameOfEmojiFitsEightyUtf16UnitsWithoutSplittingOne() {
        Step step = manual("smile", "\uD83D\uDE00".repeat(1000));

        for (String name : java.util.List.of(names.task(step), names.route(step), names.failed(step), names.completed(step))) {
            assertTrue(name.length() <= 80, name.length() + " UTF-16 units: " + name);
            assertTrue(name.endsWith("… (smile)") || name.endsWith("… (smile) failed"), name);
            assertTrue(name.codePoints().noneMatch(c -> c >= 0xD800 && c <= 0xDFFF), "no lone surrogate: " + name);
        }
    }

    @Test
    void controlCharactersAndRunsOfWhiteSpaceBecomeOneSpace() {
        assertEquals("Review the request (review)",
                names.task(manual("review", " Review\tthe \n\n request ")));
    }

    @Test
    void namesThatWouldCollideAfterShorteningAreMadeDistinct() {
        String id = "x".repeat(63);

        String first = names.parallel(manual(id + "1", "Same"));
        String second = names.parallel(manual(id + "2", "Same"));

        assertNotEquals(first, second);
        assertTrue(second.length() <= 80 && first.length() <= 80);
    }

    @Test
    void askingTwiceForAStateGivesTheSameName() {
        Step review = manual("review", "Review request");

        assertEquals(names.task(review), names.task(review));
    }

    @Test
    void aStepCannotTakeAFixedName() {
        names.fixed("Start");

        assertEquals("Start (Start)", names.task(manual("Start", "Start")));
    }

    private static Step manual(String id, String name) {
        return new Step.Manual(new StepInfo(id, name));
    }
}
