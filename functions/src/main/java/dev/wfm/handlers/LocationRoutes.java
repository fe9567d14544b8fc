package dev.wfm.handlers;

import dev.wfm.security.Privilege;
import com.fasterxml.jackson.databind.JsonNode;
import dev.wfm.common.Refusal;
import dev.wfm.geo.Location;
import dev.wfm.geo.LocationStore;
import dev.wfm.http.ApiRequest;
import dev.wfm.http.ApiResponse;
import dev.wfm.http.Route;
import dev.wfm.items.ItemService;
import dev.wfm.jobs.JobStore;
import dev.wfm.security.Role;
import java.util.Map;

/**
 * A job's location: everyone with a role in the item reads it, managers and admins set it. Also
 * lends job creation its optional {@code location}: checked before any job is created, stored
 * for each created job after.
 */
public final class LocationRoutes {

    private final ItemService items;
    private final JobStore jobs;
    private final LocationStore locations;

    public LocationRoutes(ItemService items, JobStore jobs, LocationStore locations) {
        this.items = items;
        this.jobs = jobs;
        this.locations = locations;
    }

    public Map<String, Route> routes() {
        return Map.of(
                "PUT /items/{itemId}/jobs/{jobId}/location", this::put,
                "GET /items/{itemId}/jobs/{jobId}/location", this::get);
    }

    /** The creation route, taught {@code location}: an invalid one is refused before anything is created. */
    public Map<String, Route> withLocations(Map<String, Route> creationRoutes) {
        Route create = creationRoutes.get("POST /items/{itemId}/jobs");
        return Map.of("POST /items/{itemId}/jobs", request -> {
            JsonNode body = request.jsonBody();
            JsonNode given = body.get("location");
            Location location = given == null || given.isNull() ? null : Location.of(given, "location");
            ApiResponse response = create.handle(request);
            if (location != null && response.body() instanceof JsonNode answer) {
                String itemId = request.pathParameter("itemId");
                answer.path("jobIds").forEach(jobId -> locations.put(itemId, jobId.asText(), location));
            }
            return response;
        });
    }

    private ApiResponse put(ApiRequest request) {
        String itemId = request.pathParameter("itemId");
        String jobId = request.pathParameter("jobId");
        items.require(request.identity(), itemId, Privilege.MANAGE_LOCATIONS);
        requireJob(itemId, jobId);
        Location location = Location.of(request.jsonBody(), "body");
        locations.put(itemId, jobId, location);
        return ApiResponse.ok(location.esriJson());
    }

    private ApiResponse get(ApiRequest request) {
        String itemId = request.pathParameter("itemId");
        String jobId = request.pathParameter("jobId");
        items.require(request.identity(), itemId, Role.ANY);
        requireJob(itemId, jobId);
        return ApiResponse.ok(locations.get(itemId, jobId)
                .orElseThrow(() -> Refusal.notFound("Job '" + jobId + "' has no location", "jobId")));
    }

    private void requireJob(String itemId, String jobId) {
        if (jobs.find(itemId, jobId).isEmpty()) {
            throw Refusal.notFound("Job '" + jobId + "' does not exist in this workflow item", "jobId");
        }
    }
}
