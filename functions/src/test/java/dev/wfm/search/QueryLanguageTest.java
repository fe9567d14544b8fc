package dev.wfm.search;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.wfm.jobs.Job;
import dev.wfm.jobs.JobsInMemory;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

class QueryLanguageTest {
    private static final Job AMY_HIGH = Jobs.job("j1", "High", "Open", false, "User", "amy", "Fix the road", "2026-03-01T10:00:00Z");
    private static final Job CJONES_LOW = Jobs.job("j2", "Low", "Closed", true, "User", "cjones", "it's done", null);
    private static final Job EDITORS = Jobs.job("j3", "Medium", "Open", false, "Group", "editors", null, "2025-12-31T23:59:59Z");
    private static final Job UNASSIGNED = Jobs.job("j4", "Low", "New", false, null, null, "100% sure_thing", null);
    private static final List<Job> ALL = List.of(AMY_HIGH, CJONES_LOW, EDITORS, UNASSIGNED);
    private static final Instant NOW = Instant.parse("2026-03-02T09:30:00Z");

    private static List<String> matching(String q) {
        var condition = Condition.compile(QueryParser.parse(q, NOW));
        return ALL.stream()
                .filter(job -> condition.test(name -> JobField.named(name).orElseThrow().valueOf(job, NOW)))
                .map(Job::jobId).toList();
    }

    private static QueryException error(String q) {
        return assertThrows(QueryException.class, () -> QueryParser.parse(q, NOW));
    }

    @Test
    void theIssueExampleSelectsOpenUserJobsOfTheNamedAssignees() {
        assertEquals(List.of("j1"), matching("assignedType='User' AND closed=0 AND assignedTo IN ('cjones','amy')"));
    }

    @Test
    void andBindsTighterThanOrAndNotTighterThanAnd() {
        // OR of (priority='Low' AND closed=1) and (priority='High'): j2 and j1, not j4 (Low but open)
        assertEquals(List.of("j1", "j2"), matching("priority='Low' AND closed=1 OR priority='High'"));
        assertEquals(List.of("j1", "j2"), matching("priority='High' OR priority='Low' AND closed=true"));
        // NOT applies to the next predicate only: (NOT Low) AND open
        assertEquals(List.of("j1", "j3"), matching("NOT priority='Low' AND closed=FALSE"));
    }

    @Test
    void parenthesesOverridePrecedence() {
        assertEquals(List.of("j2"), matching("(priority='High' OR priority='Low') AND closed=1"));
        assertEquals(List.of("j3"), matching("NOT (priority='Low' OR priority='High')"));
        assertInstanceOf(Expr.And.class, QueryParser.parse("((jobId = 'x')) AND closed=1", NOW));
    }

    @Test
    void inAndNotInMatchListedValuesAndNotInSkipsMissingValuesOnlyThroughNot() {
        assertEquals(List.of("j1", "j3"), matching("assignedTo IN ('amy', 'editors', 'nobody')"));
        assertEquals(List.of("j2", "j4"), matching("assignedTo NOT IN ('amy', 'editors')"));
    }

    @Test
    void likeMatchesPercentAndUnderscoreCaseInsensitivelyAndOtherCharactersLiterally() {
        assertEquals(List.of("j1"), matching("description LIKE 'fix%'"));
        assertEquals(List.of("j1", "j2", "j4"), matching("description LIKE '%_%'"));
        assertEquals(List.of("j3"), matching("assignedTo LIKE 'ed_tors'"));
        assertEquals(List.of(), matching("assignedTo LIKE 'a.y'"));
        assertEquals(List.of("j2", "j3", "j4"), matching("jobName NOT LIKE '%1'"));
    }

    @Test
    void isNullAndIsNotNullTestMissingValues() {
        assertEquals(List.of("j4"), matching("assignedTo IS NULL"));
        assertEquals(List.of("j1", "j2", "j3"), matching("assignedTo is not null"));
        // a comparison with a missing value is false; NOT of it is true
        assertEquals(List.of("j2", "j3"), matching("assignedTo <> 'amy'"));
        assertEquals(List.of("j2", "j3", "j4"), matching("NOT assignedTo = 'amy'"));
    }

    @Test
    void datesCompareAsTimesWhetherWrittenAsIsoStringsOrDateLiterals() {
        assertEquals(List.of("j1"), matching("dueDate >= '2026-01-01'"));
        assertEquals(List.of("j1"), matching("dueDate > DATE '2026-01-01'"));
        assertEquals(List.of("j3"), matching("dueDate < '2026-01-01T00:00:00Z'"));
        assertEquals(List.of("j1"), matching("dueDate = '2026-03-01T10:00:00Z'"));
        assertEquals(List.of("j1", "j2", "j3", "j4"), matching("created < DATE '2026-01-02' AND updated <= '2026-01-02'"));
    }

    @Test
    void numbersCompareByValue() {
        assertEquals(4, matching("diagramVersion = 2.0").size());
        assertEquals(0, matching("diagramVersion > 2").size());
        assertEquals(4, matching("diagramVersion IN (1, 2)").size());
    }

