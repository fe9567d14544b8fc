package dev.wfm.search;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

class SearchPlannerTest {
    private static final Instant NOW = Instant.parse("2026-03-02T09:30:00.250Z");

    private static SearchPlan plan(String q) {
        return SearchPlanner.plan("it", q == null ? null : QueryParser.parse(q, NOW), NOW);
    }

    @Test
    void withoutAnyIndexedEqualityTheItemsJobListingIsQueried() {
        for (String q : new String[] {null, "jobName LIKE 'x%'", "priority <> 'High'", "NOT assignedTo = 'amy'",
                "assignedTo = 'amy' OR priority = 'High'", "assignedTo IS NULL"}) {
            SearchPlan plan = plan(q);
            assertEquals("gsi1", plan.index(), String.valueOf(q));
            assertEquals(List.of("ITEM#it#JOBS"), plan.partitions());
        }
    }

    @Test
    void anEqualityOnAnIndexedFieldQueriesThatIndexsPartition() {
        assertEquals(new SearchPlan("jobsByAssignee", "assigneePk", "assignedTo", List.of("ITEM#it#ASSIGNEDTO#amy")),
                plan("assignedTo = 'amy'"));
        assertEquals(new SearchPlan("jobsByClosed", "closedPk", "closed", List.of("ITEM#it#CLOSED#false")), plan("closed = 0"));
        assertEquals("jobsByStatus", plan("jobName LIKE 'a%' AND (jobStatus = 'Open')").index());
    }

    @Test
    void theMostSelectiveIndexWinsByTheFixedPreferenceOrder() {
        assertEquals("jobsByAssignee", plan("closed=0 AND priority='High' AND jobStatus='Open' AND assignedTo='amy'").index());
        assertEquals("jobsByTemplate", plan("closed=0 AND jobTemplateId='t1' AND priority='High'").index());
        assertEquals("jobsByPriority", plan("closed=1 AND priority='High'").index());
    }

    @Test
    void theCurrentStepsAssigneeQueriesItsKeysOnlyIndexAfterTheJobsAssigneeAndBeforeOverdue() {
        assertEquals(new SearchPlan("jobsByCurrentStepAssignee", "stepAssigneePk", "currentStepAssignedTo",
                List.of("ITEM#it#CURRENTSTEPASSIGNEDTO#amy", "ITEM#it#CURRENTSTEPASSIGNEDTO#editors"), null, true),
                plan("closed = 0 AND currentStepAssignedTo IN ('amy', 'editors')"));
        assertEquals("jobsByAssignee", plan("currentStepAssignedTo = 'amy' AND assignedTo = 'bob'").index());
        assertEquals("jobsByCurrentStepAssignee", plan("overdue = 1 AND jobTemplateId = 't1' AND currentStepAssignedTo = 'amy'").index());
        assertEquals("gsi1", plan("currentStepAssignedTo <> 'amy'").index());
    }

    @Test
    void anInListBecomesOneQueryPerValueAndAnEqualityOnTheSameIndexBeatsIt() {
        SearchPlan in = plan("assignedType='User' AND closed=0 AND assignedTo IN ('cjones','amy','amy')");
        assertEquals("jobsByAssignee", in.index());
        assertEquals(List.of("ITEM#it#ASSIGNEDTO#cjones", "ITEM#it#ASSIGNEDTO#amy"), in.partitions());
        assertEquals(List.of("ITEM#it#ASSIGNEDTO#amy"), plan("assignedTo IN ('a','b') AND assignedTo = 'amy'").partitions());
    }

    @Test
    void aValueTooLongForAnIndexKeyCannotNarrowAndNeverBecomesAQuery() {
        String tooLong = "x".repeat(2100);
        assertEquals("jobsByPriority", plan("assignedTo = '" + tooLong + "' AND priority = 'High'").index());
        assertEquals("gsi1", plan("jobStatus IN ('Open', '" + tooLong + "')").index());
    }

