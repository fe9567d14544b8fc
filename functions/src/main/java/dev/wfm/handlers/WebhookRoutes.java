package dev.wfm.handlers;

import dev.wfm.security.Privilege;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.wfm.common.Json;
import dev.wfm.common.Refusal;
import dev.wfm.http.ApiRequest;
import dev.wfm.http.ApiResponse;
import dev.wfm.http.Paging;
import dev.wfm.http.Route;
import dev.wfm.items.ItemService;
import dev.wfm.webhooks.DeliveryLog;
import dev.wfm.webhooks.WebhookDelivery;
import dev.wfm.webhooks.WebhookRegistry;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The webhook routes. Registration, management and the delivery log (reading it, replaying a
 * failed delivery) are the item admins'; {@code POST /hooks/{webhookId}} carries no JWT and is
 * proven by the webhook's secret instead.
 */
public final class WebhookRoutes {
    private static final int DEFAULT_PAGE = 25;
    private static final int MAX_PAGE = 100;

    private final ItemService items;
    private final WebhookRegistry registry;
    private final WebhookDelivery delivery;

    public WebhookRoutes(ItemService items, WebhookRegistry registry, WebhookDelivery delivery) {
        this.items = items;
        this.registry = registry;
        this.delivery = delivery;
    }

    public Map<String, Route> routes() {
        return Map.of(
                "POST /items/{itemId}/webhooks", this::register,
                "GET /items/{itemId}/webhooks", this::list,
                "GET /items/{itemId}/webhooks/{webhookId}", request -> ApiResponse.ok(withUrl(request,
                        registry.get(admin(request), request.pathParameter("webhookId")))),
                "PUT /items/{itemId}/webhooks/{webhookId}", request -> ApiResponse.ok(withUrl(request,
                        registry.update(admin(request), request.pathParameter("webhookId"), request.jsonBody()))),
                "DELETE /items/{itemId}/webhooks/{webhookId}", this::delete,
                "POST /items/{itemId}/webhooks/{webhookId}/rotate-secret", this::rotate,
                "GET /items/{itemId}/webhooks/{webhookId}/deliveries", this::deliveries,
                "POST /items/{itemId}/webhooks/{webhookId}/deliveries/{deliveryId}/replay", this::replay,
                "POST /hooks/{webhookId}", request -> ApiResponse.accepted(
                        WebhookDelivery.answer(delivery.deliver(request.pathParameter("webhookId"), request))));
    }

    /** {@code ?status=Succeeded|Failed&limit=1..100&nextToken=...}: newest first. */
    private ApiResponse deliveries(ApiRequest request) {
        String itemId = admin(request);
        String status = request.queryParameter("status").orElse(null);
        if (status != null && !Set.of(DeliveryLog.SUCCEEDED, DeliveryLog.FAILED).contains(status)) {
            throw Refusal.invalid("Expected status to be Succeeded or Failed, but got '" + status + "'", "status");
        }
        int limit = request.limit(DEFAULT_PAGE, MAX_PAGE);
        String after = request.queryParameter("nextToken").orElse(null);
        if (after != null && !isDeliveryId(after)) {
            throw Refusal.invalid("nextToken is not one this route answered", "nextToken");
        }
        DeliveryLog.Page page = delivery.deliveries(itemId, request.pathParameter("webhookId"), status, limit, after);
        ObjectNode answer = Json.listed("deliveries", page.deliveries());
        if (page.nextToken() != null) {
            answer.put("nextToken", page.nextToken());
            answer.put(Paging.NEXT_LINK, Paging.link(request, Map.of("nextToken", page.nextToken())));
        }
        return ApiResponse.ok(answer);
    }

    private ApiResponse replay(ApiRequest request) {
        String itemId = admin(request);
        String webhookId = request.pathParameter("webhookId");
        String deliveryId = request.pathParameter("deliveryId");
        if (!isDeliveryId(deliveryId)) {
            throw Refusal.notFound("Webhook '" + webhookId + "' has no delivery '" + deliveryId + "'", "deliveryId");
        }
        return ApiResponse.ok(delivery.replay(itemId, webhookId, deliveryId, request.identity().user()));
    }

    /** Delivery ids (page tokens are one too) are the log's own ids: anything else names no delivery. */
    private static boolean isDeliveryId(String value) {
        return value.matches("[0-9a-z]{26}");
    }

    private ApiResponse register(ApiRequest request) {
        String itemId = admin(request);
        WebhookRegistry.WithSecret registered = registry.register(itemId, request.identity().user(), request.jsonBody());
        return ApiResponse.created(withSecret(request, registered));
    }

    private ApiResponse rotate(ApiRequest request) {
        WebhookRegistry.WithSecret rotated = registry.rotate(admin(request), request.pathParameter("webhookId"));
        return ApiResponse.ok(withSecret(request, rotated));
    }

    private ApiResponse list(ApiRequest request) {
        List<ObjectNode> webhooks = registry.list(admin(request)).stream().map(webhook -> withUrl(request, webhook)).toList();
        return ApiResponse.ok(Paging.array(request, webhooks, w -> w.path("webhookId").asText()));
    }

    private ApiResponse delete(ApiRequest request) {
        registry.delete(admin(request), request.pathParameter("webhookId"));
        return ApiResponse.noContent();
    }

    /** The answer that carries the secret: the only time it is ever shown. */
    private ObjectNode withSecret(ApiRequest request, WebhookRegistry.WithSecret registered) {
        ObjectNode answer = Json.object().put("webhookId", registered.view().path("webhookId").asText());
        answer.put("url", url(request, registered.view().path("webhookId").asText()));
        answer.put("secret", registered.secret());
        answer.setAll(withUrl(request, registered.view()));
        return answer;
    }

    private ObjectNode withUrl(ApiRequest request, ObjectNode view) {
        return view.put("url", url(request, view.path("webhookId").asText()));
    }

    /** The delivery URL on the API the admin is talking to (its own scheme, host and port), so it works as given. */
    private String url(ApiRequest request, String webhookId) {
        return request.baseUrl() + "/hooks/" + webhookId;
    }

    private String admin(ApiRequest request) {
        String itemId = request.pathParameter("itemId");
        items.require(request.identity(), itemId, Privilege.MANAGE_WEBHOOKS);
        return itemId;
    }
}
