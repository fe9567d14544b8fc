package dev.wfm.search;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import dev.wfm.common.Json;
import dev.wfm.common.Refusal;
import dev.wfm.geo.LocationStore;
import dev.wfm.geo.SpatialFilter;
import dev.wfm.geo.SpatialIndex;
import dev.wfm.jobs.Job;
import dev.wfm.jobs.JobIndex;
import dev.wfm.jobs.JobStore;
import dev.wfm.store.Keys;
import dev.wfm.store.Table;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Function;
import java.util.function.Predicate;
import java.util.function.Supplier;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.QueryRequest;

/**
 * Finds an item's jobs matching a condition and free text: reads the candidates the
 * {@link SearchPlanner} chose with DynamoDB Queries (never a Scan), filters them in memory, and
 * sorts, pages or groups them. Only key values reach DynamoDB, always as expression attribute
 * values; the query text itself never does. A search reads at most {@code maxRead} candidates
 * (one no index narrows reads the item's whole job listing); past that it is refused, naming what
 * would narrow it, so its cost stays bounded (docs/scale.md has the cost of each query shape).
 */
public final class JobSearch {
    /** The jobs a search or statistics call may read: about 80 MB of records, a few seconds. */
    public static final int DEFAULT_MAX_READ = 20_000;
    /**
     * How long a search may read for: the functions' 30 s (template.yaml) less the time to filter, sort and
     * answer what was read. A read of the bound takes a few seconds on DynamoDB; one slower than this would
     * end in a timeout, so it is refused.
     */
    public static final Duration DEFAULT_READ_TIME = Duration.ofSeconds(20);
    /** The field of a spatial search's plan: the request's geometry. */
    private static final String SPATIAL = "geometry";
    private final Table table;
    private final JobCounts counts;
    private final int maxRead;
    private final Duration readTime;

    public JobSearch(Table table, JobCounts counts, int maxRead, Duration readTime) {
        this.table = table;
        this.counts = counts;
        this.maxRead = maxRead;
        this.readTime = readTime;
    }

    public record Matches(List<Job> jobs, SearchPlan plan) {}

    /**
     * The jobs matching {@code where} (null = all), {@code search} (null = no free text) and
     * {@code spatial} (null = anywhere) at {@code now} (the time the SLA clock's fields are read
     * at), and the plan that read them; {@code extendedTypes} types the extended property fields
     * ({@code table.field}) q names.
     */
    public Matches find(String itemId, Expr where, String search, Map<String, FieldType> extendedTypes, SpatialFilter spatial,
                        Instant now) {
        Predicate<Function<String, Object>> condition = where == null ? values -> true : Condition.compile(where);
        Predicate<List<String>> text = search == null || search.isBlank() ? texts -> true : Condition.freeText(search);
        Predicate<Job> matching = job -> matches(job, condition, text, extendedTypes, now);
        return spatial == null ? listed(itemId, where, matching, now) : located(itemId, spatial, matching);
    }

    /**
     * The ids of the jobs {@code q} matches at {@code now} (its extended property fields typed by
     * {@code definitions}, read only when q may name one); refused when more than {@code max} do.
     */
    public List<String> jobIds(String itemId, String q, Supplier<Map<String, String>> definitions, int max, Instant now) {
        JsonNode query = Json.object().put("q", q);
        Map<String, FieldType> types = ExtendedFields.typesFor(query, definitions);
        List<Job> matches = find(itemId, SearchRequest.readFilter(query, types, now).where(), null, types, null, now).jobs();
        if (matches.size() > max) {
            throw Refusal.invalid("q matches " + matches.size() + " jobs, more than the " + max + " allowed", "q");
        }
        return matches.stream().map(Job::jobId).toList();
    }