    @Test
    void quotesInsideStringsAreDoubledAndInjectionLookingTextIsJustAValue() {
        assertEquals(List.of("j2"), matching("description = 'it''s done'"));
        assertEquals(List.of(), matching("assignedTo = ''' OR 1=1 --'"));
        assertEquals(List.of(), matching("jobName = '\"; DROP TABLE jobs; --'"));
        // unbalanced, the same text is a malformed query (its string never ends), not a way around the condition
        assertEquals(25, error("assignedTo = '' OR 1=1 --'").position());
    }

    @Test
    void keywordsAreCaseInsensitiveAndWhitespaceIsFree() {
        assertEquals(List.of("j1"), matching("  priority='High'and\tclosed = false  "));
    }

    @Test
    void unknownFieldsAreNamedWithTheirPosition() {
        QueryException e = error("closed=0 AND colour='red'");
        assertEquals(13, e.position());
        assertTrue(e.getMessage().contains("'colour'"), e.getMessage());
    }

    @Test
    void malformedQueriesReportThePositionOfTheFault() {
        assertEquals(9, error("priority=").position());
        assertEquals(9, error("priority 'High'").position());
        assertEquals(16, error("(priority='High'").position());
        assertEquals(16, error("priority='High' closed=1").position());
        assertEquals(9, error("priority='High").position());
        assertEquals(7, error("closed=2").position());
        assertEquals(8, error("dueDate>'tomorrow'").position());
        assertEquals(15, error("diagramVersion='2'").position());
        assertEquals(9, error("priority=High").position());
        assertEquals(7, error("closed LIKE '1%'").position());
        assertEquals(9, error("priority # 'x'").position());
        assertEquals(0, error("   ").position());
        assertEquals(20, error("priority IN ('Low', )").position());
        assertTrue(error("priority=").getMessage().contains("at position 9"));
    }

    @Test
    void queriesBeyondTheLimitsAreRefused() {
        error("jobId='" + "x".repeat(QueryParser.MAX_LENGTH) + "'");
        error("(".repeat(QueryParser.MAX_DEPTH + 1) + "closed=1" + ")".repeat(QueryParser.MAX_DEPTH + 1));
        error("NOT ".repeat(QueryParser.MAX_DEPTH + 1) + "closed=1");
        assertEquals(List.of("j2"), matching("(".repeat(50) + "closed=1" + ")".repeat(50)));
    }

    @Test
    void nowAndTodayAreTheTimeOfTheQueryAndTheStartOfItsDayInUtcWithOffsets() {
        assertEquals(List.of("j1", "j3"), matching("dueDate < now()"));
        assertEquals(List.of("j3"), matching("dueDate < now() - 1d"));
        assertEquals(List.of("j3"), matching("dueDate < now()-7d"));
        assertEquals(List.of("j1"), matching("dueDate >= today() - 1"));
        assertEquals(List.of("j1"), matching("dueDate >= TODAY() -24h AND dueDate < Now() + 30m"));
        assertEquals(List.of(), matching("dueDate > today() + 86400s"));
    }

    @Test
    void nowAndTodayTakeWholeOffsetsInDaysHoursMinutesOrSecondsAndCompareWithDatesOnly() {
        assertEquals(11, error("priority = now()").position());
        assertEquals(14, error("dueDate < now(").position());
        assertEquals(18, error("dueDate < now() + x").position());
        assertEquals(18, error("dueDate < now() + 7w").position());
        assertEquals(18, error("dueDate < now() + 1.5d").position());
        assertEquals(18, error("dueDate < now() + -7d").position());
        assertEquals(18, error("dueDate < now() + 1234567890d").position());
        assertTrue(error("dueDate < now() + x").getMessage().contains("such as 7d, 12h, 30m, 45s"));
    }

    @Test
    void theSlaClocksFieldsAreReadAtTheTimeOfTheQuery() {
        JobsInMemory domain = new JobsInMemory();
        Job due = domain.due(Instant.parse("2026-03-02T09:20:00Z"), "review");
        var condition = Condition.compile(QueryParser.parse(
                "overdue = 1 AND activeSeconds >= 1800 AND heldSeconds = 0 AND effectiveDueDate < now()", NOW));

        assertTrue(condition.test(name -> JobField.named(name).orElseThrow().valueOf(due, NOW)));
        assertFalse(condition.test(name -> JobField.named(name).orElseThrow().valueOf(due, Instant.parse("2026-03-02T09:10:00Z"))));
        assertEquals(List.of("j1", "j2", "j3", "j4"), matching("overdue = 0 AND activeSeconds IS NULL"), "jobs without a clock are never overdue");
    }

    @Test
    void freeTextNeedsEveryTermSomewhereInTheTextPropertiesIgnoringCase() {
        var text = Condition.freeText("ROAD amy");
        assertTrue(text.test(List.of("Fix the road", "amy")));
        assertFalse(text.test(List.of("Fix the road", "cjones")));
    }
}
