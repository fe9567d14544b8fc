package dev.wfm.jobs;

import dev.wfm.store.Keys;
import dev.wfm.store.Table;
import java.util.HashMap;
import java.util.Map;
import java.util.function.Function;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/**
 * The sparse search indexes of job records (template.yaml's WorkflowTable GSIs): one partition per
 * item and field value, {@code ITEM#{itemId}#{FIELD}#{value}}, hash key only (search sorts in
 * memory). A job without a value for the field is not in that index. Declared in the order the
 * search planner prefers them: the usually most selective first (an assignee's jobs are few, the
 * open jobs many). The current step's assignee changes with every transition, so its index holds
 * keys only: an entry rewritten costs one write unit, not the job's four.
 */
public enum JobIndex {
    ASSIGNEE("jobsByAssignee", "assigneePk", "assignedTo", Job::assignedTo, false),
    CURRENT_STEP_ASSIGNEE("jobsByCurrentStepAssignee", "stepAssigneePk", "currentStepAssignedTo",
            job -> job.currentSteps().stream().findFirst().map(CurrentStep::assignedTo).orElse(null), true),
    TEMPLATE("jobsByTemplate", "templatePk", "jobTemplateId", Job::jobTemplateId, false),
    STATUS("jobsByStatus", "statusPk", "jobStatus", Job::jobStatus, false),
    PRIORITY("jobsByPriority", "priorityPk", "priority", Job::priority, false),
    CLOSED("jobsByClosed", "closedPk", "closed", job -> Boolean.toString(job.closed()), false);

    private final String indexName;
    private final String attribute;
    private final String field;
    private final Function<Job, String> value;
    private final boolean keysOnly;

    JobIndex(String indexName, String attribute, String field, Function<Job, String> value, boolean keysOnly) {
        this.indexName = indexName;
        this.attribute = attribute;
        this.field = field;
        this.value = value;
        this.keysOnly = keysOnly;
    }

    /** The index of a job field (as search names it), if it has one. */
    public static java.util.Optional<JobIndex> of(String field) {
        return java.util.Arrays.stream(values()).filter(index -> index.field.equals(field)).findFirst();
    }

    public String indexName() {
        return indexName;
    }

    public String attribute() {
        return attribute;
    }

    /** Whether the index projects keys only: a read of it then reads the jobs it found by key. */
    public boolean keysOnly() {
        return keysOnly;
    }

    /** The job field (as search names it) the index partitions by. */
    public String field() {
        return field;
    }

    /** The partition of the item's jobs whose field has {@code fieldValue} (booleans as true/false). */
    public String partition(String itemId, String fieldValue) {
        return Keys.jobIndex(itemId, field, fieldValue);
    }

    /** The field value whose jobs {@code partition} of the item holds: {@link #partition}'s inverse. */
    public String value(String itemId, String partition) {
        return partition.substring(partition(itemId, "").length());
    }

    /** The index key attributes a job record carries: one per index whose field the job has. */
    static Map<String, AttributeValue> keys(Job job) {
        Map<String, AttributeValue> keys = new HashMap<>();
        for (JobIndex index : values()) {
            String fieldValue = index.value.apply(job);
            if (fieldValue != null && !fieldValue.isEmpty()) {
                keys.put(index.attribute, Table.s(index.partition(job.itemId(), fieldValue)));
            }
        }
        return keys;
    }
}
