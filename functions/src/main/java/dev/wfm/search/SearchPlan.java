package dev.wfm.search;

import java.util.List;

/**
 * How a search reads its candidates: a DynamoDB Query of each {@code partitions} key on
 * {@code index} ({@code field} says which equality chose it; null for the item's job listing).
 * The whole condition is then applied to every candidate, so the plan only narrows, never decides.
 */
public record SearchPlan(String index, String keyAttribute, String field, List<String> partitions) {
    public SearchPlan {
        partitions = List.copyOf(partitions);
    }
}