    /**
     * Reads the candidates the {@link SearchPlanner} chose with DynamoDB Queries, at most
     * {@code maxRead} of them: one more refuses the search. Past the read's first page (a Query page
     * limited to a tenth of the bound; DynamoDB's 1 MB ends a page of 4 KB jobs sooner), the item's
     * counts refuse a search they say would pass the bound before the rest is read, where they count
     * the plan's field: reading up to the bound only to refuse costs the bound's reads (more than
     * 30 s on DynamoDB Local in an item of 100,000).
     */
    private Matches listed(String itemId, Expr where, Predicate<Job> matching, Instant now) {
        SearchPlan plan = SearchPlanner.plan(itemId, where, now);
        List<Map<String, AttributeValue>> found = candidates(itemId, plan, now);
        Map<String, Job> matches = new LinkedHashMap<>();
        for (Map<String, AttributeValue> record : plan.keysOnly() ? byKey(found) : found) {
            if (!record.containsKey("doc")) {
                continue;
            }
            Job job = read(record);
            if (!matches.containsKey(job.jobId()) && matching.test(job)) {
                matches.put(job.jobId(), job);
            }
        }
        return new Matches(List.copyOf(matches.values()), plan);
    }

    /** The records of the plan's partitions, page by page, refused past the bound, the counts' verdict or the read's time. */
    private List<Map<String, AttributeValue>> candidates(String itemId, SearchPlan plan, Instant now) {
        long started = System.nanoTime();
        int firstPage = Math.max(1, maxRead / 10);
        List<Map<String, AttributeValue>> found = new ArrayList<>();
        boolean countsAsked = false;
        for (int i = 0; i < plan.partitions().size(); i++) {
            boolean partitionsLeft = i + 1 < plan.partitions().size();
            QueryRequest.Builder query = query(plan, plan.partitions().get(i)).limit(countsAsked ? null : firstPage);
            Map<String, AttributeValue> start = null;
            do {
                Table.Page page = table.queryPage(query, start);
                found.addAll(page.records());
                start = page.next();
                if (found.size() > maxRead) {
                    throw tooManyToRead(plan);
                }
                if (!countsAsked && (start != null || (partitionsLeft && found.size() >= firstPage))) {
                    countsAsked = true;
                    if (countedPastBound(itemId, plan, now)) {
                        throw tooManyToRead(plan);
                    }
                    query.limit(null);
                }
                if ((start != null || partitionsLeft) && System.nanoTime() - started > readTime.toNanos()) {
                    // an item not counted yet has nothing else to stop a read that would pass the function's time
                    throw tooLongToRead(plan, found.size());
                }
            } while (start != null);
        }
        return found;
    }

    /** Whether the item's counts say the plan's partitions hold more jobs than a search may read; false where they cannot tell. */
    private boolean countedPastBound(String itemId, SearchPlan plan, Instant now) {
        if (plan.field() == null) {
            return counts.jobs(itemId, now).orElse(0) > maxRead;
        }
        Optional<JobIndex> index = JobIndex.of(plan.field()).filter(candidate -> candidate.indexName().equals(plan.index()));
        Optional<JobField> field = JobField.named(plan.field()).filter(JobCounts::counts);
        if (index.isEmpty() || field.isEmpty()) {
            return false;
        }
        List<String> values = plan.partitions().stream().map(partition -> index.get().value(itemId, partition)).toList();
        return counts.jobsWith(itemId, field.get(), values, now).orElse(0) > maxRead;
    }

