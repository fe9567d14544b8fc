package dev.wfm.webhooks;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.wfm.common.Ids;
import dev.wfm.common.Json;
import dev.wfm.common.JsonFields;
import dev.wfm.common.Refusal;
import dev.wfm.config.JobTemplates;
import dev.wfm.store.DocumentStore.Document;
import java.time.Clock;
import java.util.List;
import java.util.Set;

/**
 * Registering and managing an item's webhooks. The secret is made here and handed back exactly
 * once (on registration and on rotation); what is stored is its hash ({@code secret} mode) or
 * its AES-GCM ciphertext ({@code hmac} mode, which needs the secret to check signatures).
 * Views never carry either.
 */
public final class WebhookRegistry {
    static final Set<String> KINDS = Set.of("survey123", "generic");
    static final Set<String> SECURITY = Set.of("secret", "hmac");
    private static final Set<String> SECRET_FIELDS = Set.of("secretHash", "secretCipher");

    /** A webhook's view and, right after registration or rotation, its secret. */
    public record WithSecret(ObjectNode view, String secret) {}

    private final WebhookStore store;
    private final JobTemplates templates;
    private final WebhookSecrets secrets;
    private final Clock clock;

    public WebhookRegistry(WebhookStore store, JobTemplates templates, WebhookSecrets secrets, Clock clock) {
        this.store = store;
        this.templates = templates;
        this.secrets = secrets;
        this.clock = clock;
    }

    public WithSecret register(String itemId, String user, JsonNode body) {
        JsonFields.refuseUnknown(body, "", "name", "jobTemplateId", "kind", "security", "mapping", "idExpression");
        String name = JsonFields.requiredString(body, "name", 200);
        String templateId = JsonFields.requiredString(body, "jobTemplateId", 64);
        requireTemplate(itemId, templateId);
        String kind = oneOf(body, "kind", KINDS);
        String security = oneOf(body, "security", SECURITY);
        WebhookMapping.validate(body.get("mapping"));
        String idExpression = JsonFields.optionalString(body, "idExpression", 2000);
        if (idExpression != null) {
            WebhookMapping.validateExpression(idExpression, "idExpression");
        }
        String now = clock.instant().toString();
        String webhookId = Ids.newId(clock.instant());
        ObjectNode webhook = Json.object().put("webhookId", webhookId).put("name", name).put("jobTemplateId", templateId)
                .put("kind", kind).put("security", security).put("enabled", true);
        if (body.hasNonNull("mapping")) {
            webhook.set("mapping", body.get("mapping"));
        }
        if (idExpression != null) {
            webhook.put("idExpression", idExpression);
        }
        webhook.put("createdBy", user).put("created", now).put("updated", now);
        String secret = WebhookSecrets.newSecret();
        storeSecret(webhook, webhookId, secret);
        store.create(itemId, webhookId, webhook);
        return new WithSecret(view(webhook, 1), secret);
    }

    public List<ObjectNode> list(String itemId) {
        return store.list(itemId).stream().map(document -> view(document.body(), document.revision())).toList();
    }

    public ObjectNode get(String itemId, String webhookId) {
        Document document = require(itemId, webhookId);
        return view(document.body(), document.revision());
    }

    /** A new secret replaces the old one at once: deliveries signed with the old one are refused from now on. */
    public WithSecret rotate(String itemId, String webhookId) {
        Document document = require(itemId, webhookId);
        ObjectNode webhook = document.body().deepCopy();
        String secret = WebhookSecrets.newSecret();
        storeSecret(webhook, webhookId, secret);
        webhook.put("updated", clock.instant().toString());
        replace(itemId, webhookId, document, webhook);
        return new WithSecret(view(webhook, document.revision() + 1), secret);
    }

    /** {@code {enabled?, name?, mapping?, idExpression?}}; absent fields stay as they are. */
    public ObjectNode update(String itemId, String webhookId, JsonNode body) {
        Document document = require(itemId, webhookId);
        JsonFields.refuseUnknown(body, "", "enabled", "name", "mapping", "idExpression");
        ObjectNode webhook = document.body().deepCopy();
        if (body.has("enabled")) {
            if (!body.get("enabled").isBoolean()) {
                throw Refusal.invalid("enabled must be true or false", "enabled");
            }
            webhook.put("enabled", body.get("enabled").asBoolean());
        }
        if (body.has("name")) {
            webhook.put("name", JsonFields.requiredString(body, "name", 200));
        }
        if (body.has("mapping")) {
            WebhookMapping.validate(body.get("mapping"));
            webhook.set("mapping", body.get("mapping"));
        }
        if (body.has("idExpression")) {
            String idExpression = JsonFields.optionalString(body, "idExpression", 2000);
            if (idExpression == null) {
                webhook.remove("idExpression");
            } else {
                WebhookMapping.validateExpression(idExpression, "idExpression");
                webhook.put("idExpression", idExpression);
            }
        }
        webhook.put("updated", clock.instant().toString());
        replace(itemId, webhookId, document, webhook);
        return view(webhook, document.revision() + 1);
    }

    public void delete(String itemId, String webhookId) {
        require(itemId, webhookId);
        store.delete(itemId, webhookId);
    }

    private void storeSecret(ObjectNode webhook, String webhookId, String secret) {
        if ("secret".equals(webhook.path("security").asText())) {
            webhook.put("secretHash", WebhookSecrets.hash(secret));
        } else {
            webhook.put("secretCipher", secrets.encrypt(secret, webhookId));
        }
    }

    private void replace(String itemId, String webhookId, Document document, ObjectNode webhook) {
        if (!store.replace(itemId, webhookId, document.revision(), webhook)) {
            throw Refusal.conflict("Webhook '" + webhookId + "' changed while this request ran; read it again and retry", "webhookId");
        }
    }

    private Document require(String itemId, String webhookId) {
        return store.get(itemId, webhookId)
                .orElseThrow(() -> Refusal.notFound("Webhook '" + webhookId + "' does not exist in this workflow item", "webhookId"));
    }

    private void requireTemplate(String itemId, String templateId) {
        templates.referenced(itemId, templateId, "jobTemplateId");
    }

    private static String oneOf(JsonNode body, String field, Set<String> allowed) {
        String value = JsonFields.requiredString(body, field, 40);
        if (!allowed.contains(value)) {
            throw Refusal.invalid("Expected " + field + " to be one of " + allowed.stream().sorted().toList() + ", but got '" + value + "'", field);
        }
        return value;
    }

    private static ObjectNode view(ObjectNode webhook, long revision) {
        ObjectNode view = webhook.deepCopy();
        view.remove(SECRET_FIELDS);
        view.put("revision", revision);
        return view;
    }
}
