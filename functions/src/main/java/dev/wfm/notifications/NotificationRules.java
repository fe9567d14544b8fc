package dev.wfm.notifications;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.wfm.common.Ids;
import dev.wfm.common.Refusal;
import dev.wfm.outbound.SecretHeaders;
import dev.wfm.store.DocumentStore;
import java.time.Clock;
import java.util.List;
import java.util.Optional;
import java.util.function.UnaryOperator;

/**
 * An item's notification rules: configuration documents {@code NOTIFICATION#{ruleId}},
 * revisioned, checked whole when saved ({@link RuleRequest}). Secret web request headers are
 * stored sealed ({@link SecretHeaders}): the item's admins see them, everyone else sees
 * {@code {"secret": true}}. The rules of an item are one Query, which is how deliveries read them.
 */
public final class NotificationRules {
    static final String KIND = "NOTIFICATION";
    /** Every batch of events reads all of an item's rules: they stay few. */
    static final int MAX_RULES = 100;

    private final DocumentStore documents;
    private final SecretHeaders secretHeaders;
    private final Clock clock;

    public NotificationRules(DocumentStore documents, SecretHeaders secretHeaders, Clock clock) {
        this.documents = documents;
        this.secretHeaders = secretHeaders;
        this.clock = clock;
    }

    public ObjectNode create(String itemId, JsonNode body) {
        String ruleId = Ids.newId(clock.instant());
        ObjectNode rule = RuleRequest.create(body, ruleId);
        if (documents.list(itemId, KIND).size() >= MAX_RULES) {
            throw Refusal.conflict("The item has " + MAX_RULES + " notification rules, the most it may have; delete one first", null);
        }
        if (!documents.create(itemId, KIND, ruleId, sealed(itemId, rule))) {
            throw new IllegalStateException("A fresh rule id " + ruleId + " exists already");
        }
        return get(itemId, ruleId, true);
    }

    /** The rule; its secret header values only for the item's admins ({@code admin}). */
    public ObjectNode get(String itemId, String ruleId, boolean admin) {
        return view(itemId, require(itemId, ruleId), admin);
    }

    public List<ObjectNode> list(String itemId, boolean admin) {
        return documents.list(itemId, KIND).stream().map(document -> view(itemId, document, admin)).toList();
    }

    /** Replaces the rule whole; {@code revision}, when given, must be the current one. */
    public ObjectNode replace(String itemId, String ruleId, JsonNode body) {
        DocumentStore.Document current = require(itemId, ruleId);
        ObjectNode rule = RuleRequest.replace(body, ruleId);
        Long sent = RuleRequest.revision(body);
        long expected = sent == null ? current.revision() : sent;
        if (!documents.replace(itemId, KIND, ruleId, expected, sealed(itemId, rule))) {
            throw Refusal.conflict("Rule '" + ruleId + "' changed since revision " + expected + "; read it again and reapply your change",
                    "revision");
        }
        return get(itemId, ruleId, true);
    }

    public void delete(String itemId, String ruleId) {
        require(itemId, ruleId);
        documents.delete(itemId, KIND, ruleId);
    }

    /** The item's enabled rules: one Query. */
    public List<NotificationRule> enabled(String itemId) {
        return documents.list(itemId, KIND).stream().map(document -> NotificationRule.of(document.body()))
                .filter(NotificationRule::enabled).toList();
    }

    public Optional<NotificationRule> find(String itemId, String ruleId) {
        return documents.get(itemId, KIND, ruleId).map(document -> NotificationRule.of(document.body()));
    }

    /** The rule's document; NOT_FOUND when there is none. */
    DocumentStore.Document require(String itemId, String ruleId) {
        return documents.get(itemId, KIND, ruleId)
                .orElseThrow(() -> Refusal.notFound("Notification rule '" + ruleId + "' does not exist in this workflow item", "ruleId"));
    }

    private ObjectNode view(String itemId, DocumentStore.Document document, boolean admin) {
        ObjectNode view = withHeaders(document.body(), headers -> admin ? secretHeaders.opened(itemId, headers) : SecretHeaders.masked(headers));
        return view.put("revision", document.revision());
    }

    private ObjectNode sealed(String itemId, ObjectNode rule) {
        return withHeaders(rule, headers -> secretHeaders.sealed(itemId, headers));
    }

    private static ObjectNode withHeaders(ObjectNode rule, UnaryOperator<JsonNode> rewrite) {
        ObjectNode copy = rule.deepCopy();
        JsonNode web = copy.path("action").path("webRequest");
        if (web.path("headers").isObject()) {
            ((ObjectNode) web).set("headers", rewrite.apply(web.get("headers")));
        }
        return copy;
    }
}
