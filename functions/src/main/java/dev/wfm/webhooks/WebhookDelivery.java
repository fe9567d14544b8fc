package dev.wfm.webhooks;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.wfm.common.Json;
import dev.wfm.geo.Location;
import dev.wfm.geo.LocationStore;
import dev.wfm.http.ApiException;
import dev.wfm.http.ApiRequest;
import dev.wfm.jobs.Actor;
import dev.wfm.jobs.JobCreation;
import dev.wfm.security.Role;
import java.util.List;
import java.util.Set;

/**
 * One delivery from a form app: find the webhook, verify the sender, strip the payload's
 * credentials, map it to job fields, then create the job(s) once per submission. The submission's own id (Survey123's
 * globalid or objectid; a generic webhook's idExpression or Idempotency-Key) becomes the job
 * creation's idempotency key, whose receipt is reserved by a conditional write before any job is
 * written: repeats, sequential or concurrent, answer the first delivery's jobIds and create
 * nothing. Everything that can refuse (signature, JSON, mapping, geometry) does so before.
 */
public final class WebhookDelivery {
    static final int MAX_DELIVERY_ID = 200;

    private final WebhookStore store;
    private final DeliveryVerifier verifier;
    private final JobCreation creation;
    private final LocationStore locations;

    public WebhookDelivery(WebhookStore store, DeliveryVerifier verifier, JobCreation creation, LocationStore locations) {
        this.store = store;
        this.verifier = verifier;
        this.creation = creation;
        this.locations = locations;
    }

    public List<String> deliver(String webhookId, ApiRequest request) {
        WebhookStore.Found found = store.find(webhookId)
                .filter(webhook -> webhook.document().body().path("enabled").asBoolean())
                // Unknown and disabled answer alike, so the URL space reveals nothing.
                .orElseThrow(() -> ApiException.notFound("No webhook '" + webhookId + "' is accepting deliveries", "webhookId"));
        ObjectNode webhook = found.document().body();
        verifier.verify(webhookId, webhook, request);
        ObjectNode payload = FormCredentials.stripped((ObjectNode) request.jsonBody());
        String kind = webhook.path("kind").asText();
        ObjectNode fields = WebhookMapping.apply(kind, webhook.get("mapping"), payload);
        Location location = fields.hasNonNull("location") ? Location.of(fields.get("location"), "location") : null;
        String deliveryId = deliveryId(kind, webhook, payload, request);

        ObjectNode body = fields.deepCopy();
        body.remove("location");
        body.put("jobTemplateId", webhook.path("jobTemplateId").asText());
        Actor actor = new Actor("webhook:" + webhookId, List.of(), Set.of(Role.MANAGER));
        JobCreation.Created created = creation.create(found.itemId(), actor, body,
                deliveryId == null ? null : "hook-" + webhookId + "-" + deliveryId);
        if (location != null) {
            // A repeat writes the same location again: harmless, and it completes a first delivery cut short here.
            created.jobIds().forEach(jobId -> locations.put(found.itemId(), jobId, location));
        }
        return created.jobIds();
    }

    private static String deliveryId(String kind, ObjectNode webhook, JsonNode payload, ApiRequest request) {
        String id;
        if ("survey123".equals(kind)) {
            JsonNode attributes = payload.path("feature").path("attributes");
            JsonNode value = attributes.hasNonNull("globalid") ? attributes.get("globalid") : attributes.get("objectid");
            id = value == null || value.isNull() ? null : value.asText();
        } else if (webhook.hasNonNull("idExpression")) {
            id = WebhookMapping.text(webhook.path("idExpression").asText(), payload, "idExpression");
        } else {
            id = null;
        }
        if (id == null) {
            id = request.header("Idempotency-Key").orElse(null);
        }
        if (id != null && (id.isBlank() || id.length() > MAX_DELIVERY_ID)) {
            throw ApiException.invalid("The submission id must be 1 to " + MAX_DELIVERY_ID + " characters", "deliveryId");
        }
        return id;
    }

    static ObjectNode answer(List<String> jobIds) {
        ObjectNode answer = Json.object();
        jobIds.forEach(answer.putArray("jobIds")::add);
        return answer;
    }
}
