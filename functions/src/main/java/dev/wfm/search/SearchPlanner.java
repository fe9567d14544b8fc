package dev.wfm.search;

import dev.wfm.jobs.DueDateIndex;
import dev.wfm.jobs.JobIndex;
import dev.wfm.jobs.OverdueIndex;
import dev.wfm.jobs.StatusPriorityIndex;
import dev.wfm.store.Keys;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Chooses how a search reads jobs. The rules:
 * <ol>
 *   <li>Only conditions every match must satisfy can narrow the read: the terms of the top-level
 *       AND chain of {@code q} (anything under OR or NOT cannot).</li>
 *   <li>Such a term {@code field = value} or {@code field IN (v1, v2, ...)} on an indexed field
 *       ({@link JobIndex}: assignedTo, currentStepAssignedTo, jobTemplateId, jobStatus, priority, closed) makes the read a
 *       Query of that index's partition for each value (an IN of n values is n Queries, its
 *       results merged).</li>
 *   <li>Such a term {@code overdue = 1} (or TRUE) makes the read a range Query of the item's
 *       partition of {@link OverdueIndex} up to now: the open jobs whose clock passed their
 *       effective due date ({@code overdue = 0} cannot narrow: the rules below apply).</li>
 *   <li>Such terms comparing {@code dueDate} with a time ({@code <, <=, >, >=, =}; two make a range)
 *       make the read a range Query of the item's partition of {@link DueDateIndex}.</li>
 *   <li>Terms naming both {@code jobStatus} and {@code priority} (equalities or INs) make the read a
 *       Query of {@link StatusPriorityIndex} per pair of values (at most 20 pairs).</li>
 *   <li>With several such terms the index earliest in this fixed preference order wins:
 *       assignedTo, currentStepAssignedTo, overdue, jobTemplateId, jobStatus with priority, jobStatus, priority, dueDate,
 *       closed (an assignee has few jobs, the overdue jobs should be few, a due date range may be wide, the open jobs are
 *       many); for the same index an equality beats an IN.</li>
 *   <li>Without one, the read is a Query of the item's job listing (gsi1, {@code ITEM#{itemId}#JOBS}).
 *       A search never Scans the table.</li>
 *   <li>All of {@code q} and {@code search} then filter the candidates in memory; {@code total}
 *       counts the matches of the same read.</li>
 * </ol>
 * The indexes are eventually consistent: a job changed a moment ago may be found by its old values.
 */
public final class SearchPlanner {
    private SearchPlanner() {}

    /** The plan at {@code now}: overdue means overdue at that time. */
    public static SearchPlan plan(String itemId, Expr where, Instant now) {
        List<Expr> terms = new ArrayList<>();
        if (where != null) {
            conjuncts(where, terms);
        }
        SearchPlan best = null;
        int bestRank = Integer.MAX_VALUE;
        for (Expr term : terms) {
            if (overdue(term) && OVERDUE_RANK < bestRank) {
                // the index's keys are rounded up to the second, and so is the bound: no overdue job is left out
                bestRank = OVERDUE_RANK;
                best = new SearchPlan(OverdueIndex.NAME, OverdueIndex.PARTITION, JobField.OVERDUE.fieldName(),
                        List.of(OverdueIndex.partition(itemId)), new SearchPlan.Range(OverdueIndex.SORT, null, Keys.timeKey(now)));
            }
            Optional<Candidate> candidate = candidate(term);
            // Jobs with an empty value are not in the index (JobIndex), and none has a value too long for
            // a key (a Query for one would fail): such a term cannot narrow, the filter answers it.
            if (candidate.isEmpty() || candidate.get().values().contains("")) {
                continue;
            }
            JobIndex index = candidate.get().index();
            if (candidate.get().values().stream().anyMatch(value -> !Keys.fitsPartitionKey(index.partition(itemId, value)))) {
                continue;
            }
            int rank = rank(index) + candidate.get().values().size();
            if (rank < bestRank) {
                bestRank = rank;
                best = new SearchPlan(index.indexName(), index.attribute(), index.field(),
                        candidate.get().values().stream().distinct().map(value -> index.partition(itemId, value)).toList(), null,
                        index.keysOnly());
            }
        }
        Optional<SearchPlan> pairs = statusAndPriority(itemId, terms);
        if (pairs.isPresent() && STATUS_PRIORITY_RANK < bestRank) {
            best = pairs.get();
        }
        Optional<SearchPlan> due = dueDateRange(itemId, terms);
        if (due.isPresent() && DUE_DATE_RANK < bestRank) {
            best = due.get();
        }
        return best != null ? best : new SearchPlan(Keys.GSI1, Keys.GSI1_PK, null, List.of(Keys.jobListing(itemId)));
    }

    /** An index's ranks: an equality or IN on it ranks {@code ordinal * 1000 + values}. */
    private static int rank(JobIndex index) {
        return index.ordinal() * 1000;
    }

