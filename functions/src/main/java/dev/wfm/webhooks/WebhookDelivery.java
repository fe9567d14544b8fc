package dev.wfm.webhooks;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.wfm.common.Ids;
import dev.wfm.common.Json;
import dev.wfm.common.Refusal;
import dev.wfm.geo.Location;
import dev.wfm.geo.LocationStore;
import dev.wfm.http.ApiRequest;
import dev.wfm.jobs.Actor;
import dev.wfm.jobs.JobCreation;
import dev.wfm.security.Role;
import java.time.Clock;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Predicate;

/**
 * One delivery from a form app: find the webhook, verify the sender, strip the payload's
 * credentials, map it to job fields, then create the job(s) once per submission. The
 * submission's own id (Survey123's globalid or objectid; a generic webhook's idExpression or
 * Idempotency-Key; else the delivery's id) becomes the job creation's idempotency key, whose
 * receipt is reserved by a conditional write before any job is written: repeats, sequential or
 * concurrent, answer the first delivery's jobIds and create nothing. Everything that can refuse
 * (JSON, mapping, geometry, the template's lookups) does so before.
 *
 * <p>Every verified delivery is recorded in the {@link DeliveryLog}: one that is refused keeps
 * its payload, so once an admin has fixed what refused it (the mapping, a lookup, the template)
 * a replay maps it again under the same idempotency key: however often it is replayed, or
 * delivered again meanwhile, the submission is one job.
 */
public final class WebhookDelivery {
    static final int MAX_DELIVERY_ID = 200;
    private static final int REPLAY_ATTEMPTS = 5;

    /** What a delivery answers: its id in the log and the jobs of its submission. */
    public record Delivered(String deliveryId, List<String> jobIds) {}

    /** One attempt at turning a payload into jobs: the jobs, or the refusal. */
    private record Attempt(String submissionId, List<String> jobIds, Refusal refusal) {
        boolean failed() {
            return refusal != null;
        }
    }

    private final WebhookStore store;
    private final DeliveryLog log;
    private final DeliveryVerifier verifier;
    private final JobCreation creation;
    private final LocationStore locations;
    private final Clock clock;

    public WebhookDelivery(WebhookStore store, DeliveryLog log, DeliveryVerifier verifier, JobCreation creation, LocationStore locations,
                           Clock clock) {
        this.store = store;
        this.log = log;
        this.verifier = verifier;
        this.creation = creation;
        this.locations = locations;
        this.clock = clock;
    }

    /** The jobs of the delivery; a refusal carries the delivery's id in {@code meta.deliveryId}. */
    public Delivered deliver(String webhookId, ApiRequest request) {
        return deliver(webhookId, request, found -> true);
    }

    /**
     * A delivery addressed by item and job template as well (ArcGIS Workflow Manager's
     * {@code executeWebhook} route): a webhook of another item or template is not found.
     */
    public Delivered deliver(String itemId, String jobTemplateId, String webhookId, ApiRequest request) {
        return deliver(webhookId, request, found -> found.itemId().equals(itemId)
                && found.document().body().path("jobTemplateId").asText().equals(jobTemplateId));
    }

    private Delivered deliver(String webhookId, ApiRequest request, Predicate<WebhookStore.Found> addressed) {
        WebhookStore.Found found = store.find(webhookId)
                .filter(addressed)
                .filter(webhook -> webhook.document().body().path("enabled").asBoolean())
                // Unknown and disabled answer alike, so the URL space reveals nothing.
                .orElseThrow(() -> Refusal.notFound("No webhook '" + webhookId + "' is accepting deliveries", "webhookId"));
        ObjectNode webhook = found.document().body();
        verifier.verify(webhookId, webhook, request);
        Instant received = clock.instant();
        String deliveryId = Ids.newId(received);
        String senderKey = request.header("Idempotency-Key").orElse(null);
        ObjectNode payload = null;
        Attempt attempt;
        try {
            payload = FormCredentials.stripped((ObjectNode) request.jsonBody());
            attempt = attempt(found.itemId(), webhookId, webhook, payload, senderKey, deliveryId);
        } catch (Refusal notJson) {
            attempt = new Attempt(null, List.of(), notJson);
        }
        ObjectNode view = Json.object().put("deliveryId", deliveryId).put("webhookId", webhookId).put("receivedAt", received.toString());
        log.add(found.itemId(), webhookId, outcome(view, attempt, received), attempt.failed() ? payload : null, senderKey);
        if (attempt.failed()) {
            Map<String, String> meta = new HashMap<>(attempt.refusal().meta());
            meta.put("deliveryId", deliveryId);
            Refusal refusal = attempt.refusal();
            throw new Refusal(refusal.kind(), refusal.getMessage(), refusal.target(), refusal.details(), meta);
        }
        return new Delivered(deliveryId, attempt.jobIds());
    }

