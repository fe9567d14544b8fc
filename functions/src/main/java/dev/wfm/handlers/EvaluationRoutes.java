package dev.wfm.handlers;

import dev.wfm.expressions.ExpressionEvaluator;
import dev.wfm.expressions.WebRequestEvaluator;
import dev.wfm.http.ApiResponse;
import dev.wfm.http.Route;
import dev.wfm.items.ItemService;
import dev.wfm.security.Privilege;
import java.util.Map;

/**
 * Trying expressions and web requests before they go into a diagram or template: expressions for
 * everyone with a role in the item (they read what the caller may read), web requests for the
 * item's admins (they call out, as a published diagram's steps do).
 */
public final class EvaluationRoutes {
    private final ItemService items;
    private final ExpressionEvaluator expressions;
    private final WebRequestEvaluator webRequests;

    public EvaluationRoutes(ItemService items, ExpressionEvaluator expressions, WebRequestEvaluator webRequests) {
        this.items = items;
        this.expressions = expressions;
        this.webRequests = webRequests;
    }

    public Map<String, Route> routes() {
        return Map.of(
                "POST /items/{itemId}/expressions/evaluate", items.reader(request ->
                        ApiResponse.ok(expressions.evaluate(request.pathParameter("itemId"), request.jsonBody()))),
                "POST /items/{itemId}/web-requests/evaluate", items.allowed(Privilege.TRY_WEB_REQUESTS, request ->
                        ApiResponse.ok(webRequests.evaluate(request.pathParameter("itemId"), request.jsonBody()))));
    }
}
