package dev.wfm.search;

import java.util.List;

/**
 * How a search reads its candidates: a DynamoDB Query of each {@code partitions} key on
 * {@code index} ({@code field} says which condition chose it; null for the item's job listing),
 * on a sorted index only within {@code range} (null: the whole partition); on an index that
 * projects keys only ({@code keysOnly}), the jobs found are then read by key. The whole condition is
 * then applied to every candidate, so the plan only narrows, never decides.
 */
public record SearchPlan(String index, String keyAttribute, String field, List<String> partitions, Range range, boolean keysOnly) {
    /** The sort keys read: those from {@code from} up to {@code upTo}, both included; a null end is open. */
    public record Range(String sortAttribute, String from, String upTo) {}

    public SearchPlan {
        partitions = List.copyOf(partitions);
    }

    /** A plan reading whole partitions of an index that holds the jobs. */
    public SearchPlan(String index, String keyAttribute, String field, List<String> partitions) {
        this(index, keyAttribute, field, partitions, null, false);
    }

    /** A plan reading a range of an index that holds the jobs. */
    public SearchPlan(String index, String keyAttribute, String field, List<String> partitions, Range range) {
        this(index, keyAttribute, field, partitions, range, false);
    }
}
