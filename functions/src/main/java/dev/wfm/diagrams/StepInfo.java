package dev.wfm.diagrams;

/**
 * What every step has, whatever its type.
 *
 * @param description help text shown to whoever works the step; may be null
 * @param assignedType default assignment; null leaves it to the job
 * @param assignedTo the user or group for {@code USER}/{@code GROUP}; null otherwise
 * @param autoRun start the step by itself when it becomes current (human steps; automated steps
 *     always run by themselves)
 */
public record StepInfo(
        String id,
        String name,
        String description,
        AssignedType assignedType,
        String assignedTo,
        boolean autoRun) {

    public StepInfo(String id, String name) {
        this(id, name, null, null, null, false);
    }
}
