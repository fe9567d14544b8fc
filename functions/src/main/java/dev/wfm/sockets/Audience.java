package dev.wfm.sockets;

import dev.wfm.diagrams.Step;
import dev.wfm.items.WorkflowItem;
import dev.wfm.jobs.CurrentStep;
import dev.wfm.jobs.Job;
import dev.wfm.jobs.events.JobEvent.CurrentStepSet;
import dev.wfm.jobs.events.JobEvent.StepAssigned;
import dev.wfm.jobs.events.JobEvent.StepBecameCurrent;
import dev.wfm.jobs.events.JobEvent.StepClaimed;
import dev.wfm.jobs.events.JobEvent.StepGivenBack;
import dev.wfm.jobs.events.JobEvent;
import dev.wfm.store.Keys;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;

/**
 * Who an event reaches: the connections subscribed to its job, and, for a step that became current
 * or was reassigned, those subscribed to the work of the user or group it is assigned to (of the
 * group, for a step claimed from it or given back to it); of them,
 * only those whose user, with their groups, holds a role in the item now (checked at every push:
 * a subscription outlives a change of the item's roles).
 */
final class Audience {
    private Audience() {}

    /** The subscribers partition of "my work" the event concerns, if any. */
    static Optional<String> workPartition(String itemId, JobEvent event, Optional<Job> job, Function<String, Optional<Step>> steps) {
        String type;
        String to;
        if (event instanceof StepAssigned assigned) {
            type = assigned.assignedType();
            to = assigned.assignedTo();
        } else if (event instanceof StepClaimed claimed) {
            // the group's members see it leave their work (the claimer took it)
            type = "Group";
            to = claimed.group();
        } else if (event instanceof StepGivenBack givenBack) {
            type = "Group";
            to = givenBack.group();
        } else if (event instanceof StepBecameCurrent || event instanceof CurrentStepSet) {
            Optional<CurrentStep> current = job.flatMap(j -> j.currentStep(event.stepId()));
            if (current.isPresent()) {
                type = current.get().assignedType();
                to = current.get().assignedTo();
            } else {
                // gone on already: assigned as it was when it became current, by its diagram step, else as the job is
                Optional<Step> step = steps.apply(event.stepId()).filter(s -> s.info().assignedType() != null);
                type = step.map(s -> s.info().assignedType().json()).orElse(job.map(Job::assignedType).orElse(null));
                to = step.map(s -> s.info().assignedTo()).orElse(job.map(Job::assignedTo).orElse(null));
            }
        } else {
            return Optional.empty();
        }
        if (to == null || to.isBlank()) {
            return Optional.empty();
        }
        return switch (type == null ? "" : type) {
            case "User" -> Optional.of(Keys.userSubscribers(itemId, to));
            case "Group" -> Optional.of(Keys.groupSubscribers(itemId, to));
            default -> Optional.empty();
        };
    }

    /** Each connection once, of those that may read the item (none when the item is gone). */
    static List<Connection> mayRead(List<Connection> candidates, Optional<WorkflowItem> item) {
        Map<String, Connection> readers = new LinkedHashMap<>();
        for (Connection connection : candidates) {
            if (item.isPresent() && item.get().itemId().equals(connection.itemId()) && !item.get().rolesOf(connection.identity()).isEmpty()) {
                readers.putIfAbsent(connection.connectionId(), connection);
            }
        }
        return List.copyOf(readers.values());
    }
}
