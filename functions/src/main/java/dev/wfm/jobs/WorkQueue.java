package dev.wfm.jobs;

import com.fasterxml.jackson.core.JsonProcessingException;
import dev.wfm.common.Json;
import dev.wfm.common.Refusal;
import dev.wfm.store.Keys;
import dev.wfm.store.Table;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
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
 * when the step became current. A worker's queue is one Query per partition (their own and each
 * group's), never a Scan; the items are then merged, filtered, sorted and paged in memory.
 */
public final class WorkQueue {
    public static final String INDEX = "workByAssignee";
    public static final String PARTITION = "workPk";
    public static final String SORT = "workSince";
    public static final int MAX_LIMIT = 200;
    /** The statuses a step in someone's work can have (a finished step has left it; a paused job offers none). */
    public static final List<String> STATUSES = List.of("Ready", "Working", "Held", "Failed");

    /** How work can be sorted; ties go by since, then job and step. */
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
        List<WorkItem> work = new ArrayList<>();
        for (String partition : partitions(itemId, user, groups)) {
            table.queryAll(QueryRequest.builder()
                            .indexName(INDEX)
                            .keyConditionExpression("#p = :p")
                            .expressionAttributeNames(Map.of("#p", PARTITION))
                            .expressionAttributeValues(Map.of(":p", Table.s(partition))))
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
        Comparator<WorkItem> by = switch (query.sort()) {
            case since -> by(item -> instant(item.since()), query.descending());
            case dueDate -> by(item -> instant(item.dueDate()), query.descending());
            case priority -> {
                List<String> ranks = priorities.apply(itemId);
                yield by(item -> ranks.contains(item.priority()) ? ranks.indexOf(item.priority()) : null, query.descending());
            }
        };
        return by.thenComparing(by(item -> instant(item.since()), false)).thenComparing(WorkItem::jobId).thenComparing(WorkItem::stepId);
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
        // an index key cannot be empty: a step without its time (none is written so) sorts first
        record.put(SORT, Table.s(item.since() == null ? "0" : item.since()));
        record.put("doc", Table.s(Json.write(item)));
        return Optional.of(record);
    }

    private static WorkItem read(Map<String, AttributeValue> record) {
        try {
            return Json.MAPPER.readValue(record.get("doc").s(), WorkItem.class);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("A stored work record is not readable: " + e.getOriginalMessage(), e);
        }
    }
}