    /** After the template index, before status and priority alone. */
    private static final int STATUS_PRIORITY_RANK = rank(JobIndex.STATUS) - 1;
    /** The most pairs a search reads partitions of: an IN of each side makes their product. */
    private static final int MAX_PAIRS = 20;

    /**
     * The Queries of {@link StatusPriorityIndex} when terms name both the status and the priority
     * (each an equality or an IN): one per pair of values, at most {@value #MAX_PAIRS}.
     */
    private static Optional<SearchPlan> statusAndPriority(String itemId, List<Expr> terms) {
        Candidate status = null;
        Candidate priority = null;
        for (Expr term : terms) {
            Optional<Candidate> candidate = candidate(term).filter(found -> !found.values().contains(""));
            if (candidate.isPresent() && candidate.get().index() == JobIndex.STATUS
                    && (status == null || candidate.get().values().size() < status.values().size())) {
                status = candidate.get();
            } else if (candidate.isPresent() && candidate.get().index() == JobIndex.PRIORITY
                    && (priority == null || candidate.get().values().size() < priority.values().size())) {
                priority = candidate.get();
            }
        }
        if (status == null || priority == null) {
            return Optional.empty();
        }
        List<String> partitions = new ArrayList<>();
        for (String statusValue : status.values().stream().distinct().toList()) {
            for (String priorityValue : priority.values().stream().distinct().toList()) {
                partitions.add(StatusPriorityIndex.partition(itemId, statusValue, priorityValue));
            }
        }
        if (partitions.size() > MAX_PAIRS || !partitions.stream().allMatch(Keys::fitsPartitionKey)) {
            return Optional.empty();
        }
        return Optional.of(new SearchPlan(StatusPriorityIndex.NAME, StatusPriorityIndex.PARTITION, "jobStatus+priority", partitions,
                null, true));
    }

    /** After the template, status and priority indexes: a range may be wide; before closed. */
    private static final int DUE_DATE_RANK = rank(JobIndex.CLOSED) - 500;

    /**
     * The range Query of {@link DueDateIndex} that the terms comparing {@code dueDate} with a time
     * bound ({@code <, <=, >, >=, =}; several make a range). Its keys are due dates rounded up to
     * the second, so a bound rounded up the same way leaves out no match.
     */
    private static Optional<SearchPlan> dueDateRange(String itemId, List<Expr> terms) {
        Instant from = null;
        Instant upTo = null;
        for (Expr term : terms) {
            if (term instanceof Expr.Compare compare && compare.field().equals(JobField.DUE_DATE.fieldName())
                    && compare.value() instanceof Instant bound) {
                switch (compare.op()) {
                    case LT, LE -> upTo = upTo == null || bound.isBefore(upTo) ? bound : upTo;
                    case GT, GE -> from = from == null || bound.isAfter(from) ? bound : from;
                    case EQ -> {
                        upTo = upTo == null || bound.isBefore(upTo) ? bound : upTo;
                        from = from == null || bound.isAfter(from) ? bound : from;
                    }
                    case NE -> { }
                }
            }
        }
        if (from == null && upTo == null) {
            return Optional.empty();
        }
        return Optional.of(new SearchPlan(DueDateIndex.NAME, DueDateIndex.PARTITION, JobField.DUE_DATE.fieldName(),
                List.of(DueDateIndex.partition(itemId)), new SearchPlan.Range(DueDateIndex.SORT,
                        from == null ? null : Keys.timeKey(from), upTo == null ? null : Keys.timeKey(upTo)), true));
    }

    /** After the assignee indexes, before the template index. */
    private static final int OVERDUE_RANK = rank(JobIndex.TEMPLATE) - 500;

    /** {@code overdue = 1} (or TRUE). */
    private static boolean overdue(Expr term) {
        return term instanceof Expr.Compare compare && compare.op() == Expr.Op.EQ
                && compare.field().equals(JobField.OVERDUE.fieldName()) && Boolean.TRUE.equals(compare.value());
    }

    private static void conjuncts(Expr expr, List<Expr> into) {
        if (expr instanceof Expr.And and) {
            conjuncts(and.left(), into);
            conjuncts(and.right(), into);
        } else {
            into.add(expr);
        }
    }

    private record Candidate(JobIndex index, List<String> values) {}

    private static Optional<Candidate> candidate(Expr term) {
        if (term instanceof Expr.Compare compare && compare.op() == Expr.Op.EQ) {
            return JobIndex.of(compare.field()).map(index -> new Candidate(index, List.of(keyValue(compare.value()))));
        }
        if (term instanceof Expr.In in) {
            return JobIndex.of(in.field()).map(index -> new Candidate(index, in.values().stream().map(SearchPlanner::keyValue).toList()));
        }
        return Optional.empty();
    }

    /** The value as the index key spells it (JobIndex: strings as they are, booleans as true/false). */
    private static String keyValue(Object value) {
        return value.toString();
    }
}
