package dev.wfm.sockets;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.wfm.diagrams.Step;
import dev.wfm.items.WorkflowItem;
import dev.wfm.jobs.Job;
import dev.wfm.jobs.JobsInMemory;
import dev.wfm.jobs.events.JobEvent.StepAssigned;
import dev.wfm.jobs.events.JobEvent.StepBecameCurrent;
import dev.wfm.jobs.events.JobEvent.StepClaimed;
import dev.wfm.jobs.events.JobEvent.StepFinished;
import dev.wfm.jobs.events.JobEvent.StepGivenBack;
import dev.wfm.jobs.events.JobEvent;
import dev.wfm.security.Role;
import dev.wfm.store.Keys;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import org.junit.jupiter.api.Test;

/** Whom an event reaches: only readers of the item, and "my work" of the step's assignee. */
class AudienceTest {
    private static final Instant AT = Instant.parse("2026-03-02T09:00:00Z");
    private static final Instant LATER = AT.plusSeconds(3600);
    private static final WorkflowItem ITEM = new WorkflowItem(JobsInMemory.ITEM, "Permits", null,
            Map.of(Role.MANAGER, List.of("managers"), Role.WORKER, List.of("editors")), "admin", AT, 1);

    private final JobsInMemory domain = new JobsInMemory();

    @Test
    void onlyConnectionsWhoseUserHoldsARoleInTheItemAreReachedEachOnce() {
        Connection manager = connection("c1", JobsInMemory.ITEM, "maria", "managers");
        Connection editor = connection("c2", JobsInMemory.ITEM, "eddie", "editors", "field");
        Connection stranger = connection("c3", JobsInMemory.ITEM, "olga", "outsiders");
        Connection elsewhere = connection("c4", "other-item", "maria", "managers");

        assertEquals(List.of(manager, editor), Audience.mayRead(List.of(manager, editor, stranger, elsewhere, manager), Optional.of(ITEM)));
        assertEquals(List.of(), Audience.mayRead(List.of(manager), Optional.empty()), "nobody reads an item that is gone");
    }

    @Test
    void aStepThatBecameCurrentReachesTheWorkOfItsGroupOrUser() {
        Job atEdit = domain.job("edit");
        assertEquals(Optional.of(Keys.groupSubscribers(JobsInMemory.ITEM, "editors")), work(new StepBecameCurrent("edit", "system", AT), atEdit));
        Job reassigned = domain.job(job -> job.with(b -> b.replaceStep(job.currentStep("edit").orElseThrow().assigned("User", "eddie"))), "edit");
        assertEquals(Optional.of(Keys.userSubscribers(JobsInMemory.ITEM, "eddie")), work(new StepBecameCurrent("edit", "system", AT), reassigned),
                "as the job's step is assigned now");
        assertEquals(Optional.empty(), work(new StepBecameCurrent("define", "system", AT), domain.job("define")), "define is nobody's in particular");
    }

    @Test
    void aStepGoneOnAlreadyReachesTheWorkOfTheAssigneeItsDiagramStepNames() {
        assertEquals(Optional.of(Keys.groupSubscribers(JobsInMemory.ITEM, "editors")),
                work(new StepBecameCurrent("edit", "system", AT), domain.job("qa")));
    }

    @Test
    void aReassignedStepReachesTheWorkOfItsNewAssigneeAndOtherEventsNoWork() {
        Job atEdit = domain.job("edit");
        assertEquals(Optional.of(Keys.userSubscribers(JobsInMemory.ITEM, "sam")),
                work(new StepAssigned("edit", "maria", AT, "User", "sam", null), atEdit));
        assertEquals(Optional.empty(), work(new StepAssigned("edit", "maria", AT, "Unassigned", null, null), atEdit));
        assertEquals(Optional.empty(), work(new StepFinished("edit", "eddie", AT, Duration.ZERO, null, null), atEdit));
    }

    @Test
    void aStepClaimedFromAGroupOrGivenBackToItReachesThatGroupsWork() {
        Job atEdit = domain.job("edit");
        assertEquals(Optional.of(Keys.groupSubscribers(JobsInMemory.ITEM, "editors")),
                work(new StepClaimed("edit", "eddie", AT, "editors"), atEdit), "its members see it leave their work");
        assertEquals(Optional.of(Keys.groupSubscribers(JobsInMemory.ITEM, "editors")),
                work(new StepGivenBack("edit", "eddie", AT, "editors"), atEdit));
    }

    private Optional<String> work(JobEvent event, Job job) {
        Function<String, Optional<Step>> steps = stepId -> domain.catalog.step(job, stepId);
        return Audience.workPartition(job.itemId(), event, Optional.of(job), steps);
    }

    private static Connection connection(String id, String itemId, String user, String... groups) {
        return new Connection(id, itemId, user, List.of(groups), LATER);
    }
}
