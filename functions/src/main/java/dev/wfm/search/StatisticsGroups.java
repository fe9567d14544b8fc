package dev.wfm.search;

import java.util.List;
import java.util.stream.Collectors;

/** The fields statistics group by: those with few distinct values worth counting. */
final class StatisticsGroups {
    static final List<JobField> ALLOWED = List.of(JobField.PRIORITY, JobField.JOB_STATUS, JobField.ASSIGNED_TO,
            JobField.ASSIGNED_TYPE, JobField.JOB_TEMPLATE_ID, JobField.CLOSED, JobField.DIAGRAM_ID, JobField.CREATED_BY,
            JobField.PAUSED, JobField.CURRENT_STEP, JobField.CURRENT_STEP_STATUS);

    private StatisticsGroups() {}

    static boolean allowed(JobField field) {
        return ALLOWED.contains(field);
    }

    static String names() {
        return ALLOWED.stream().map(JobField::fieldName).collect(Collectors.joining(", "));
    }
}
