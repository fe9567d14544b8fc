package dev.wfm.config;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.wfm.common.JsonFields;
import dev.wfm.common.Refusal;
import dev.wfm.store.DocumentStore;
import java.util.List;
import java.util.Locale;
import java.util.function.Supplier;

/**
 * An item's documents of one kind known by their name, as its extended property tables and lookup
 * tables are: created once per name, read with their revision, replaced whole at the revision the
 * body names (else the current one), never renamed.
 */
final class NamedDocuments {
    private final DocumentStore documents;
    private final String kind;
    /** What one is called in answers, such as "Lookup table". */
    private final String noun;
    /** The path parameter that names one, the target of a NOT_FOUND. */
    private final String pathParameter;

    NamedDocuments(DocumentStore documents, String kind, String noun, String pathParameter) {
        this.documents = documents;
        this.kind = kind;
        this.noun = noun;
        this.pathParameter = pathParameter;
    }

    /** Stores a new document under its {@code name}; 409 when the name is taken. */
    String create(String itemId, ObjectNode document) {
        String name = document.path("name").asText();
        if (!documents.create(itemId, kind, name, document)) {
            throw Refusal.conflict(noun + " '" + name + "' exists already; replace it instead", "name");
        }
        return name;
    }

    ObjectNode get(String itemId, String name) {
        return shown(find(itemId, name));
    }

    List<ObjectNode> list(String itemId) {
        return documents.list(itemId, kind).stream().map(NamedDocuments::shown).toList();
    }

    /**
     * Replaces the document with the one {@code parsed} reads from {@code body} (after the one to
     * replace is found), at the body's {@code revision} or the current one: 409 when it changed since.
     */
    ObjectNode replace(String itemId, String name, JsonNode body, Supplier<ObjectNode> parsed) {
        DocumentStore.Document current = find(itemId, name);
        ObjectNode document = parsed.get();
        if (!document.path("name").asText().equals(name)) {
            throw Refusal.invalid("A " + noun.toLowerCase(Locale.ROOT) + " cannot be renamed: the body names '"
                    + document.path("name").asText() + "'", "name");
        }
        Long revision = JsonFields.optionalLong(body, "revision", 0, Long.MAX_VALUE);
        long expected = revision != null ? revision : current.revision();
        if (!documents.replace(itemId, kind, name, expected, document)) {
            throw Refusal.conflict(noun + " '" + name + "' changed since revision " + expected + "; read it again", "revision");
        }
        return get(itemId, name);
    }

    DocumentStore.Document find(String itemId, String name) {
        return documents.get(itemId, kind, name)
                .orElseThrow(() -> Refusal.notFound(noun + " '" + name + "' was not found", pathParameter));
    }

    private static ObjectNode shown(DocumentStore.Document document) {
        return document.body().deepCopy().put("revision", document.revision());
    }
}
