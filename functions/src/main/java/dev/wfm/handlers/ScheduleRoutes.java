package dev.wfm.handlers;

import dev.wfm.common.Json;
import dev.wfm.http.ApiRequest;
import dev.wfm.http.ApiResponse;
import dev.wfm.http.Paging;
import dev.wfm.http.Route;
import dev.wfm.items.ItemService;
import dev.wfm.scheduling.ScheduledTasks;
import dev.wfm.scheduling.Schedules;
import dev.wfm.scheduling.Scheduling;
import dev.wfm.security.Privilege;
import java.util.Map;

/**
 * The HTTP routes of job template schedules and scheduled tasks. Anyone with a role in the item
 * reads them and their runs; only its admins change them.
 */
public final class ScheduleRoutes {
    private static final String SCHEDULES = "/items/{itemId}/job-templates/{jobTemplateId}/schedules";
    private static final String TASKS = "/items/{itemId}/tasks";

    private final ItemService items;
    private final Schedules schedules;
    private final ScheduledTasks tasks;

    public ScheduleRoutes(ItemService items, Scheduling scheduling) {
        this.items = items;
        this.schedules = scheduling.schedules;
        this.tasks = scheduling.tasks;
    }

    public Map<String, Route> routes() {
        return Map.ofEntries(
                Map.entry("POST " + SCHEDULES, items.allowed(Privilege.MANAGE_SCHEDULES, request -> ApiResponse.created(Json.object().put("scheduleId",
                        schedules.create(itemId(request), templateId(request), request.identity().user(), request.jsonBody()))))),
                Map.entry("GET " + SCHEDULES, items.reader(request ->
                        ApiResponse.ok(Paging.listed(request, "schedules", schedules.list(itemId(request), templateId(request)),
                                s -> s.path("scheduleId").asText())))),
                Map.entry("GET " + SCHEDULES + "/{scheduleId}", items.reader(request ->
                        ApiResponse.ok(schedules.get(itemId(request), templateId(request), scheduleId(request))))),
                Map.entry("PUT " + SCHEDULES + "/{scheduleId}", items.allowed(Privilege.MANAGE_SCHEDULES, request ->
                        ApiResponse.ok(schedules.update(itemId(request), templateId(request), scheduleId(request), request.jsonBody())))),
                Map.entry("DELETE " + SCHEDULES + "/{scheduleId}", items.allowed(Privilege.MANAGE_SCHEDULES, request -> {
                    schedules.delete(itemId(request), templateId(request), scheduleId(request));
                    return ApiResponse.noContent();
                })),
                Map.entry("GET " + SCHEDULES + "/{scheduleId}/runs", items.reader(request ->
                        ApiResponse.ok(Paging.listed(request, "runs", schedules.runs(itemId(request), templateId(request), scheduleId(request)),
                                r -> r.path("runId").asText())))),

                Map.entry("POST " + TASKS, items.allowed(Privilege.MANAGE_SCHEDULES, request -> ApiResponse.created(Json.object().put("taskId",
                        tasks.create(itemId(request), request.identity().user(), request.jsonBody()))))),
                Map.entry("GET " + TASKS, items.reader(request -> ApiResponse.ok(Paging.listed(request, "tasks",
                        tasks.list(itemId(request), items.isAdmin(request.identity(), itemId(request))), t -> t.path("taskId").asText())))),
                Map.entry("GET " + TASKS + "/{taskId}", items.reader(request -> ApiResponse.ok(
                        tasks.get(itemId(request), request.pathParameter("taskId"), items.isAdmin(request.identity(), itemId(request)))))),
                Map.entry("PUT " + TASKS + "/{taskId}", items.allowed(Privilege.MANAGE_SCHEDULES, request ->
                        ApiResponse.ok(tasks.update(itemId(request), request.pathParameter("taskId"), request.jsonBody())))),
                Map.entry("DELETE " + TASKS + "/{taskId}", items.allowed(Privilege.MANAGE_SCHEDULES, request -> {
                    tasks.delete(itemId(request), request.pathParameter("taskId"));
                    return ApiResponse.noContent();
                })),
                Map.entry("GET " + TASKS + "/{taskId}/runs", items.reader(request ->
                        ApiResponse.ok(Paging.listed(request, "runs", tasks.runs(itemId(request), request.pathParameter("taskId")),
                                r -> r.path("runId").asText())))),
                Map.entry("DELETE " + TASKS + "/{taskId}/runs/{runId}", items.allowed(Privilege.MANAGE_SCHEDULES, request -> {
                    tasks.deleteRun(itemId(request), request.pathParameter("taskId"), request.pathParameter("runId"));
                    return ApiResponse.noContent();
                })));
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

}
