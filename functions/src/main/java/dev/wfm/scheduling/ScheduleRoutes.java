package dev.wfm.scheduling;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.wfm.common.Json;
import dev.wfm.http.ApiRequest;
import dev.wfm.http.ApiResponse;
import dev.wfm.http.Route;
import dev.wfm.items.ItemService;
import dev.wfm.security.Role;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The HTTP routes of job template schedules and scheduled tasks. Anyone with a role in the item
 * reads them and their runs; only its admins change them.
 */
public final class ScheduleRoutes {
    private static final Set<Role> ANY_ROLE = EnumSet.allOf(Role.class);
    private static final Set<Role> ADMIN = EnumSet.of(Role.ADMIN);
    private static final String SCHEDULES = "/items/{itemId}/job-templates/{jobTemplateId}/schedules";
    private static final String TASKS = "/items/{itemId}/tasks";

    private final ItemService items;
    private final Schedules schedules;
    private final Tasks tasks;

    public ScheduleRoutes(ItemService items, Scheduling scheduling) {
        this.items = items;
        this.schedules = scheduling.schedules;
        this.tasks = scheduling.tasks;
    }

    public Map<String, Route> routes() {
        return Map.ofEntries(
                Map.entry("POST " + SCHEDULES, admin(request -> ApiResponse.created(Json.object().put("scheduleId",
                        schedules.create(itemId(request), templateId(request), request.identity().user(), request.jsonBody()))))),
                Map.entry("GET " + SCHEDULES, reader(request ->
                        ApiResponse.ok(wrap("schedules", schedules.list(itemId(request), templateId(request)))))),
                Map.entry("GET " + SCHEDULES + "/{scheduleId}", reader(request ->
                        ApiResponse.ok(schedules.get(itemId(request), templateId(request), scheduleId(request))))),
                Map.entry("PUT " + SCHEDULES + "/{scheduleId}", admin(request ->
                        ApiResponse.ok(schedules.update(itemId(request), templateId(request), scheduleId(request), request.jsonBody())))),
                Map.entry("DELETE " + SCHEDULES + "/{scheduleId}", admin(request -> {
                    schedules.delete(itemId(request), templateId(request), scheduleId(request));
                    return new ApiResponse(204, null);
                })),
                Map.entry("GET " + SCHEDULES + "/{scheduleId}/runs", reader(request ->
                        ApiResponse.ok(wrap("runs", schedules.runs(itemId(request), templateId(request), scheduleId(request)))))),

                Map.entry("POST " + TASKS, admin(request -> ApiResponse.created(Json.object().put("taskId",
                        tasks.create(itemId(request), request.identity().user(), request.jsonBody()))))),
                Map.entry("GET " + TASKS, reader(request -> ApiResponse.ok(wrap("tasks", tasks.list(itemId(request)))))),
                Map.entry("GET " + TASKS + "/{taskId}", reader(request ->
                        ApiResponse.ok(tasks.get(itemId(request), request.pathParameter("taskId"))))),
                Map.entry("PUT " + TASKS + "/{taskId}", admin(request ->
                        ApiResponse.ok(tasks.update(itemId(request), request.pathParameter("taskId"), request.jsonBody())))),
                Map.entry("DELETE " + TASKS + "/{taskId}", admin(request -> {
                    tasks.delete(itemId(request), request.pathParameter("taskId"));
                    return new ApiResponse(204, null);
                })),
                Map.entry("GET " + TASKS + "/{taskId}/runs", reader(request ->
                        ApiResponse.ok(wrap("runs", tasks.runs(itemId(request), request.pathParameter("taskId")))))),
                Map.entry("DELETE " + TASKS + "/{taskId}/runs/{runId}", admin(request -> {
                    tasks.deleteRun(itemId(request), request.pathParameter("taskId"), request.pathParameter("runId"));
                    return new ApiResponse(204, null);
                })));
    }

    private Route reader(Route route) {
        return items.requiring(ANY_ROLE, route);
    }

    private Route admin(Route route) {
        return items.requiring(ADMIN, route);
    }

    private static String itemId(ApiRequest request) {
        return request.pathParameter("itemId");
    }

    private static String templateId(ApiRequest request) {
        return request.pathParameter("jobTemplateId");
    }

    private static String scheduleId(ApiRequest request) {
        return request.pathParameter("scheduleId");
    }

    private static ObjectNode wrap(String field, List<ObjectNode> values) {
        ObjectNode answer = Json.object();
        values.forEach(answer.putArray(field)::add);
        return answer;
    }
}
