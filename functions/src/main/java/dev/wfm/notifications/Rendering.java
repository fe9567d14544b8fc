package dev.wfm.notifications;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.wfm.common.JsonataTemplates;
import dev.wfm.outbound.OutboundHttp;
import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A rule's templates evaluated for one event: the filter, then the web request or the email.
 * Templates see {@code $event} ({@link EventVariables}) and {@code $job} (the job's properties as
 * path conditions see them). A template that fails, or gives what its field cannot take, is a
 * {@link Failure} in words an admin can act on; trying again would give the same.
 */
final class Rendering {
    private static final int MAX_EXCERPT_CHARS = 200;

    /** What templates see. */
    record Variables(ObjectNode event, JsonNode job) {
        Map<String, JsonNode> bound() {
            return Map.of("event", event, "job", job);
        }
    }

    /** An email to send. */
    record Message(List<String> to, String subject, String body) {
        Message {
            to = List.copyOf(to);
        }
    }

    /** A rule that cannot be rendered for this event. */
    static final class Failure extends RuntimeException {
        Failure(String message) {
            super(message);
        }
    }

    private Rendering() {}

    /** Whether the rule's filter (none: every event) lets the event through. */
    static boolean matches(NotificationRule rule, Variables variables) {
        if (rule.filter() == null) {
            return true;
        }
        Object value = evaluate(rule, "filter", rule.filter(), variables);
        if (value == null || value instanceof Boolean) {
            return Boolean.TRUE.equals(value);
        }
        throw new Failure("The filter of rule '" + rule.name() + "' gave " + kind(value) + ", not true or false");
    }

    /** The request, {@code headers} already opened (secret values clear), with the delivery's Idempotency-Key. */
    static OutboundHttp.Call webCall(NotificationRule rule, NotificationRule.WebRequest web, Map<String, String> headers,
                                     Variables variables, String idempotencyKey) {
        String url = text(rule, "action.webRequest.url", web.url(), variables);
        URI uri = OutboundHttp.httpUrl(url).orElseThrow(() -> new Failure("The action.webRequest.url of rule '" + rule.name() + "' gave '"
                + excerpt(url) + "', which is not an absolute http or https URL"));
        Map<String, String> rendered = new LinkedHashMap<>();
        headers.forEach((name, value) -> rendered.put(name, text(rule, "action.webRequest.headers." + name, value, variables)));
        String body = web.body() == null ? null : text(rule, "action.webRequest.body", web.body(), variables);
        if (body != null && rendered.keySet().stream().noneMatch("content-type"::equalsIgnoreCase)) {
            rendered.put("Content-Type", "application/json");
        }
        rendered.put("Idempotency-Key", idempotencyKey);
        return new OutboundHttp.Call(web.method(), uri, rendered, body, Duration.ofSeconds(web.timeoutSeconds()), false);
    }

    /** The email: recipients through the directory, the subject on one line. */
    static Message email(NotificationRule rule, NotificationRule.Email email, Variables variables, EmailDirectory.People people) {
        List<String> named = new ArrayList<>(email.users());
        if (email.expression() != null) {
            named.addAll(recipients(rule, evaluate(rule, "action.email.to.expression", email.expression(), variables)));
        }
        List<String> to = people.addresses(named, email.groups());
        if (to.isEmpty()) {
            throw new Failure("The recipients of rule '" + rule.name() + "' gave no email address for this event: "
                    + "name users with an address in the item's email directory, groups listed there, or addresses");
        }
        String subject = text(rule, "action.email.subject", email.subject(), variables).replaceAll("[\\r\\n]+", " ").strip();
        return new Message(to, subject, text(rule, "action.email.body", email.body(), variables));
    }

    private static List<String> recipients(NotificationRule rule, Object value) {
        List<String> names = new ArrayList<>();
        if (value == null) {
            return names;
        }
        List<?> values = value instanceof List<?> list ? list : List.of(value);
        for (Object entry : values) {
            if (!(entry instanceof String name)) {
                throw new Failure("The action.email.to.expression of rule '" + rule.name() + "' gave " + kind(entry)
                        + "; it must give a user, an address, or a list of them");
            }
            names.add(name);
        }
        return names;
    }

    private static String text(NotificationRule rule, String field, String template, Variables variables) {
        try {
            return JsonataTemplates.evaluateToText(template, variables.bound());
        } catch (RuntimeException e) {
            throw failed(rule, field, e);
        }
    }

    private static Object evaluate(NotificationRule rule, String field, String template, Variables variables) {
        try {
            return JsonataTemplates.evaluate(template, variables.bound());
        } catch (RuntimeException e) {
            throw failed(rule, field, e);
        }
    }

    private static Failure failed(NotificationRule rule, String field, RuntimeException e) {
        return new Failure("The " + field + " template of rule '" + rule.name() + "' failed on this event: " + e.getMessage());
    }

    private static String kind(Object value) {
        if (value instanceof String text) {
            return "the text '" + excerpt(text) + "'";
        }
        if (value instanceof Number number) {
            return "the number " + number;
        }
        return value instanceof List<?> ? "a list" : value instanceof Map<?, ?> ? "an object" : String.valueOf(value);
    }

    private static String excerpt(String text) {
        return text.length() <= MAX_EXCERPT_CHARS ? text : text.substring(0, MAX_EXCERPT_CHARS) + "…";
    }
}
