package dev.wfm.search;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.wfm.jobs.Job;
import java.math.BigDecimal;
import java.time.Instant;

/**
 * A field a search can return, sort and group by: a {@link JobField}, or an extended property
 * field {@code table.field} of a one-to-one table ({@link ExtendedFields.Field}).
 */
public interface SearchField {
    String fieldName();

    FieldType type();

    /** The job's value at {@code now}: a String, BigDecimal, Boolean or Instant, or null when absent. */
    Object valueOf(Job job, Instant now);

    /** Puts the job's value at {@code now} under the field's name, typed as JSON. */
    default void write(Job job, Instant now, ObjectNode node) {
        put(node, fieldName(), valueOf(job, now));
    }

    /** A field value as JSON: booleans and numbers as such, times and strings as text. */
    static void put(ObjectNode node, String name, Object value) {
        if (value == null) {
            node.putNull(name);
        } else if (value instanceof Boolean b) {
            node.put(name, b);
        } else if (value instanceof BigDecimal d) {
            node.put(name, d);
        } else {
            node.put(name, value.toString());
        }
    }
}
