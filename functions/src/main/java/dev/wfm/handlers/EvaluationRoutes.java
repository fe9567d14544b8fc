package dev.wfm.handlers;

import dev.wfm.expressions.ExpressionEvaluator;
import dev.wfm.http.ApiResponse;
import dev.wfm.http.Route;
import dev.wfm.items.ItemService;
import java.util.Map;

/** Trying expressions before they go into a diagram or template, for everyone with a role in the item (it reads what they may read). */
public final class EvaluationRoutes {
    private final ItemService items;
    private final ExpressionEvaluator expressions;

    public EvaluationRoutes(ItemService items, ExpressionEvaluator expressions) {
        this.items = items;
        this.expressions = expressions;
    }

    public Map<String, Route> routes() {
        return Map.of("POST /items/{itemId}/expressions/evaluate", items.reader(request ->
                ApiResponse.ok(expressions.evaluate(request.pathParameter("itemId"), request.jsonBody()))));
    }
}
