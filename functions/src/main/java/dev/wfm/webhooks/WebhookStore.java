package dev.wfm.webhooks;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.wfm.common.JsonataTemplates;
import dev.wfm.config.LookupUsers;
import dev.wfm.config.Lookups;
import dev.wfm.config.TemplateUsers;
import dev.wfm.store.DocumentStore.Document;
import dev.wfm.store.DocumentStore;
import dev.wfm.store.Keys;
import dev.wfm.store.Table;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/**
 * Webhooks are documents of their item ({@code ITEM#{itemId}} / {@code WEBHOOK#{webhookId}},
 * revisioned like all configuration). A delivery knows only the webhook id, so a pointer
 * {@code HOOK#{webhookId}} / {@code HOOK} names the item: one consistent read, no index.
 */
public final class WebhookStore {
    static final String KIND = "WEBHOOK";

    /** A webhook found from its id alone. */
    public record Found(String itemId, Document document) {}

    private final Table table;
    private final DocumentStore documents;

    public WebhookStore(Table table, DocumentStore documents) {
        this.table = table;
        this.documents = documents;
    }

    /** The pointer first: a delivery that finds a pointer without its document answers 404, as for no webhook. */
    public void create(String itemId, String webhookId, ObjectNode webhook) {
        Map<String, AttributeValue> pointer = new HashMap<>(Table.key(Keys.webhookPointer(webhookId), Keys.WEBHOOK_POINTER));
        pointer.put("itemId", Table.s(itemId));
        if (!table.putNew(pointer)
                || !documents.create(itemId, KIND, webhookId, webhook)) {
            throw new IllegalStateException("Webhook id " + webhookId + " collided");
        }
    }

    public Optional<Found> find(String webhookId) {
        return table.get(Keys.webhookPointer(webhookId), Keys.WEBHOOK_POINTER)
                .map(pointer -> pointer.get("itemId").s())
                .flatMap(itemId -> documents.get(itemId, KIND, webhookId).map(document -> new Found(itemId, document)));
    }

    public Optional<Document> get(String itemId, String webhookId) {
        return documents.get(itemId, KIND, webhookId);
    }

    public List<Document> list(String itemId) {
        return documents.list(itemId, KIND);
    }

    /**
     * Webhooks whose mapping sets a lookup's job field to one of these values as a literal: a
     * Query of the item's webhooks. A value an expression yields is known only at delivery.
     */
    public List<LookupUsers.Use> usingLookup(String itemId, String lookup, Set<String> values) {
        String field = Lookups.jobField(lookup);
        return list(itemId).stream()
                .filter(document -> {
                    JsonNode mapped = document.body().path("mapping").path(field);
                    return mapped.isTextual() && !JsonataTemplates.isTemplate(mapped.asText()) && values.contains(mapped.asText());
                })
                .map(document -> new LookupUsers.Use(document.body().path("mapping").path(field).asText(), document.id(),
                        "webhook '" + document.body().path("name").asText() + "'"))
                .toList();
    }

    /** Webhooks whose deliveries create jobs of the template: a Query of the item's webhooks. */
    public List<TemplateUsers.Use> usingTemplate(String itemId, String jobTemplateId) {
        return list(itemId).stream()
                .filter(document -> jobTemplateId.equals(document.body().path("jobTemplateId").asText(null)))
                .map(document -> new TemplateUsers.Use(document.id(), "webhook '" + document.body().path("name").asText() + "'"))
                .toList();
    }

    public boolean replace(String itemId, String webhookId, long expectedRevision, ObjectNode webhook) {
        return documents.replace(itemId, KIND, webhookId, expectedRevision, webhook);
    }

    /** The document first, so a half-done delete leaves a pointer to nothing (404), never a live webhook. */
    public void delete(String itemId, String webhookId) {
        documents.delete(itemId, KIND, webhookId);
        table.delete(Keys.webhookPointer(webhookId), Keys.WEBHOOK_POINTER);
    }
}