    @Test
    void overdueIsARangeQueryOfTheItemsOverdueIndexUpToNowRoundedUpToTheSecond() {
        assertEquals(new SearchPlan("jobsByOverdueFrom", "overdueFromPk", "overdue", List.of("ITEM#it#OVERDUE"),
                new SearchPlan.Range("overdueFrom", null, "2026-03-02T09:30:01Z")), plan("overdue = 1"));
        assertEquals("jobsByOverdueFrom", plan("jobTemplateId = 't1' AND overdue = TRUE AND closed = 0").index(), "before the template");
        assertEquals("jobsByAssignee", plan("overdue = 1 AND assignedTo = 'amy'").index(), "after the assignee");
        for (String q : new String[] {"overdue = 0", "NOT overdue = 1", "overdue = 1 OR priority = 'High'", "overdue <> 0"}) {
            assertEquals("gsi1", plan(q).index(), q);
        }
    }

    @Test
    void aStatusWithAPriorityQueriesThePairsPartitionsBeforeEitherAlone() {
        assertEquals(new SearchPlan("jobsByStatusAndPriority", "statusPriorityPk", "jobStatus+priority",
                List.of("ITEM#it#JOBSTATUS#Open#PRIORITY#High"), null, true), plan("closed = 0 AND priority = 'High' AND jobStatus = 'Open'"));
        assertEquals(List.of("ITEM#it#JOBSTATUS#Open#PRIORITY#High", "ITEM#it#JOBSTATUS#Open#PRIORITY#Low",
                "ITEM#it#JOBSTATUS#New#PRIORITY#High", "ITEM#it#JOBSTATUS#New#PRIORITY#Low"),
                plan("jobStatus IN ('Open', 'New') AND priority IN ('High', 'Low')").partitions());
        assertEquals("jobsByTemplate", plan("jobStatus = 'Open' AND priority = 'High' AND jobTemplateId = 't1'").index(), "after the template");
        assertEquals("jobsByStatus", plan("jobStatus = 'Open' AND (priority = 'High' OR priority = 'Low')").index(), "an OR cannot narrow");
        assertEquals("jobsByStatus", plan("jobStatus = 'Open' AND priority IN ('a','b','c','d','e','f','g','h','i','j','k','l','m','n','o',"
                + "'p','q','r','s','t','u')").index(), "past 20 pairs");
    }

    @Test
    void dueDateBoundsAreARangeQueryOfTheItemsDueDateIndexRoundedUpToTheSecond() {
        assertEquals(new SearchPlan("jobsByDueDate", "dueDatePk", "dueDate", List.of("ITEM#it#DUE"),
                new SearchPlan.Range("dueDateKey", null, "2026-04-01T00:00:00Z"), true), plan("dueDate < '2026-04-01'"));
        assertEquals(new SearchPlan.Range("dueDateKey", "2026-03-01T00:00:00Z", "2026-03-02T09:30:01Z"),
                plan("dueDate >= DATE '2026-03-01' AND closed = 0 AND dueDate <= now()").range(), "both ends, before closed");
        assertEquals(new SearchPlan.Range("dueDateKey", "2026-03-05T12:00:01Z", "2026-03-05T12:00:01Z"),
                plan("dueDate = '2026-03-05T12:00:00.500Z'").range());
        assertEquals("jobsByStatus", plan("jobStatus = 'New' AND dueDate < '2026-04-01'").index(), "after status");
        for (String q : new String[] {"dueDate <> '2026-04-01'", "NOT dueDate < '2026-04-01'", "dueDate < '2026-04-01' OR closed = 1",
                "dueDate IS NULL"}) {
            assertEquals("gsi1", plan(q).index(), q);
        }
    }

    @Test
    void anEmptyValueCannotUseTheSparseIndex() {
        assertEquals("gsi1", plan("assignedTo = ''").index());
    }
}
