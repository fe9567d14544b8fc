package dev.wfm.search;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;

/** The fields statistics group by: the job fields with few distinct values worth counting, and extended property fields. */
public final class StatisticsGroups {
    static final List<JobField> ALLOWED = List.of(JobField.PRIORITY, JobField.JOB_STATUS, JobField.ASSIGNED_TO,
            JobField.ASSIGNED_TYPE, JobField.JOB_TEMPLATE_ID, JobField.CLOSED, JobField.DIAGRAM_ID, JobField.CREATED_BY,
            JobField.PAUSED, JobField.CURRENT_STEP, JobField.CURRENT_STEP_STATUS, JobField.OVERDUE);

    private StatisticsGroups() {}

    /**
     * One of the allowed job fields, spelt as the API does ({@code jobStatus}) or as the seed
     * product's examples do ({@code job_status}, any case), or an extended property field of the item.
     */
    public static Optional<SearchField> named(String name, Map<String, FieldType> extendedTypes) {
        String spelling = name.replace("_", "");
        return ALLOWED.stream().filter(field -> field.fieldName().equalsIgnoreCase(spelling)).findFirst().<SearchField>map(field -> field)
                .or(() -> Optional.ofNullable(extendedTypes.get(name)).map(type -> new ExtendedFields.Field(name, type)));
    }

    public static String names() {
        return ALLOWED.stream().map(JobField::fieldName).collect(Collectors.joining(", "));
    }
}