    /**
     * The candidates are the jobs with a {@link SpatialIndex} cell record in the cells the
     * geometry's envelope covers (one Query per cell column and level, the plan's partitions),
     * their locations read in batches and checked exactly with JTS, then the related jobs read in
     * batches and checked by q and search.
     */
    private Matches located(String itemId, SpatialFilter spatial, Predicate<Job> matching) {
        List<SpatialIndex.Column> columns = SpatialIndex.columnsCovering(spatial.geometry().getEnvelopeInternal());
        if (columns.size() > SpatialIndex.MAX_QUERIES) {
            throw Refusal.invalid("The geometry is too large for a spatial search: its envelope crosses " + columns.size()
                    + " index columns, at most " + SpatialIndex.MAX_QUERIES, "geometry");
        }
        List<String> related = new ArrayList<>();
        new LocationStore(table).geometries(itemId, new SpatialIndex(table).candidates(itemId, columns)).forEach((jobId, geometry) -> {
            if (spatial.matches(geometry)) {
                related.add(jobId);
            }
        });
        SearchPlan plan = new SearchPlan("spatial", Keys.PK, SPATIAL, columns.stream().map(column -> column.partition(itemId)).toList());
        if (related.size() > maxRead) {
            throw tooManyToRead(plan);
        }
        List<Job> matches = new JobStore(table).findAll(itemId, related).stream().filter(matching).toList();
        return new Matches(List.copyOf(matches), plan);
    }

    /** Sorts by the given fields' values at {@code now} (nulls last in either direction), then by jobId so pages are stable. */
    public static List<Job> sorted(List<Job> jobs, List<SortField> sort, Instant now) {
        Comparator<Job> order = (a, b) -> 0;
        for (SortField field : sort) {
            Comparator<Object> values = field.descending() ? JobSearch::compareDescending : JobSearch::compareAscending;
            order = order.thenComparing(job -> field.field().valueOf(job, now), values);
        }
        order = order.thenComparing(Job::jobId);
        List<Job> sorted = new ArrayList<>(jobs);
        sorted.sort(order);
        return sorted;
    }

    public record SortField(SearchField field, boolean descending) {}

    /** A statistics answer: how many jobs matched, their counts by value (most first), and the plan that read them. */
    public record Grouped(int total, Map<Object, Integer> groups, SearchPlan plan) {}

    /** Counts the jobs matching {@code where}, {@code search} and {@code spatial} by {@code groupBy}. */
    public Grouped statistics(String itemId, SearchRequest query, SearchField groupBy) {
        Matches matches = find(itemId, query.where(), query.search(), query.extendedTypes(), query.spatial(), query.now());
        Map<Object, Integer> counts = new HashMap<>();
        matches.jobs().forEach(job -> counts.merge(nullKey(groupBy.valueOf(job, query.now())), 1, Integer::sum));
        return new Grouped(matches.jobs().size(), ordered(counts), matches.plan());
    }

    /** Counts most first, then by value (null last). */
    static Map<Object, Integer> ordered(Map<Object, Integer> counts) {
        Map<Object, Integer> ordered = new LinkedHashMap<>();
        counts.entrySet().stream()
                .sorted(Map.Entry.<Object, Integer>comparingByValue().reversed()
                        .thenComparing(entry -> entry.getKey() == NULL ? null : entry.getKey(), JobSearch::compareAscending))
                .forEach(entry -> ordered.put(entry.getKey() == NULL ? null : entry.getKey(), entry.getValue()));
        return ordered;
    }

    private static final Object NULL = new Object();

    static Object nullKey(Object value) {
        return value == null ? NULL : value;
    }

    private static boolean matches(Job job, Predicate<Function<String, Object>> condition, Predicate<List<String>> text,
                                   Map<String, FieldType> extendedTypes, Instant now) {
        Function<String, Object> values = name -> JobField.named(name).map(field -> field.valueOf(job, now))
                .orElseGet(() -> ExtendedFields.value(job, name, extendedTypes.get(name)));
        if (!condition.test(values)) {
            return false;
        }
        List<String> texts = new ArrayList<>(JobField.TEXT.size());
        for (JobField field : JobField.TEXT) {
            Object value = field.valueOf(job, now);
            texts.add(value == null ? null : value.toString());
        }
        return text.test(texts);
    }

    private Refusal tooManyToRead(SearchPlan plan) {
        return refused(plan, plan.field() == null
                ? "No index narrows this search, so it would read every one of the item's jobs, more than " + maxRead
                : plan.field().equals(SPATIAL) ? "The geometry holds more than the " + maxRead + " jobs a search may read"
                : "q's term on " + plan.field() + " matches more than the " + maxRead + " jobs a search may read");
    }

