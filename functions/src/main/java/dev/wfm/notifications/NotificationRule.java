package dev.wfm.notifications;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;

/**
 * A notification rule as stored (checked when saved, see {@link RuleRequest}): on which
 * activities, an optional JSONata {@code filter} over {@code $event} and {@code $job}, and what it
 * does. Its web request headers are as stored, secret values sealed.
 */
public record NotificationRule(String ruleId, String name, Set<Activity> on, String filter, boolean enabled, Action action) {
    public NotificationRule {
        on = Set.copyOf(on);
    }

    /** What a rule does when it matches. */
    public sealed interface Action permits WebRequest, Email {}

    /** {@code url}, header values and {@code body} are literals or {@code {% %}} templates; {@code headers} as stored. */
    public record WebRequest(String method, String url, JsonNode headers, String body, int timeoutSeconds) implements Action {}

    /** Recipients: users (by id or address) and groups through the item's email directory, and an expression's addresses or users. */
    public record Email(List<String> users, List<String> groups, String expression, String subject, String body) implements Action {
        public Email {
            users = List.copyOf(users);
            groups = List.copyOf(groups);
        }
    }

    /** The rule a stored document holds. */
    public static NotificationRule of(ObjectNode stored) {
        Set<Activity> on = EnumSet.noneOf(Activity.class);
        stored.path("on").forEach(name -> Activity.fromJson(name.asText()).ifPresent(on::add));
        JsonNode action = stored.path("action");
        Action read;
        if (action.has("webRequest")) {
            JsonNode web = action.get("webRequest");
            read = new WebRequest(web.path("method").asText(), web.path("url").asText(), web.path("headers"),
                    web.hasNonNull("body") ? web.get("body").asText() : null, web.path("timeoutSeconds").asInt(RuleRequest.DEFAULT_TIMEOUT_SECONDS));
        } else {
            JsonNode email = action.path("email");
            JsonNode to = email.path("to");
            read = new Email(texts(to.path("users")), texts(to.path("groups")), to.hasNonNull("expression") ? to.get("expression").asText() : null,
                    email.path("subject").asText(), email.path("body").asText());
        }
        return new NotificationRule(stored.path("ruleId").asText(), stored.path("name").asText(), on,
                stored.hasNonNull("filter") ? stored.get("filter").asText() : null, stored.path("enabled").asBoolean(true), read);
    }

    private static List<String> texts(JsonNode array) {
        List<String> texts = new ArrayList<>();
        array.forEach(value -> texts.add(value.asText()));
        return texts;
    }
}
