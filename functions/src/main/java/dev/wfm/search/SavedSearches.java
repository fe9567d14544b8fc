package dev.wfm.search;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.wfm.common.Ids;
import dev.wfm.common.Json;
import dev.wfm.common.JsonFields;
import dev.wfm.common.Refusal;
import dev.wfm.security.Identity;
import dev.wfm.store.DocumentStore;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

/**
 * Searches saved by name ({@code q}, {@code search}, {@code fields}, {@code sortFields}), seen by
 * their owner and by the members of the groups they are shared with; changed or deleted by their
 * owner or an item admin. Documents of kind {@code SEARCH} under the item. The definition is
 * checked as a search request when saved, so a saved search always runs.
 */
public final class SavedSearches {
    static final String KIND = "SEARCH";
    private final DocumentStore documents;
    private final Clock clock;
    private final Function<String, Map<String, String>> extendedDefinitions;

    /** {@code extendedDefinitions}: an item's one-to-one extended property fields, {@code table.field -> type}. */
    public SavedSearches(DocumentStore documents, Clock clock, Function<String, Map<String, String>> extendedDefinitions) {
        this.documents = documents;
        this.clock = clock;
        this.extendedDefinitions = extendedDefinitions;
    }

    public ObjectNode create(String itemId, Identity owner, JsonNode body) {
        JsonFields.refuseUnknown(body, "", "name", "q", "search", "fields", "sortFields", "sharedWith");
        ObjectNode search = Json.object();
        String searchId = Ids.newId();
        search.put("searchId", searchId);
        search.put("name", JsonFields.requiredString(body, "name", 200));
        copyDefinition(body, search);
        request(itemId, search); // refuses what would not run, naming the field
        Identity.groupNames(body.get("sharedWith"), "sharedWith").forEach(search.putArray("sharedWith")::add);
        search.put("owner", owner.user());
        search.put("created", clock.instant().toString());
        if (!documents.create(itemId, KIND, searchId, search)) {
            throw Refusal.conflict("A saved search with id '" + searchId + "' exists already", "searchId");
        }
        return search;
    }

    /** The saved searches the caller may see, in creation order. */
    public List<ObjectNode> visible(String itemId, Identity caller) {
        return documents.list(itemId, KIND).stream()
                .map(DocumentStore.Document::body)
                .filter(search -> sees(caller, search))
                .toList();
    }

    /** The saved search, if the caller may see it; otherwise NOT_FOUND, as if it did not exist. */
    public ObjectNode get(String itemId, String searchId, Identity caller) {
        return documents.get(itemId, KIND, searchId)
                .map(DocumentStore.Document::body)
                .filter(search -> sees(caller, search))
                .orElseThrow(() -> Refusal.notFound("No saved search '" + searchId + "' in this item", "searchId"));
    }

    public void delete(String itemId, String searchId, Identity caller, boolean admin) {
        ObjectNode search = get(itemId, searchId, caller);
        if (!admin && !search.path("owner").asText().equals(caller.user())) {
            throw Refusal.denied("Only the owner of saved search '" + searchId + "' or an item admin may delete it");
        }
        documents.delete(itemId, KIND, searchId);
    }

    /** The request a run makes: the saved definition with the run's paging ({@code start}, {@code num}, {@code nextToken}). */
    public SearchRequest runRequest(String itemId, ObjectNode saved, JsonNode paging) {
        ObjectNode request = Json.object();
        copyDefinition(saved, request);
        for (String field : List.of("start", "num", "nextToken", "explain")) {
            if (paging.has(field)) {
                request.set(field, paging.get(field));
            }
        }
        return request(itemId, request);
    }

    private SearchRequest request(String itemId, ObjectNode body) {
        return SearchRequest.read(body, ExtendedFields.typesFor(body, () -> extendedDefinitions.apply(itemId)), clock.instant());
    }

    private static void copyDefinition(JsonNode from, ObjectNode to) {
        for (String field : List.of("q", "search", "fields", "sortFields")) {
            if (from.hasNonNull(field)) {
                to.set(field, from.get(field));
            }
        }
    }

    private static boolean sees(Identity caller, JsonNode search) {
        if (search.path("owner").asText().equals(caller.user())) {
            return true;
        }
        for (JsonNode group : search.path("sharedWith")) {
            if (caller.inGroup(group.asText())) {
                return true;
            }
        }
        return false;
    }
}
