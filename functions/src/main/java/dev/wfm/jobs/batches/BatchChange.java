package dev.wfm.jobs.batches;

import dev.wfm.security.Privilege;
import com.fasterxml.jackson.databind.JsonNode;
import dev.wfm.common.JsonFields;
import dev.wfm.common.Refusal;
import dev.wfm.jobs.Actor;
import dev.wfm.jobs.commands.UpdateJob;
import dev.wfm.jobs.lifecycle.JobLifecycle;
import dev.wfm.jobs.lifecycle.JobUpdates;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.function.Function;

/**
 * What a batch update does to each of its jobs: {@code {type, ...}}, the type one of
 * {@link Type}; an {@code update} sets the basic properties it names
 * ({@link JobUpdates#FIELD_CHANGES}), a {@code reopen} may name the {@code stepId} to reopen at.
 * Each job is changed by the same command its single-job route uses, so it has the same checks
 * and leaves the same history.
 */
public record BatchChange(Type type, JsonNode body) {
    public enum Type {
        UPDATE, CLOSE, REOPEN, DELETE, UPGRADE, PAUSE, RESUME;

        String spelled() {
            return name().toLowerCase(Locale.ROOT);
        }
    }

    /** The change of a batch request, checked for its shape (its values are checked against the item by {@link #check}). */
    public static BatchChange read(JsonNode change) {
        if (change == null || !change.isObject()) {
            throw Refusal.invalid("change must be an object {type, ...}, type one of " + spellings(), "change");
        }
        String spelled = JsonFields.requiredString(change, "type", 20);
        Type type = Arrays.stream(Type.values()).filter(candidate -> candidate.spelled().equals(spelled)).findFirst()
                .orElseThrow(() -> Refusal.invalid("change.type must be one of " + spellings() + ", but got '" + spelled + "'", "change.type"));
        Set<String> fields = new HashSet<>(Set.of("type"));
        if (type == Type.UPDATE) {
            fields.addAll(JobUpdates.FIELD_CHANGES);
        } else if (type == Type.REOPEN) {
            fields.add("stepId");
        }
        JsonFields.refuseUnknown(change, "change", fields);
        if (type == Type.UPDATE && change.size() == 1) {
            throw Refusal.invalid("An update names at least one of " + JobUpdates.FIELD_CHANGES.stream().sorted().toList(), "change");
        }
        return new BatchChange(type, change);
    }

    /** What the change needs of whoever submits it: its command's privilege (an update that assigns, the assigning one too). */
    public List<Privilege> privileges() {
        return switch (type) {
            case UPDATE -> body.has("assignedType") || body.has("assignedTo") ? List.of(Privilege.UPDATE_JOBS, Privilege.ASSIGN_JOBS)
                    : List.of(Privilege.UPDATE_JOBS);
            case CLOSE -> List.of(Privilege.CLOSE_JOBS);
            case REOPEN -> List.of(Privilege.REOPEN_CLOSED_JOBS);
            case DELETE -> List.of(Privilege.DELETE_JOBS);
            case UPGRADE -> List.of(Privilege.UPGRADE_JOBS);
            case PAUSE, RESUME -> List.of(Privilege.PAUSE_JOBS);
        };
    }

    /** Refuses values the item does not take (an update's priority, status, assignment): before a batch is accepted. */
    public void check(String itemId, JobUpdates updates) {
        if (type == Type.UPDATE) {
            updates.fieldChanges(itemId, body);
        } else if (type == Type.REOPEN) {
            JsonFields.optionalString(body, "stepId", 64);
        }
    }

    /**
     * The change as it applies to jobs through {@code lifecycle} (a batch's), a result per job; what
     * it reads of the item (an update's lookups) is read here once, not for every group of jobs.
     */
    public Function<List<String>, List<JobLifecycle.Result>> prepared(JobLifecycle lifecycle, JobUpdates updates, String itemId,
                                                                        Actor actor) {
        return switch (type) {
            case UPDATE -> {
                UpdateJob.Changes changes = updates.fieldChanges(itemId, body);
                yield jobIds -> lifecycle.update(itemId, jobIds, actor, changes);
            }
            case CLOSE -> jobIds -> lifecycle.close(itemId, jobIds, actor);
            case REOPEN -> {
                String stepId = JsonFields.optionalString(body, "stepId", 64);
                yield jobIds -> lifecycle.reopen(itemId, jobIds, stepId, actor);
            }
            case DELETE -> jobIds -> lifecycle.delete(itemId, jobIds);
            case UPGRADE -> jobIds -> lifecycle.upgrade(itemId, jobIds, actor);
            case PAUSE -> jobIds -> lifecycle.pause(itemId, jobIds, actor);
            case RESUME -> jobIds -> lifecycle.resume(itemId, jobIds, actor);
        };
    }

    private static List<String> spellings() {
        return Arrays.stream(Type.values()).map(Type::spelled).toList();
    }
}
