package dev.wfm.jobs;

import com.fasterxml.jackson.core.JsonProcessingException;
import dev.wfm.common.Json;
import dev.wfm.common.Refusal;
import dev.wfm.store.Keys;
import dev.wfm.store.Table;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.QueryRequest;

/**
 * "My work": the current steps assigned to a user or to one of their groups, across an item's
 * jobs. Each such step has a work record under its job ({@link Keys#work}), written by
 * {@link JobStore} in the same transaction as the job change that makes, changes or ends the
 * step, and keyed into the sparse index {@value #INDEX} by its assignee's partition, sorted by
 * when the step became current (then job and step: a total order). A worker's queue is one Query
 * per partition (their own and each group's), never a Scan. Sorted by since, as My work opens,
 * each partition is read only as far as the page needs (its first start + limit + 1 in that
 * order: the page is among them); sorted otherwise or filtered by status, whole; the items are
 * then merged, filtered, sorted and paged in memory.
 */
public final class WorkQueue {
    public static final String INDEX = "workByAssignee";
    public static final String PARTITION = "workPk";
    public static final String SORT = "workSince";
    public static final int MAX_LIMIT = 200;
    private static final DateTimeFormatter SINCE = DateTimeFormatter.ofPattern("uuuu-MM-dd'T'HH:mm:ss.SSSSSSSSS'Z'").withZone(ZoneOffset.UTC);
    /** The statuses a step in someone's work can have (a finished step has left it; a paused job offers none). */
    public static final List<String> STATUSES = List.of("Ready", "Working", "Held", "Failed");

    /** How work can be sorted; ties go by since, then job and step (all in the order asked when sorted by since). */
    public enum Sort { dueDate, priority, since }

    /** A page of work: {@code status} (null: any), sorted, {@code limit} long, from {@code start}. */
    public record Query(Sort sort, boolean descending, String status, int limit, int start) {
        /** The same query from the start a {@code nextToken} of it stands for; refused for a token of another query. */
        public Query continuing(String token) {
            try {
                String raw = new String(Base64.getUrlDecoder().decode(token), StandardCharsets.UTF_8);
                String prefix = "work:" + selection() + ":";
                if (raw.startsWith(prefix) && raw.substring(prefix.length()).matches("[0-9]{1,9}")) {
                    return new Query(sort, descending, status, limit, Integer.parseInt(raw.substring(prefix.length())));
                }
            } catch (IllegalArgumentException malformed) {
                // the same answer as a token of another query
            }
            throw Refusal.invalid("nextToken is not one this route answered for the same sort, order and status", "nextToken");
        }

        String tokenFor(int next) {
            return Base64.getUrlEncoder().withoutPadding().encodeToString(("work:" + selection() + ":" + next)
                    .getBytes(StandardCharsets.UTF_8));
        }

        /** What a page's position depends on besides the work itself. */
        private String selection() {
            return sort + "," + (descending ? "desc" : "asc") + "," + (status == null ? "" : status);
        }
    }

    public record Page(List<WorkItem> work, String nextToken) {}

    private final Table table;
    /** An item's priorities, lowest first (its priorities lookup): what sorting by priority follows. */
    private final Function<String, List<String>> priorities;

    public WorkQueue(Table table, Function<String, List<String>> priorities) {
        this.table = table;
        this.priorities = priorities;
    }

    /** The page of the work assigned to {@code user} or one of {@code groups} that {@code query} asks for. */
    public Page page(String itemId, String user, List<String> groups, Query query, Instant now) {
        // in the index's order the page is among each partition's first start + limit + 1 items
        boolean inIndexOrder = query.sort() == Sort.since && query.status() == null;
        int needed = inIndexOrder ? query.start() + query.limit() + 1 : Integer.MAX_VALUE;
        List<WorkItem> work = new ArrayList<>();
        for (String partition : partitions(itemId, user, groups)) {
            table.queryFirst(QueryRequest.builder()
                            .indexName(INDEX)
                            .keyConditionExpression("#p = :p")
                            .expressionAttributeNames(Map.of("#p", PARTITION))
                            .expressionAttributeValues(Map.of(":p", Table.s(partition)))
                            .scanIndexForward(!query.descending())
                            .limit(Math.min(needed, 1000)), needed)
                    .forEach(record -> work.add(read(record)));
        }
        List<WorkItem> matching = work.stream().filter(item -> query.status() == null || query.status().equals(item.status()))
                .sorted(order(itemId, query)).toList();
        int from = Math.min(query.start(), matching.size());
        int to = Math.min(matching.size(), from + query.limit());
        return new Page(matching.subList(from, to), to < matching.size() ? query.tokenFor(to) : null);
    }