    /**
     * Maps a failed delivery's payload again with the webhook as it is now. A delivery that
     * succeeded answers as it is (its jobs exist); one whose payload was not kept is a conflict.
     * Concurrent replays create the submission's jobs once (the same idempotency key) and the
     * log records one outcome.
     */
    public ObjectNode replay(String itemId, String webhookId, String deliveryId, String user) {
        ObjectNode webhook = requireWebhook(itemId, webhookId);
        for (int i = 0; i < REPLAY_ATTEMPTS; i++) {
            DeliveryLog.Entry entry = log.get(itemId, webhookId, deliveryId).orElseThrow(() -> Refusal.notFound("Webhook '"
                    + webhookId + "' has no delivery '" + deliveryId + "' (deliveries are kept " + DeliveryLog.KEPT.toDays() + " days)",
                    "deliveryId"));
            if (DeliveryLog.SUCCEEDED.equals(entry.view().path("status").asText())) {
                return entry.view();
            }
            if (entry.payload() == null) {
                throw Refusal.conflict("Delivery '" + deliveryId + "' cannot be replayed: "
                        + entry.view().path("notReplayableBecause").asText(), "deliveryId");
            }
            Attempt attempt = attempt(itemId, webhookId, webhook, entry.payload(), entry.senderKey(), deliveryId);
            ObjectNode view = outcome(entry.view().deepCopy(), attempt, clock.instant()).put("replayedBy", user);
            if (log.replace(itemId, webhookId, entry, view, attempt.failed() ? entry.payload() : null)) {
                return view;
            }
            // Another replay wrote first: read what it recorded (its jobs are these jobs).
        }
        throw Refusal.conflict("Delivery '" + deliveryId + "' is being replayed concurrently; read its outcome and retry", "deliveryId");
    }

    /** The webhook's recorded deliveries, newest first. */
    public DeliveryLog.Page deliveries(String itemId, String webhookId, String status, int limit, String after) {
        requireWebhook(itemId, webhookId);
        return log.page(itemId, webhookId, status, limit, after);
    }

    private Attempt attempt(String itemId, String webhookId, ObjectNode webhook, ObjectNode payload, String senderKey, String deliveryId) {
        String kind = webhook.path("kind").asText();
        String submissionId = null;
        try {
            submissionId = submissionId(kind, webhook, payload, senderKey);
            Actor actor = new Actor("webhook:" + webhookId, List.of(), Set.of(Role.MANAGER));
            // Without a submission id the delivery itself is the unit: its replays create its jobs once.
            List<String> jobIds = created(itemId, webhook, payload, actor,
                    "hook-" + webhookId + "-" + (submissionId != null ? submissionId : "delivery-" + deliveryId));
            return new Attempt(submissionId, jobIds, null);
        } catch (Refusal refused) {
            return new Attempt(submissionId, List.of(), refused);
        }
    }

