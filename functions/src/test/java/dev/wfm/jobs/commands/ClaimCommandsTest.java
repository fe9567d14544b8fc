package dev.wfm.jobs.commands;

import static dev.wfm.jobs.JobsInMemory.EDITOR;
import static dev.wfm.jobs.JobsInMemory.MANAGER;
import static dev.wfm.jobs.JobsInMemory.SURVEYOR;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.wfm.common.Refusal;
import dev.wfm.diagrams.Step;
import dev.wfm.jobs.Actor;
import dev.wfm.jobs.CurrentStep;
import dev.wfm.jobs.Job;
import dev.wfm.jobs.JobsInMemory;
import dev.wfm.jobs.StepStatus;
import dev.wfm.jobs.actions.StepResponse;
import dev.wfm.jobs.events.HistoryEntry;
import dev.wfm.security.Role;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** Claim and GiveBack decided on a job in memory: each guard's refusal, and what an accepted claim or give-back records. */
class ClaimCommandsTest {
    private static final Actor EDDA = new Actor("edda", List.of("editors"), Set.of(Role.WORKER));
    private static final String CLAIM_EDIT = "{\"type\": \"Claim\", \"stepIds\": [\"edit\"]}";
    private static final String GIVE_BACK_EDIT = "{\"type\": \"GiveBack\", \"stepIds\": [\"edit\"]}";
    private final JobsInMemory domain = new JobsInMemory();

    @Test
    void aMemberClaimsTheirGroupsStepWhichBecomesTheirsRememberingTheGroup() {
        Job job = domain.job("edit");

        StepResponse claimed = only(domain.act(job, EDITOR, CLAIM_EDIT));

        assertTrue(claimed.success(), claimed.toString());
        assertEquals("Ready", claimed.status());
        CurrentStep edit = domain.stored(job).currentStep("edit").orElseThrow();
        assertEquals(List.of("User", "eddie", "editors"), List.of(edit.assignedType(), edit.assignedTo(), edit.claimedFrom()));
        HistoryEntry entry = only(domain.history(job));
        assertEquals(List.of("StepClaimed", "edit", "eddie", "editors"),
                List.of(entry.action(), entry.stepId(), entry.user(), entry.details().path("group").asText()));
    }

    @Test
    void aStepOfAGroupTheCallerIsNotInCannotBeClaimedEvenByAManager() {
        Job job = domain.job("edit");

        StepResponse refused = only(domain.act(job, SURVEYOR, CLAIM_EDIT));

        assertRefused(refused, "NOT_IN_GROUP", Refusal.Kind.PERMISSION_DENIED);
        assertEquals("Step 'edit' is assigned to group 'editors', and you are not one of its members. Ask a manager to assign it to you.",
                refused.message());
        assertRefused(only(domain.act(job, MANAGER, CLAIM_EDIT)), "NOT_IN_GROUP", Refusal.Kind.PERMISSION_DENIED);
        assertUnchanged(job);
    }

    @Test
    void aStepAssignedToAUserOrToNobodyCannotBeClaimed() {
        Job byUser = domain.job(j -> j.with(b -> b.replaceStep(j.currentStep("edit").orElseThrow().assigned("User", "sam"))), "edit");
        Job unassigned = domain.job("define");

        StepResponse refused = only(domain.act(byUser, EDITOR, CLAIM_EDIT));

        assertRefused(refused, "STEP_NOT_GROUP_ASSIGNED", Refusal.Kind.CONFLICT);
        assertEquals("Expected step 'edit' to be assigned to a group to claim it, but it is assigned to user 'sam'. Ask a manager to reassign it.",
                refused.message());
        assertRefused(only(domain.act(unassigned, EDITOR, "{\"type\": \"Claim\", \"stepIds\": [\"define\"]}")),
                "STEP_NOT_GROUP_ASSIGNED", Refusal.Kind.CONFLICT);
        assertUnchanged(byUser);
        assertUnchanged(unassigned);
    }

    @Test
    void claimingAStepOneHasClaimedAlreadyIsRefusedAsYoursAlready() {
        Job job = domain.job("edit");
        only(domain.act(job, EDITOR, CLAIM_EDIT));

        StepResponse again = only(domain.act(job, EDITOR, CLAIM_EDIT));

        assertRefused(again, "STEP_ALREADY_YOURS", Refusal.Kind.CONFLICT);
        assertRefused(only(domain.act(job, EDDA, CLAIM_EDIT)), "STEP_NOT_GROUP_ASSIGNED", Refusal.Kind.CONFLICT);
    }