    /** A read still going when its time is up: it would be answered after the function's time, if at all. */
    private Refusal tooLongToRead(SearchPlan plan, int read) {
        return refused(plan, "This search read " + read + " jobs in " + readTime.toSeconds() + " s, the time a search may read for, "
                + "and more were left");
    }

    /** The refusal of a read that passed a bound ({@code why}), with what would narrow it. */
    private static Refusal refused(SearchPlan plan, String why) {
        if (plan.field() == null) {
            return Refusal.invalid(why + ": add to q's top-level AND an equality or IN on assignedTo, jobTemplateId, jobStatus, "
                    + "priority or closed, or overdue = 1, or give a geometry", "q");
        }
        if (plan.field().equals(SPATIAL)) {
            return Refusal.invalid(why + ": give a smaller one", "geometry");
        }
        return Refusal.invalid(why + ": narrow it, or add to q's top-level AND a term the search reads before it (in this order: "
                + "assignedTo, currentStepAssignedTo, overdue = 1, jobTemplateId, jobStatus with priority, jobStatus, priority, "
                + "a dueDate range)", "q");
    }

    /** The Query of one of the plan's partitions: within its range, if it has one; of keys only on an index that holds only them. */
    private static QueryRequest.Builder query(SearchPlan plan, String partition) {
        QueryRequest.Builder query = QueryRequest.builder()
                .indexName(plan.index())
                .projectionExpression(plan.keysOnly() ? "pk, sk" : "doc");
        SearchPlan.Range range = plan.range();
        if (range == null) {
            return query.keyConditionExpression("#k = :k")
                    .expressionAttributeNames(Map.of("#k", plan.keyAttribute()))
                    .expressionAttributeValues(Map.of(":k", Table.s(partition)));
        }
        Map<String, AttributeValue> values = new HashMap<>(Map.of(":k", Table.s(partition)));
        String sortCondition;
        if (range.from() != null && range.upTo() != null) {
            sortCondition = "#s BETWEEN :from AND :to";
        } else {
            sortCondition = range.from() != null ? "#s >= :from" : "#s <= :to";
        }
        if (range.from() != null) {
            values.put(":from", Table.s(range.from()));
        }
        if (range.upTo() != null) {
            values.put(":to", Table.s(range.upTo()));
        }
        return query.keyConditionExpression("#k = :k AND " + sortCondition)
                .expressionAttributeNames(Map.of("#k", plan.keyAttribute(), "#s", range.sortAttribute()))
                .expressionAttributeValues(values);
    }

    /** The job records an index holding keys only found, read from the table by key (in the order found). */
    private List<Map<String, AttributeValue>> byKey(List<Map<String, AttributeValue>> keys) {
        if (keys.isEmpty()) {
            return List.of();
        }
        List<String> sortKeys = keys.stream().map(key -> key.get(Keys.SK).s()).toList();
        Map<String, Map<String, AttributeValue>> records = table.batchGet(keys.get(0).get(Keys.PK).s(), sortKeys);
        return sortKeys.stream().map(records::get).filter(Objects::nonNull).toList();
    }

    private static Job read(Map<String, AttributeValue> record) {
        try {
            return Json.MAPPER.readValue(record.get("doc").s(), Job.class);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("A stored job is not readable: " + e.getOriginalMessage(), e);
        }
    }

    private static int compareAscending(Object a, Object b) {
        if (a == null || b == null) {
            return a == null ? (b == null ? 0 : 1) : -1;
        }
        return Condition.compareValues(a, b);
    }

    private static int compareDescending(Object a, Object b) {
        if (a == null || b == null) {
            return a == null ? (b == null ? 0 : 1) : -1;
        }
        return Condition.compareValues(b, a);
    }
}