    /**
     * A Survey123 submission sent to a job template with the submitter's own token (ArcGIS Workflow
     * Manager's {@code createJobFromSurveyResponse}, no webhook registered): its credentials
     * stripped, mapped as a survey123 webhook maps it, created as {@code actor} once per
     * submission (its globalid or objectid; a repeat answers the first jobs).
     */
    public List<String> survey(String itemId, String jobTemplateId, Actor actor, JsonNode payload) {
        if (!payload.isObject()) {
            throw Refusal.invalid("Expected a Survey123 submission, a JSON object, as the request body", "body");
        }
        ObjectNode stripped = FormCredentials.stripped((ObjectNode) payload);
        ObjectNode webhook = Json.object().put("kind", "survey123").put("jobTemplateId", jobTemplateId);
        String submissionId = submissionId("survey123", webhook, stripped, null);
        if (submissionId == null) {
            throw Refusal.invalid("The submission names no feature.attributes.globalid or objectid: it cannot be told from a repeat",
                    "feature.attributes");
        }
        return created(itemId, webhook, stripped, actor, "survey-" + jobTemplateId + "-" + submissionId);
    }

    /** The payload mapped by the webhook's kind and mapping, created as {@code actor} under {@code key}, located when it maps a location. */
    private List<String> created(String itemId, ObjectNode webhook, ObjectNode payload, Actor actor, String key) {
        ObjectNode fields = WebhookMapping.apply(webhook.path("kind").asText(), webhook.get("mapping"), payload);
        Location location = fields.hasNonNull("location") ? Location.of(fields.get("location"), "location") : null;
        ObjectNode body = fields.deepCopy();
        body.remove("location");
        body.put("jobTemplateId", webhook.path("jobTemplateId").asText());
        JobCreation.Created created = creation.create(itemId, actor, body, key);
        if (location != null) {
            // A repeat writes the same location again: harmless, and it completes a first delivery cut short here.
            created.jobIds().forEach(jobId -> locations.put(itemId, jobId, location));
        }
        return created.jobIds();
    }

    /** The view with an attempt's outcome: Succeeded with its jobs, or Failed with its error. */
    private static ObjectNode outcome(ObjectNode view, Attempt attempt, Instant at) {
        view.remove(List.of("submissionId", "jobIds", "error"));
        if (attempt.submissionId() != null) {
            view.put("submissionId", attempt.submissionId());
        }
        view.put("status", attempt.failed() ? DeliveryLog.FAILED : DeliveryLog.SUCCEEDED);
        if (attempt.failed()) {
            Refusal refusal = attempt.refusal();
            ObjectNode error = view.putObject("error").put("code", refusal.kind().name()).put("message", shortened(refusal.getMessage()));
            if (refusal.target() != null) {
                error.put("target", shortened(refusal.target()));
            }
        } else {
            attempt.jobIds().forEach(view.putArray("jobIds")::add);
        }
        return view.put("attempts", view.path("attempts").asInt(0) + 1).put("lastAttemptAt", at.toString());
    }

    /** Text as the log keeps it: an error can quote what was sent, and the log's record has room for a few KB of view. */
    private static String shortened(String text) {
        return text.codePointCount(0, text.length()) <= DeliveryLog.MAX_ERROR_CHARS ? text
                : text.substring(0, text.offsetByCodePoints(0, DeliveryLog.MAX_ERROR_CHARS - 1)) + "…";
    }

    private ObjectNode requireWebhook(String itemId, String webhookId) {
        return store.get(itemId, webhookId)
                .orElseThrow(() -> Refusal.notFound("Webhook '" + webhookId + "' does not exist in this workflow item", "webhookId"))
                .body();
    }

    private static String submissionId(String kind, ObjectNode webhook, JsonNode payload, String senderKey) {
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
            id = senderKey;
        }
        if (id != null && (id.isBlank() || id.length() > MAX_DELIVERY_ID)) {
            throw Refusal.invalid("The submission id must be 1 to " + MAX_DELIVERY_ID + " characters", "submissionId");
        }
        return id;
    }

    public static ObjectNode answer(Delivered delivered) {
        ObjectNode answer = Json.object().put("deliveryId", delivered.deliveryId());
        delivered.jobIds().forEach(answer.putArray("jobIds")::add);
        return answer;
    }
}
