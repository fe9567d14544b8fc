package dev.wfm.handlers;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.wfm.common.Json;
import dev.wfm.common.JsonFields;
import dev.wfm.common.Refusal;
import dev.wfm.http.ApiRequest;
import dev.wfm.http.ApiResponse;
import dev.wfm.http.Paging;
import dev.wfm.http.Route;
import dev.wfm.items.ItemService;
import dev.wfm.jobs.Actor;
import dev.wfm.jobs.BatchResult;
import dev.wfm.jobs.batches.Batch;
import dev.wfm.jobs.batches.JobBatches;
import dev.wfm.security.Role;
import java.util.Map;

/**
 * Batch updates: {@code POST .../jobs/batch} accepts one (202, run in the background) and
 * {@code GET .../jobs/batches/{batchId}} answers its progress and its jobs' results, paged by job id.
 */
public final class BatchRoutes {
    private final ItemService items;
    private final JobBatches batches;

    public BatchRoutes(ItemService items, JobBatches batches) {
        this.items = items;
        this.batches = batches;
    }

    public Map<String, Route> routes() {
        return Map.of("POST /items/{itemId}/jobs/batch", this::submit,
                "GET /items/{itemId}/jobs/batches/{batchId}", this::progress);
    }

    private ApiResponse submit(ApiRequest request) {
        String itemId = request.pathParameter("itemId");
        Batch batch = batches.submit(itemId, actor(request), request.jsonBody(), request.header("Idempotency-Key").orElse(null),
                request.fingerprint());
        return ApiResponse.accepted(view(batches.progress(itemId, batch.batchId(), null, 0)));
    }

    /** The progress and a page of results: {@code limit} (at most and by default 1,000), the next page at {@code @nextLink}. */
    private ApiResponse progress(ApiRequest request) {
        Actor actor = actor(request);
        int limit = request.limit(Paging.MAX_LIMIT, Paging.MAX_LIMIT);
        String after = request.queryParameter("nextToken").orElse(null);
        if (after != null && (after.isEmpty() || after.length() > JsonFields.MAX_ID_LENGTH)) {
            throw Refusal.invalid("nextToken is not one this route answered: follow the @nextLink as given", "nextToken");
        }
        JobBatches.Progress progress = batches.progress(request.pathParameter("itemId"), request.pathParameter("batchId"), after, limit);
        Batch batch = progress.batch();
        if (!actor.user().equals(batch.actor().user()) && !batch.change().privileges().stream().allMatch(actor::may)) {
            throw Refusal.denied("A batch is read by whoever submitted it and by those who may make its change");
        }
        ObjectNode answer = view(progress);
        ArrayNode results = answer.putArray("results");
        progress.results().forEach(result -> results.add(result(result)));
        if (progress.more()) {
            answer.put(Paging.NEXT_LINK, Paging.link(request, Map.of("limit", Integer.toString(limit),
                    "nextToken", progress.results().get(progress.results().size() - 1).jobId())));
        }
        return ApiResponse.ok(answer);
    }

    private static ObjectNode view(JobBatches.Progress progress) {
        Batch batch = progress.batch();
        ObjectNode view = Json.object().put("batchId", batch.batchId())
                .put("status", progress.completed() ? "completed" : "running")
                .put("total", batch.total()).put("succeeded", progress.succeeded()).put("failed", progress.failed())
                .put("submittedBy", batch.actor().user()).put("submitted", batch.submitted());
        view.set("change", batch.change().body());
        return view;
    }

    private static JsonNode result(BatchResult result) {
        ObjectNode view = Json.object().put("jobId", result.jobId()).put("success", result.state() == BatchResult.State.SUCCEEDED);
        if (result.code() != null) {
            view.put("code", result.code()).put("message", result.message());
        }
        return view;
    }

    private Actor actor(ApiRequest request) {
        return items.require(request.identity(), request.pathParameter("itemId"), Role.ANY).actor(request.identity());
    }
}
