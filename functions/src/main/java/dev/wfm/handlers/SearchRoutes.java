package dev.wfm.handlers;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.wfm.common.Json;
import dev.wfm.common.JsonFields;
import dev.wfm.common.Refusal;
import dev.wfm.http.ApiRequest;
import dev.wfm.http.ApiResponse;
import dev.wfm.http.Route;
import dev.wfm.items.ItemService;
import dev.wfm.jobs.Job;
import dev.wfm.jobs.WorkItem;
import dev.wfm.jobs.WorkQueue;
import dev.wfm.search.ExtendedFields;
import dev.wfm.search.FieldType;
import dev.wfm.search.JobCounts;
import dev.wfm.search.JobSearch;
import dev.wfm.search.SearchField;
import dev.wfm.search.SearchPlan;
import dev.wfm.search.SearchPlanner;
import dev.wfm.search.SearchRequest;
import dev.wfm.search.StatisticsGroups;
import dev.wfm.security.Role;
import java.time.Clock;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;

/**
 * The search routes: everyone with a role in the item may search its jobs (as they may read them),
 * and read their own work (the current steps assigned to them or their groups).
 */
public final class SearchRoutes {
    private final ItemService items;
    private final JobSearch search;
    private final JobCounts counts;
    private final WorkQueue work;

    private static final Set<String> WORK_PARAMETERS = Set.of("limit", "nextToken", "sort", "order", "status");
    private static final int DEFAULT_WORK_PAGE = 50;

    private final Function<String, Map<String, String>> extendedDefinitions;
    private final Clock clock;

    /**
     * {@code extendedDefinitions}: an item's one-to-one extended property fields and their types, {@code table.field -> type};
     * {@code clock}: the time a search is made at.
     */
    public SearchRoutes(ItemService items, JobSearch search, JobCounts counts, WorkQueue work,
                        Function<String, Map<String, String>> extendedDefinitions, Clock clock) {
        this.items = items;
        this.search = search;
        this.counts = counts;
        this.work = work;
        this.extendedDefinitions = extendedDefinitions;
        this.clock = clock;
    }

    public Map<String, Route> routes() {
        return Map.of(
                "POST /items/{itemId}/jobs/search", this::search,
                "POST /items/{itemId}/jobs/statistics", this::statistics,
                "GET /items/{itemId}/work", this::work);
    }

    /**
     * {@code ?limit=1..200&nextToken=...&sort=dueDate|priority|since&order=asc|desc&status=Ready|...}:
     * the caller's work, {@code {work: [...], nextToken?}}; by default oldest first.
     */
    private ApiResponse work(ApiRequest request) {
        String itemId = itemId(request);
        for (String name : request.query().keySet()) {
            if (!WORK_PARAMETERS.contains(name)) {
                throw Refusal.invalid("Unknown query parameter '" + name + "'; expected " + WORK_PARAMETERS, name);
            }
        }
        WorkQueue.Sort sort = oneOf(request, "sort", WorkQueue.Sort.class, WorkQueue.Sort.since);
        String order = request.queryParameter("order").orElse("asc");
        if (!order.equals("asc") && !order.equals("desc")) {
            throw Refusal.invalid("Expected order to be asc or desc, but got '" + order + "'", "order");
        }
        String status = request.queryParameter("status").orElse(null);
        if (status != null && !WorkQueue.STATUSES.contains(status)) {
            throw Refusal.invalid("Expected status to be one of " + WorkQueue.STATUSES + ", but got '" + status + "'", "status");
        }
        var first = new WorkQueue.Query(sort, order.equals("desc"), status, request.limit(DEFAULT_WORK_PAGE, WorkQueue.MAX_LIMIT), 0);
        var query = request.queryParameter("nextToken").map(first::continuing).orElse(first);
        var now = clock.instant();
        WorkQueue.Page page = work.page(itemId, request.identity().user(), request.identity().groups(), query, now);
        ObjectNode answer = Json.object();
        ArrayNode list = answer.putArray("work");
        for (WorkItem item : page.work()) {
            ObjectNode row = list.addObject().put("jobId", item.jobId()).put("jobName", item.jobName()).put("stepId", item.stepId())
                    .put("stepName", item.stepName()).put("status", item.status()).put("assignedType", item.assignedType())
                    .put("assignedTo", item.assignedTo()).put("priority", item.priority());
            if (item.dueDate() != null) {
                row.put("dueDate", item.dueDate());
            }
            row.put("overdue", WorkQueue.overdue(item, now)).put("held", item.held()).put("since", item.since());
            if (item.claimedFrom() != null) {
                row.put("claimedFrom", item.claimedFrom());
            }
        }
        if (page.nextToken() != null) {
            answer.put("nextToken", page.nextToken());
        }
        return ApiResponse.ok(answer);
    }