    /** Whether a work item's job counts as overdue at {@code now}. */
    public static boolean overdue(WorkItem item, Instant now) {
        Instant from = instant(item.overdueFrom());
        return from != null && !now.isBefore(from);
    }

    /** Items without the sort's value (no due date, a priority the lookup no longer lists) come last either way. */
    private Comparator<WorkItem> order(String itemId, Query query) {
        // since, job, step: the index's order (a step without its time first)
        Comparator<WorkItem> bySince = Comparator.comparing((WorkItem item) -> instant(item.since()),
                Comparator.nullsFirst(Comparator.<Instant>naturalOrder())).thenComparing(WorkItem::jobId).thenComparing(WorkItem::stepId);
        return switch (query.sort()) {
            case since -> query.descending() ? bySince.reversed() : bySince;
            case dueDate -> by(item -> instant(item.dueDate()), query.descending()).thenComparing(bySince);
            case priority -> {
                List<String> ranks = priorities.apply(itemId);
                yield by(item -> ranks.contains(item.priority()) ? ranks.indexOf(item.priority()) : null, query.descending())
                        .thenComparing(bySince);
            }
        };
    }

    private static <T extends Comparable<T>> Comparator<WorkItem> by(Function<WorkItem, T> key, boolean descending) {
        return Comparator.comparing(key, Comparator.nullsLast(descending ? Comparator.<T>reverseOrder() : Comparator.<T>naturalOrder()));
    }

    /** A stored time, null when there is none or it is not one. */
    private static Instant instant(String time) {
        try {
            return time == null ? null : Instant.parse(time);
        } catch (java.time.format.DateTimeParseException notATime) {
            return null;
        }
    }

    /** The user's partition and each group's, once each, those that can be keyed. */
    private static Set<String> partitions(String itemId, String user, List<String> groups) {
        Set<String> partitions = new LinkedHashSet<>();
        partitions.add(Keys.userWork(itemId, user));
        groups.forEach(group -> partitions.add(Keys.groupWork(itemId, group)));
        partitions.removeIf(partition -> !Keys.fitsPartitionKey(partition));
        return partitions;
    }

    /**
     * The work record of {@code item}, under its job, keyed into the index by its assignee; empty
     * when the assignee's name is too long to key (such a step is in nobody's work, and the job's
     * change still goes through).
     */
    static Optional<Map<String, AttributeValue>> record(String itemId, WorkItem item) {
        WorkItem.Assignee assignee = item.assignee();
        String partition = assignee.group() ? Keys.groupWork(itemId, assignee.name()) : Keys.userWork(itemId, assignee.name());
        if (!Keys.fitsPartitionKey(partition)) {
            return Optional.empty();
        }
        Map<String, AttributeValue> record = new HashMap<>(Table.key(Keys.item(itemId), Keys.work(item.jobId(), item.stepId())));
        record.put(PARTITION, Table.s(partition));
        record.put(SORT, Table.s(sortKey(item)));
        record.put("doc", Table.s(Json.write(item)));
        return Optional.of(record);
    }

    /**
     * The index's sort key: when the step became current, at a fixed width so that text order is
     * time order, then its job and step, so the index orders as {@link #order} sorts by since (an
     * index key cannot be empty: a step without its time, none is written so, sorts first).
     */
    static String sortKey(WorkItem item) {
        Instant since = instant(item.since());
        return (since == null ? "0" : SINCE.format(since)) + "#" + item.jobId() + "#" + item.stepId();
    }

    private static WorkItem read(Map<String, AttributeValue> record) {
        try {
            return Json.MAPPER.readValue(record.get("doc").s(), WorkItem.class);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("A stored work record is not readable: " + e.getOriginalMessage(), e);
        }
    }
}