    @Test
    void aStepRunningByItselfCannotBeClaimed() {
        Step notify = domain.catalog.version(JobsInMemory.ITEM, JobsInMemory.DIAGRAM, 1).step("notify").orElseThrow();
        Job job = domain.job(j -> {
            Job ofEditors = j.with(b -> {
                b.assignedType = "Group";
                b.assignedTo = "editors";
                return b;
            });
            return ofEditors.with(b -> {
                b.currentSteps.add(CurrentStep.running(notify, ofEditors, domain.now()));
                return b;
            });
        });

        assertRefused(only(domain.act(job, EDITOR, "{\"type\": \"Claim\", \"stepIds\": [\"notify\"]}")), "STEP_RUNNING",
                Refusal.Kind.CONFLICT);
    }

    @Test
    void aClaimedStepGivenBackIsTheGroupsAgainWithItsStatusKept() {
        Job job = domain.job("edit");
        only(domain.act(job, EDITOR, CLAIM_EDIT));
        only(domain.act(job, EDITOR, "{\"type\": \"Run\", \"stepIds\": [\"edit\"]}"));

        StepResponse givenBack = only(domain.act(job, EDITOR, GIVE_BACK_EDIT));

        assertTrue(givenBack.success(), givenBack.toString());
        CurrentStep edit = domain.stored(job).currentStep("edit").orElseThrow();
        assertEquals(List.of("Group", "editors"), List.of(edit.assignedType(), edit.assignedTo()));
        assertNull(edit.claimedFrom());
        assertEquals(StepStatus.Working, edit.status());
        HistoryEntry last = domain.history(job).get(domain.history(job).size() - 1);
        assertEquals(List.of("StepGivenBack", "eddie", "editors"), List.of(last.action(), last.user(), last.details().path("group").asText()));
    }

    @Test
    void onlyTheWorkerWhoClaimedAStepCanGiveItBack() {
        Job job = domain.job("edit");
        only(domain.act(job, EDITOR, CLAIM_EDIT));
        Job claimed = domain.stored(job);

        StepResponse refused = only(domain.act(job, EDDA, GIVE_BACK_EDIT));

        assertRefused(refused, "NOT_YOUR_CLAIM", Refusal.Kind.PERMISSION_DENIED);
        assertEquals("Step 'edit' was claimed by 'eddie', not by you: only they can give it back to group 'editors'.", refused.message());
        assertEquals(claimed, domain.stored(job), "nothing written");
    }

    @Test
    void aStepNobodyClaimedCannotBeGivenBackAndAManagersAssignmentEndsAClaim() {
        Job job = domain.job("edit");

        assertRefused(only(domain.act(job, EDITOR, GIVE_BACK_EDIT)), "STEP_NOT_CLAIMED", Refusal.Kind.CONFLICT);
        only(domain.act(job, EDITOR, CLAIM_EDIT));
        only(domain.act(job, MANAGER, "{\"type\": \"Assign\", \"stepId\": \"edit\", \"assignedType\": \"User\", \"assignedTo\": \"eddie\"}"));

        StepResponse refused = only(domain.act(job, EDITOR, GIVE_BACK_EDIT));

        assertRefused(refused, "STEP_NOT_CLAIMED", Refusal.Kind.CONFLICT);
        assertEquals("Expected step 'edit' to be claimed from a group to give it back, but it is assigned to User 'eddie' without a claim."
                + " Ask a manager to reassign it.", refused.message());
    }

    @Test
    void aPausedJobsStepsCannotBeClaimed() {
        Job job = domain.job(j -> j.with(b -> {
            b.paused = true;
            return b;
        }), "edit");

        assertRefused(only(domain.act(job, EDITOR, CLAIM_EDIT)), "JOB_PAUSED", Refusal.Kind.CONFLICT);
        assertEquals("Group", domain.stored(job).currentStep("edit").orElseThrow().assignedType());
    }

    private void assertUnchanged(Job job) {
        assertEquals(job, domain.stored(job), "nothing written");
        assertEquals(List.of(), domain.history(job));
    }

    private static <T> T only(List<T> items) {
        assertEquals(1, items.size(), items.toString());
        return items.get(0);
    }

    private static void assertRefused(StepResponse response, String code, Refusal.Kind kind) {
        assertFalse(response.success(), response.toString());
        assertEquals(List.of(code, kind.name()), List.of(response.code(), response.kind().name()), response.toString());
    }
}
