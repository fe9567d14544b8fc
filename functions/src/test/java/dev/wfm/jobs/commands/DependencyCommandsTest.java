package dev.wfm.jobs.commands;

import static dev.wfm.jobs.JobsInMemory.MANAGER;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.wfm.common.Json;
import dev.wfm.common.Refusal;
import dev.wfm.jobs.Dependency;
import dev.wfm.jobs.Job;
import dev.wfm.jobs.JobRepository;
import dev.wfm.jobs.JobsInMemory;
import dev.wfm.jobs.events.HistoryEntry;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Dependencies between jobs' steps, added and released on jobs in memory: every way one is refused, and what it records. */
class DependencyCommandsTest {
    private final JobsInMemory domain = new JobsInMemory();

    @Test
    void aDependencyIsHeldByTheDependentJobAndFoundFromTheJobItWaitsFor() {
        Job dependent = domain.job("define");
        Job other = domain.job("qa");

        Dependency added = domain.dependencies.add(dependent.itemId(), dependent.jobId(), "define", other.jobId(), "qa", MANAGER);

        assertEquals(List.of(added), domain.stored(dependent).dependencies());
        assertEquals(List.of(new JobRepository.Dependent(added.dependencyId(), dependent.jobId(), "qa")),
                domain.jobs.dependentsOf(other.itemId(), other.jobId()));
        assertEquals(new HistoryEntry("DependencyAdded", "define", "maria", domain.now(), null,
                Json.object().put("onJobId", other.jobId()).put("onStepId", "qa")), domain.history(dependent).get(0));
    }

    @Test
    void finishingAStepOfAJobNothingDependsOnLooksForNoDependentsUntilADependencyOnItIsAdded() {
        Job other = domain.job(job -> job.with(b -> {
            b.dependedOn = false; // as a job is created
            return b;
        }), "define", "qa");
        domain.act(other, MANAGER, "{\"type\": \"Finish\", \"stepId\": \"define\"}");
        assertEquals(0, domain.jobs.dependentLookups(), "nothing ever depended on it: no lookup");

        Job dependent = domain.job("define");
        domain.dependencies.add(dependent.itemId(), dependent.jobId(), "define", other.jobId(), "qa", MANAGER);
        assertEquals(Boolean.TRUE, domain.stored(other).dependedOn());
        assertEquals(List.of(), domain.history(other).stream().filter(entry -> !entry.action().startsWith("Step")).toList(),
                "the mark is bookkeeping: no history entry");
        domain.act(domain.stored(other), MANAGER, "{\"type\": \"Finish\", \"stepId\": \"qa\", \"returnCode\": \"pass\"}");

        assertEquals(1, domain.jobs.dependentLookups());
        assertEquals(List.of(), domain.stored(dependent).dependencies(), "the dependency was released when qa finished");
    }

    @Test
    void aDependencyThatWouldCloseACycleIsRefusedNamingTheCycleAndLeavesNoReverseRecord() {
        Job first = domain.job("define");
        Job second = domain.job("define");
        domain.dependencies.add(first.itemId(), first.jobId(), "define", second.jobId(), "review", MANAGER);

        Refusal refused = assertThrows(Refusal.class,
                () -> domain.dependencies.add(second.itemId(), second.jobId(), "define", first.jobId(), "review", MANAGER));

        assertEquals(List.of(Refusal.Kind.CONFLICT, "dependsOn"), List.of(refused.kind(), refused.target()));
        assertTrue(refused.details().stream().allMatch(detail -> detail.code().equals("DEPENDENCY_CYCLE")), refused.details().toString());
        assertEquals("step 'define' of job '" + second.jobId() + "' would wait for step 'review' of job '" + first.jobId() + "'",
                refused.details().get(0).message());
        assertEquals(List.of(), domain.stored(second).dependencies());
        assertEquals(List.of(), domain.jobs.dependentsOf(first.itemId(), first.jobId()));
    }

    @Test
    void aDependencyOnAStepThatFinishedAlreadyIsRefused() {
        Job dependent = domain.job("define");
        Job other = domain.job("review");
        domain.act(other, MANAGER, "{\"type\": \"Finish\", \"stepId\": \"review\", \"returnCode\": \"yes\"}");

        Refusal refused = assertThrows(Refusal.class,
                () -> domain.dependencies.add(dependent.itemId(), dependent.jobId(), "define", other.jobId(), "review", MANAGER));

        assertEquals(List.of(Refusal.Kind.CONFLICT, "dependsOn.stepId"), List.of(refused.kind(), refused.target()));
    }

    @Test
    void aDependencyOnAClosedJobOrAStepItsDiagramLacksIsRefused() {
        Job dependent = domain.job("define");
        Job closed = domain.job(job -> job.with(b -> {
            b.closed = true;
            return b;
        }), "review");

        assertEquals("dependsOn.jobId", assertThrows(Refusal.class,
                () -> domain.dependencies.add(dependent.itemId(), dependent.jobId(), "define", closed.jobId(), "review", MANAGER)).target());
        assertEquals("dependsOn.stepId", assertThrows(Refusal.class,
                () -> domain.dependencies.add(dependent.itemId(), dependent.jobId(), "define", closed.jobId(), "nowhere", MANAGER)).target());
        assertEquals("stepId", assertThrows(Refusal.class,
                () -> domain.dependencies.add(dependent.itemId(), dependent.jobId(), "nowhere", closed.jobId(), "review", MANAGER)).target());
        assertEquals("dependsOn.jobId", assertThrows(Refusal.class,
                () -> domain.dependencies.add(dependent.itemId(), dependent.jobId(), "define", "no-such-job", "review", MANAGER)).target());
    }

    @Test
    void finishingTheStepWaitedForReleasesTheDependency() {
        Job dependent = domain.job("define");
        Job other = domain.job("review");
        domain.dependencies.add(dependent.itemId(), dependent.jobId(), "define", other.jobId(), "review", MANAGER);

        domain.act(other, MANAGER, "{\"type\": \"Finish\", \"stepId\": \"review\", \"returnCode\": \"no\"}");

        assertEquals(List.of(), domain.stored(dependent).dependencies());
        assertEquals("DependencyReleased", domain.history(dependent).get(1).action());
        assertEquals("system", domain.history(dependent).get(1).user());
        assertTrue(domain.act(dependent, MANAGER, "{\"type\": \"Run\", \"stepId\": \"define\"}").get(0).success());
    }
}
