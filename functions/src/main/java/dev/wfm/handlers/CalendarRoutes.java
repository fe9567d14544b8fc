package dev.wfm.handlers;

import dev.wfm.calendars.BusinessCalendars;
import dev.wfm.http.ApiResponse;
import dev.wfm.http.Route;
import dev.wfm.items.ItemService;
import dev.wfm.security.Privilege;
import java.util.Map;

/** A workflow item's business calendar: anyone with a role in the item reads it; its admins set and remove it. */
public final class CalendarRoutes {
    private final ItemService items;
    private final BusinessCalendars calendars;

    public CalendarRoutes(ItemService items, BusinessCalendars calendars) {
        this.items = items;
        this.calendars = calendars;
    }

    public Map<String, Route> routes() {
        return Map.of(
                "GET /items/{itemId}/calendar", items.reader(request -> ApiResponse.ok(calendars.get(request.pathParameter("itemId")))),
                "PUT /items/{itemId}/calendar", items.allowed(Privilege.MANAGE_CALENDAR, request ->
                        ApiResponse.ok(calendars.put(request.pathParameter("itemId"), request.jsonBody()))),
                "DELETE /items/{itemId}/calendar", items.allowed(Privilege.MANAGE_CALENDAR, request -> {
                    calendars.delete(request.pathParameter("itemId"));
                    return ApiResponse.noContent();
                }));
    }
}