    /** A query parameter naming a constant of {@code type}, {@code absent} when not given. */
    private static <E extends Enum<E>> E oneOf(ApiRequest request, String name, Class<E> type, E absent) {
        return request.queryParameter(name).map(text -> Arrays.stream(type.getEnumConstants())
                .filter(value -> value.name().equals(text)).findFirst()
                .orElseThrow(() -> Refusal.invalid("Expected " + name + " to be one of " + Arrays.toString(type.getEnumConstants())
                        + ", but got '" + text + "'", name))).orElse(absent);
    }

    private ApiResponse search(ApiRequest request) {
        String itemId = itemId(request);
        JsonNode body = request.jsonBody();
        JsonFields.refuseUnknown(body, "", SearchRequest.FIELDS);
        return ApiResponse.ok(results(search, itemId, SearchRequest.read(body, extendedTypes(itemId, body), clock.instant())));
    }

    /** One page of a search's answer: {results, total, start, num, nextStart?, nextToken?, plan?}. */
    static ObjectNode results(JobSearch search, String itemId, SearchRequest query) {
        JobSearch.Matches matches = search.find(itemId, query.where(), query.search(), query.extendedTypes(), query.spatial(), query.now());
        List<Job> sorted = JobSearch.sorted(matches.jobs(), query.sort(), query.now());
        int total = sorted.size();
        int from = Math.min(query.start(), total);
        int to = Math.min(total, from + query.num());
        ObjectNode answer = Json.object();
        ArrayNode results = answer.putArray("results");
        for (Job job : sorted.subList(from, to)) {
            ObjectNode row = results.addObject();
            query.fields().forEach(field -> field.write(job, query.now(), row));
        }
        answer.put("total", total).put("start", query.start()).put("num", query.num());
        if (to < total) {
            answer.put("nextStart", to).put("nextToken", query.tokenFor(to));
        }
        explain(query, matches.plan(), answer);
        return answer;
    }

    private ApiResponse statistics(ApiRequest request) {
        String itemId = itemId(request);
        JsonNode body = request.jsonBody();
        JsonFields.refuseUnknown(body, "", SearchRequest.STATISTICS_FIELDS);
        String groupByName = JsonFields.requiredString(body, "groupBy", 100);
        Map<String, FieldType> extendedTypes = extendedTypes(itemId, body);
        SearchField groupBy = StatisticsGroups.named(groupByName, extendedTypes).orElseThrow(() -> Refusal.invalid(
                "groupBy must be one of " + StatisticsGroups.names() + ", or table.field of a one-to-one extended property table, not '"
                        + groupByName + "'", "groupBy"));
        SearchRequest query = SearchRequest.readFilter(body, extendedTypes, clock.instant());
        Optional<JobCounts.Counted> counted = counts.answer(itemId, query, groupBy);
        if (counted.isPresent()) {
            ObjectNode answer = grouped(counted.get().total(), groupBy, counted.get().groups());
            // counters the stream keeps: exact once it has caught up with the changes (seconds)
            answer.put("source", "counts");
            if (counted.get().asOf() != null) {
                answer.put("asOf", counted.get().asOf().toString());
            }
            if (query.explain()) {
                answer.putObject("plan").put("index", "jobCounts").put("field", groupBy.fieldName()).put("queries", 1);
            }
            return ApiResponse.ok(answer);
        }
        JobSearch.Grouped grouped = search.statistics(itemId, query, groupBy);
        ObjectNode answer = grouped(grouped.total(), groupBy, grouped.groups()).put("source", "search");
        explain(query, grouped.plan(), answer);
        return ApiResponse.ok(answer);
    }

    private static ObjectNode grouped(int total, SearchField groupBy, Map<Object, Integer> counts) {
        ObjectNode answer = Json.object().put("total", total).put("groupBy", groupBy.fieldName());
        ArrayNode groups = answer.putArray("groupedValues");
        counts.forEach((value, count) -> {
            ObjectNode group = groups.addObject();
            SearchField.put(group, "value", value);
            group.put("count", count);
        });
        return answer;
    }

    /** With {@code explain: true}, the answer names the index and partitions read, and a range Query's bounds (see SearchPlanner). */
    private static void explain(SearchRequest query, SearchPlan plan, ObjectNode answer) {
        if (query.explain()) {
            ObjectNode shown = answer.putObject("plan").put("index", plan.index()).put("field", plan.field())
                    .put("queries", plan.partitions().size());
            if (plan.range() != null) {
                if (plan.range().from() != null) {
                    shown.put("from", plan.range().from());
                }
                if (plan.range().upTo() != null) {
                    shown.put("upTo", plan.range().upTo());
                }
            }
        }
    }

    /** Read only when the request may name one: most searches need no definitions. */
    private Map<String, FieldType> extendedTypes(String itemId, JsonNode body) {
        return ExtendedFields.typesFor(body, () -> extendedDefinitions.apply(itemId));
    }

    private String itemId(ApiRequest request) {
        String itemId = request.pathParameter("itemId");
        items.require(request.identity(), itemId, Role.ANY);
        return itemId;
    }
}
