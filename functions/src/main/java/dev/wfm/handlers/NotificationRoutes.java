package dev.wfm.handlers;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.wfm.common.Json;
import dev.wfm.common.Refusal;
import dev.wfm.http.ApiRequest;
import dev.wfm.http.ApiResponse;
import dev.wfm.http.Paging;
import dev.wfm.http.Route;
import dev.wfm.items.ItemService;
import dev.wfm.notifications.NotificationLog;
import dev.wfm.notifications.Notifications;
import dev.wfm.security.Privilege;
import java.util.Map;
import java.util.Set;

/**
 * The routes of notification rules, their delivery logs and the item's email directory. Admins
 * change them; managers (and admins) read them, secret header values masked but for admins;
 * workers neither: rules name the services and people a job's activity reaches.
 */
public final class NotificationRoutes {
    private static final String RULES = "/items/{itemId}/notifications";
    private static final String RULE = RULES + "/{ruleId}";
    private static final String DIRECTORY = "/items/{itemId}/email-directory";
    private static final int DEFAULT_PAGE = 25;
    private static final int MAX_PAGE = 100;

    private final ItemService items;
    private final Notifications notifications;

    public NotificationRoutes(ItemService items, Notifications notifications) {
        this.items = items;
        this.notifications = notifications;
    }

    public Map<String, Route> routes() {
        return Map.ofEntries(
                Map.entry("POST " + RULES, items.allowed(Privilege.MANAGE_NOTIFICATIONS, request ->
                        ApiResponse.created(notifications.rules.create(itemId(request), request.jsonBody())))),
                Map.entry("GET " + RULES, readers(request -> ApiResponse.ok(Paging.listed(request, "rules",
                        notifications.rules.list(itemId(request), items.isAdmin(request.identity(), itemId(request))),
                        r -> r.path("ruleId").asText())))),
                Map.entry("GET " + RULE, readers(request -> ApiResponse.ok(
                        notifications.rules.get(itemId(request), ruleId(request), items.isAdmin(request.identity(), itemId(request)))))),
                Map.entry("PUT " + RULE, items.allowed(Privilege.MANAGE_NOTIFICATIONS, request ->
                        ApiResponse.ok(notifications.rules.replace(itemId(request), ruleId(request), request.jsonBody())))),
                Map.entry("DELETE " + RULE, items.allowed(Privilege.MANAGE_NOTIFICATIONS, request -> {
                    notifications.rules.delete(itemId(request), ruleId(request));
                    return ApiResponse.noContent();
                })),
                Map.entry("GET " + RULE + "/deliveries", readers(this::deliveries)),
                Map.entry("GET " + DIRECTORY, readers(request -> ApiResponse.ok(notifications.directory.get(itemId(request))))),
                Map.entry("PUT " + DIRECTORY, items.allowed(Privilege.MANAGE_NOTIFICATIONS, request ->
                        ApiResponse.ok(notifications.directory.replace(itemId(request), request.jsonBody())))));
    }

    /** {@code ?status=Pending|Succeeded|Failed&limit=1..100&nextToken=...}: newest event first. */
    private ApiResponse deliveries(ApiRequest request) {
        String itemId = itemId(request);
        String ruleId = ruleId(request);
        notifications.rules.get(itemId, ruleId, false);
        String status = request.queryParameter("status").orElse(null);
        if (status != null && !Set.of(NotificationLog.PENDING, NotificationLog.SUCCEEDED, NotificationLog.FAILED).contains(status)) {
            throw Refusal.invalid("Expected status to be Pending, Succeeded or Failed, but got '" + status + "'", "status");
        }
        int limit = request.limit(DEFAULT_PAGE, MAX_PAGE);
        String after = request.queryParameter("nextToken").orElse(null);
        if (after != null && !NotificationLog.isToken(after)) {
            throw Refusal.invalid("nextToken is not one this route answered", "nextToken");
        }
        NotificationLog.Page page = notifications.log.page(itemId, ruleId, status, limit, after);
        ObjectNode answer = Json.listed("deliveries", page.deliveries());
        if (page.nextToken() != null) {
            answer.put("nextToken", page.nextToken());
            answer.put(Paging.NEXT_LINK, Paging.link(request, Map.of("nextToken", page.nextToken())));
        }
        return ApiResponse.ok(answer);
    }

    private Route readers(Route route) {
        return items.allowed(Privilege.VIEW_NOTIFICATIONS, route);
    }

    private static String itemId(ApiRequest request) {
        return request.pathParameter("itemId");
    }

    private static String ruleId(ApiRequest request) {
        return request.pathParameter("ruleId");
    }
}
